import type { IssuedDocument } from '../schemas/document.schema.js';
import { documentSeries } from './document-numbers.js';

/*
 * Finding a paper: what a person types in one search box (a VIN or its last 6, a customer's
 * name, a document or registration number, a plate) turned into exact keys the registry looks
 * up in its indexes, and the keys a document is filed under. The same functions run on the
 * server (stored columns) and on the kiosk (its own documents, offline), so both find the
 * same papers.
 */

/** The longest search text accepted (a VIN is 17; a full name with spaces fits in 80). */
export const SEARCH_MAX_LENGTH = 80;
/** At most this many papers answer one search (newest first); the screen says when more match. */
export const SEARCH_RESULT_LIMIT = 50;
/** A name word shorter than this finds too much: it is ignored. */
export const SEARCH_MIN_WORD = 2;
/** At most this many name words are used (the rest only narrow nothing useful). */
export const SEARCH_MAX_WORDS = 4;

/**
 * Folds text for accent- and case-insensitive matching: compatibility decomposition, marks
 * removed, lower case, every run of other characters (punctuation, symbols, `%`, `_`,
 * emoji) one space. The result holds only `a-z`, `0-9` and single spaces, so it can never
 * carry a LIKE wildcard or sort unexpectedly in an index.
 *
 * @example foldText('  Hélène  CÔTÉ-Ouellet ') // 'helene cote ouellet'
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/[đð]/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The distinct words of a folded text, longest first (the most selective to look up). */
export function foldedWords(text: string): string[] {
  const words = [...new Set(foldText(text).split(' '))].filter(
    (word) => word.length >= SEARCH_MIN_WORD,
  );
  return words.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** The last six characters of a VIN (upper case), the way a person reads them off a car. */
export function vinLast6(vin: string): string {
  return vin.replace(/\s+/g, '').toUpperCase().slice(-6);
}

/** A plate as stored and searched: upper case, letters and digits only. */
export function plateSearchKey(plate: string): string {
  return plate.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The keys a document is filed under for search. */
export interface DocumentSearchKeys {
  /** The VIN's last 6 characters. */
  vinLast6: string;
  /** The customers' names folded (`foldText`), joined by ` / `; `null` when the paper names none. */
  nameFolded: string | null;
  /** The distinct folded words of those names (at least {@link SEARCH_MIN_WORD} long). */
  nameWords: string[];
  /** The plate the paper carries, normalized; `null` when none. */
  plate: string | null;
}

/** The customers a paper names: the ATAC's buyers, the transit's or certificate's holder. */
export function customerNamesOf(document: IssuedDocument): string[] {
  switch (document.kind) {
    case 'atac':
      return document.buyers.map((buyer) => buyer.name);
    case 'transit':
    case 'registration_certificate':
      return [document.holder.name];
    default:
      return [];
  }
}

/** The plate a paper carries, if any. */
export function plateOf(document: IssuedDocument): string | null {
  if (document.kind === 'provisional_plate' || document.kind === 'registration_certificate') {
    return plateSearchKey(document.plateNumber) || null;
  }
  return null;
}

/** The search keys of a document, as the server stores them and the kiosk computes them. */
export function documentSearchKeys(document: IssuedDocument): DocumentSearchKeys {
  const names = customerNamesOf(document)
    .map(foldText)
    .filter((name) => name.length > 0);
  return {
    vinLast6: vinLast6(document.vehicle.vin),
    nameFolded: names.length > 0 ? names.join(' / ') : null,
    nameWords: foldedWords(names.join(' ')),
    plate: plateOf(document),
  };
}

// Number series a person may type (documents, registrations `R-`, inventory records `E-`).
const numberSeries = [...Object.values(documentSeries), 'R', 'E'].sort(
  (a, b) => b.length - a.length,
);
const numberPattern = new RegExp(`^(${numberSeries.join('|')})-?(\\d{4})-?(\\d{1,6})$`);

/** What a search text can mean: every key it could be, looked up together. */
export interface SearchCriteria {
  /** A full document or transaction number, normalized (`T-2026-000123`). */
  number?: string;
  /** A full VIN (17 characters). */
  vin?: string;
  /** Six characters that may be a VIN's end. */
  vinLast6?: string;
  /** Letters and digits that may be a plate (2 to 8, at least one digit). */
  plate?: string;
  /** Folded name words, longest first, at most {@link SEARCH_MAX_WORDS}. */
  nameWords: string[];
}

/**
 * Reads what a person typed: a number (`t 2026 123`, `T-2026-000123`), a VIN, its last 6, a
 * plate, and/or name words. Several readings may hold at once (`ABC123` is a plate and a
 * VIN's end); `isSearchable` says whether anything is left to look up.
 *
 * @example parseSearchText('Hélène Côté') // { nameWords: ['helene', 'cote'] }
 */
export function parseSearchText(text: string): SearchCriteria {
  const compact = text.toUpperCase().replace(/[\s\-./]+/g, '');
  const criteria: SearchCriteria = { nameWords: [] };
  const dashed = text.trim().toUpperCase().replace(/\s+/g, '-');
  const number = numberPattern.exec(dashed) ?? numberPattern.exec(compact);
  if (number) {
    const [, series = '', year = '', value = ''] = number;
    criteria.number = `${series}-${year}-${value.padStart(6, '0')}`;
    return criteria;
  }
  if (/^[A-Z0-9]{17}$/.test(compact)) criteria.vin = compact;
  if (/^[A-Z0-9]{6}$/.test(compact)) criteria.vinLast6 = compact;
  if (/^[A-Z0-9]{2,8}$/.test(compact) && /\d/.test(compact)) criteria.plate = compact;
  // Words only when the text reads as a name (letters); a VIN or plate is no name.
  if (!criteria.vin && !criteria.plate && /\p{L}/u.test(text)) {
    criteria.nameWords = foldedWords(text).slice(0, SEARCH_MAX_WORDS);
  }
  return criteria;
}

/** True when the criteria name something to look up. */
export function isSearchable(criteria: SearchCriteria): boolean {
  return Boolean(
    criteria.number ||
    criteria.vin ||
    criteria.vinLast6 ||
    criteria.plate ||
    criteria.nameWords.length > 0,
  );
}

/** True when a paper's folded names hold every word, each as the start of one of its words. */
export function namesMatch(nameFolded: string | null, words: readonly string[]): boolean {
  if (!nameFolded) return false;
  const own = nameFolded.split(/[ /]+/);
  return words.every((word) => own.some((candidate) => candidate.startsWith(word)));
}

/** True when a document matches the criteria (the kiosk's offline search, the server's check). */
export function documentMatches(
  document: IssuedDocument,
  number: string,
  criteria: SearchCriteria,
): boolean {
  const keys = documentSearchKeys(document);
  if (criteria.number) return number === criteria.number;
  if (criteria.vin && document.vehicle.vin.toUpperCase() === criteria.vin) return true;
  if (criteria.vinLast6 && keys.vinLast6 === criteria.vinLast6) return true;
  if (criteria.plate && keys.plate === criteria.plate) return true;
  return criteria.nameWords.length > 0 && namesMatch(keys.nameFolded, criteria.nameWords);
}

/** What a staff member's lookup box can mean: a licence, a document number, a VIN. */
export interface StaffLookupCriteria {
  /** A licence number, normalized (`L-100001`). */
  licence?: string;
  /** A document or transaction number, normalized. */
  number?: string;
  /** A full VIN. */
  vin?: string;
}

/**
 * Reads the staff console's lookup box: a licence number (`l100001`, `L-100001`), a document
 * or registration number, or a VIN. Names are not looked up there (staff find people through
 * a licence's journal).
 *
 * @example parseStaffLookup('l 100001') // { licence: 'L-100001' }
 */
export function parseStaffLookup(text: string): StaffLookupCriteria {
  const compact = text.toUpperCase().replace(/[\s\-./]+/g, '');
  const licence = /^L(\d{6})$/.exec(compact);
  if (licence) return { licence: `L-${licence[1] ?? ''}` };
  const { number, vin } = parseSearchText(text);
  return { ...(number && { number }), ...(vin && { vin }) };
}
