import type { BilingualText } from '../../bilingual.js';
import type { IssuedDocument } from '../../schemas/document.schema.js';
import { documentTitles } from '../document-titles.js';
import { bothLanguages, paperDateTime } from '../paper-text.js';

/** Characters per line of an 80 mm printer in its standard font (font A, 12 × 24 dots). */
export const RECEIPT_COLUMNS = 48;

/** One instruction of a receipt, in terms every ESC/POS driver (node-thermal-printer) has. */
export type ReceiptLine =
  | { type: 'text'; text: string; align: 'left' | 'center'; bold: boolean; large: boolean }
  | { type: 'pair'; left: string; right: string }
  | { type: 'rule' }
  | { type: 'qr'; data: string; cellSize: number }
  | { type: 'feed'; lines: number }
  | { type: 'cut' };

/**
 * A receipt described independently of any printer: lines already wrapped to
 * {@link RECEIPT_COLUMNS} and folded to characters that code page 863 (Canadian French, which
 * the agent selects: `characterSet: 'PC863_CANADIAN_FRENCH'`) can print.
 */
export interface ReceiptDescription {
  columns: number;
  characterSet: 'PC863_CANADIAN_FRENCH';
  lines: ReceiptLine[];
}

/** Options of a receipt: the verification URL for its QR code, and whether it is a reprint. */
export interface ReceiptOptions {
  qrUrl: string;
  copy: boolean;
}

/**
 * The client's 80 mm receipt for any issued document (not an official document): what was
 * done, its number, the vehicle, the expiry and a QR code to verify it.
 *
 * @example
 * const receipt = renderReceiptEscPos(document, { qrUrl, copy: false });
 * for (const line of receipt.lines) escposDriver.apply(line);
 */
export function renderReceiptEscPos(
  document: IssuedDocument,
  options: ReceiptOptions,
): ReceiptDescription {
  const lines: ReceiptLine[] = [];
  const replaced = new Map<string, string>();
  const fold = (value: string) => foldForThermal(value, replaced);
  const text = (
    value: string,
    style: Partial<{ center: boolean; bold: boolean; large: boolean }> = {},
  ) => {
    const large = style.large ?? false;
    for (const line of wrap(fold(value), large ? RECEIPT_COLUMNS / 2 : RECEIPT_COLUMNS)) {
      lines.push({
        type: 'text',
        text: line,
        align: style.center === true ? 'center' : 'left',
        bold: style.bold ?? false,
        large,
      });
    }
  };
  const pair = (label: BilingualText, value: string) => {
    const left = fold(bothLanguages(label));
    const right = fold(value);
    if (left.length + right.length + 1 <= RECEIPT_COLUMNS) {
      lines.push({ type: 'pair', left, right });
      return;
    }
    text(left, { bold: true });
    text(right);
  };

  text(bothLanguages({ fr: 'REÇU', en: 'RECEIPT' }), { center: true, bold: true, large: true });
  if (options.copy) text('COPIE / COPY', { center: true, bold: true, large: true });
  text(document.dealer.name, { center: true, bold: true });
  text(`NEQ ${document.dealer.neq} — ${document.licence}`, { center: true });
  lines.push({ type: 'rule' });
  text(bothLanguages(documentTitles[document.kind]), { bold: true });
  pair({ fr: 'Numéro', en: 'Number' }, document.number);
  pair({ fr: 'Émis le', en: 'Issued' }, paperDateTime(document.issuedAt));
  if (document.issuedBy.leaseId !== undefined) {
    text(bothLanguages({ fr: 'ÉMIS HORS LIGNE', en: 'ISSUED OFFLINE' }), { bold: true });
    pair({ fr: 'Bail', en: 'Lease' }, document.issuedBy.leaseId);
  }
  if (document.expiresAt !== undefined) {
    pair({ fr: 'Expire le', en: 'Expires' }, paperDateTime(document.expiresAt));
  }
  if (document.kind === 'provisional_plate' || document.kind === 'registration_certificate') {
    pair({ fr: 'Plaque', en: 'Plate' }, document.plateNumber);
  }
  const { vehicle } = document;
  text(`${vehicle.year} ${vehicle.make} ${vehicle.model}`);
  pair({ fr: 'NIV', en: 'VIN' }, vehicle.vin);
  if (document.kind === 'receipt') {
    for (const line of document.lines) pair(line.label, line.value);
  }
  lines.push({ type: 'rule' });
  // 5 dots a module: 0.63 mm on a 203 dpi thermal head, the papers' 0.6 mm floor.
  lines.push({ type: 'qr', data: options.qrUrl, cellSize: 5 });
  text(bothLanguages({ fr: 'Vérifier ce document', en: 'Verify this document' }), { center: true });
  text(
    bothLanguages({ fr: "Ce reçu n'est pas un document officiel", en: 'Not an official document' }),
    { center: true },
  );
  text(`${bothLanguages({ fr: 'Heures de Montréal', en: 'Montréal time' })}`, { center: true });
  if (replaced.size > 0) {
    // Said on the paper itself: a name printed "Lukasz" must not pass for the signed "Łukasz".
    lines.push({ type: 'rule' });
    for (const line of wrap(foldForThermal(replacementNote(replaced)), RECEIPT_COLUMNS)) {
      lines.push({ type: 'text', text: line, align: 'left', bold: false, large: false });
    }
  }
  lines.push({ type: 'feed', lines: 3 }, { type: 'cut' });
  return { columns: RECEIPT_COLUMNS, characterSet: 'PC863_CANADIAN_FRENCH', lines };
}

/**
 * The receipt as plain text, {@link RECEIPT_COLUMNS} wide: for tests, logs and the agent's
 * file driver. Large text is shown at normal width (on paper it takes two columns a character).
 */
export function renderReceiptText(document: IssuedDocument, options: ReceiptOptions): string {
  const { lines, columns } = renderReceiptEscPos(document, options);
  const out: string[] = [];
  for (const line of lines) {
    switch (line.type) {
      case 'text': {
        const padding = line.align === 'center' ? Math.floor((columns - line.text.length) / 2) : 0;
        out.push(' '.repeat(Math.max(0, padding)) + line.text);
        break;
      }
      case 'pair':
        out.push(
          line.left + ' '.repeat(columns - line.left.length - line.right.length) + line.right,
        );
        break;
      case 'rule':
        out.push('-'.repeat(columns));
        break;
      case 'qr':
        out.push(`[QR] ${line.data}`);
        break;
      case 'feed':
        for (let i = 0; i < line.lines; i++) out.push('');
        break;
      case 'cut':
        out.push('='.repeat(columns));
        break;
    }
  }
  return out.join('\n');
}

/** Letters code page 863 prints besides ASCII: French accents, guillemets, degree sign. */
const PC863_EXTRA = new Set('àâçéèêëîïôùûüÀÂÇÉÈÊËÎÏÔÙÛÜ«»°');

/**
 * The note a receipt ends with when its code page could not print some letters: each one by
 * its code point (the printer cannot show it) and what was printed instead, e.g.
 * `U+0141 -> L, U+1EC5 -> e`.
 */
function replacementNote(replaced: ReadonlyMap<string, string>): string {
  const list = [...replaced]
    .map(
      ([char, by]) =>
        `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} -> ${by}`,
    )
    .join(', ');
  return `${bothLanguages({
    fr: 'Caractères remplacés par cette imprimante (page de codes 863) ; le document officiel les porte tous',
    en: 'characters replaced by this printer (code page 863); the official document has them all',
  })} : ${list}`;
}

/**
 * Folds text to what a PC863 thermal printer can print: typographic dashes and quotes to
 * ASCII, (narrow) no-break spaces to spaces, other accents stripped, anything else `?`. Each
 * letter replaced (not the punctuation) is recorded in `replaced`, with what it became.
 */
export function foldForThermal(text: string, replaced?: Map<string, string>): string {
  const typographic = text
    .normalize('NFC')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\u00a0\u202f\u2007]/g, ' ');
  let folded = '';
  for (const char of typographic) {
    if ((char >= ' ' && char <= '~') || PC863_EXTRA.has(char)) {
      folded += char;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    const printed = /^[ -~]+$/.test(base) ? base : '?';
    replaced?.set(char, printed);
    folded += printed;
  }
  return folded;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0;) {
      const candidate = line === '' ? rest : `${line} ${rest}`;
      if (candidate.length <= width) {
        line = candidate;
        rest = '';
      } else if (line !== '') {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
