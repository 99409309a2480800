import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../sample-documents.js';
import {
  foldForThermal,
  RECEIPT_COLUMNS,
  renderReceiptEscPos,
  renderReceiptText,
} from './receipt.js';

const qrUrl = 'https://comptoir.example/verifier/PP-2026-000123?t=eyJhbGciOiJFZERTQSJ9.e30.sig';

describe('80 mm receipt', () => {
  it('summarizes a provisional plate: number, plate, vehicle, expiry in Montréal time, QR', () => {
    const text = renderReceiptText(sampleDocument('provisional_plate'), { qrUrl, copy: false });
    expect(text).toContain('REÇU / RECEIPT');
    expect(text).toMatch(/Numéro \/ Number +PP-2026-000123/);
    expect(text).toMatch(/Plaque \/ Plate +A12 BCD/);
    expect(text).toMatch(/Expire le \/ Expires +2027-01-10 23:59/);
    expect(text).toContain('2019 Honda Civic');
    expect(text).toContain(`[QR] ${qrUrl}`);
    expect(text).not.toContain('COPIE');
  });

  it('says a paper issued offline, with its lease, within 48 columns', () => {
    const document = sampleDocument('transit');
    const leaseId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const text = renderReceiptText(
      { ...document, issuedBy: { ...document.issuedBy, signer: 'kiosk', leaseId } },
      { qrUrl: 'q', copy: false },
    );
    expect(text).toContain('ÉMIS HORS LIGNE / ISSUED OFFLINE');
    expect(text).toContain(leaseId);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(RECEIPT_COLUMNS);
    expect(renderReceiptText(document, { qrUrl, copy: false })).not.toContain('HORS LIGNE');
  });

  it('marks reprints and keeps every line within 48 columns', () => {
    for (const kind of ['atac', 'transit', 'receipt', 'proof_of_service'] as const) {
      const text = renderReceiptText(sampleDocument(kind), { qrUrl: 'q', copy: true });
      expect(text).toContain('COPIE / COPY');
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(RECEIPT_COLUMNS);
    }
  });

  it('describes the slip in driver terms, QR data untouched, ending with a cut', () => {
    const { lines, characterSet } = renderReceiptEscPos(sampleDocument('transit'), {
      qrUrl,
      copy: false,
    });
    expect(characterSet).toBe('PC863_CANADIAN_FRENCH');
    expect(lines).toContainEqual({ type: 'qr', data: qrUrl, cellSize: 5 });
    expect(lines.at(-1)).toEqual({ type: 'cut' });
  });

  it('prints the lines of a receipt document', () => {
    const text = renderReceiptText(sampleDocument('receipt'), { qrUrl, copy: false });
    expect(text).toMatch(/Frais \/ Fees +412,75 \$/);
  });

  it('says plainly, on the slip, which letters code page 863 replaced, and by what', () => {
    const document = sampleDocument('transit', {
      dealer: { name: 'Łukasz Wąsowski', neq: '1163456789' },
    });
    const text = renderReceiptText(document, { qrUrl, copy: false });
    expect(text).toContain('?ukasz Wasowski');
    const note = text.slice(text.indexOf('Caractères remplacés')).replace(/\s+/g, ' ');
    expect(note).toContain('code page 863');
    expect(note).toContain('U+0141 -> ?, U+0105 -> a');
    // French names print whole: no note.
    expect(renderReceiptText(sampleDocument('transit'), { qrUrl, copy: false })).not.toContain(
      'Caractères remplacés',
    );
  });

  it('folds text to what code page 863 can print', () => {
    expect(foldForThermal('Élise Côté — « Reçu »')).toBe('Élise Côté - « Reçu »');
    expect(foldForThermal('12\u202f345,67\u00a0$ Łódź 漢')).toBe('12 345,67 $ ?odz ?');
  });
});
