import { sampleDocument } from '@comptoir/shared/documents';
import { describe, expect, it } from 'vitest';
import { documentRows } from './document-rows';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const kinds = [
  'atac',
  'transit',
  'provisional_plate',
  'registration_certificate',
  'proof_of_service',
  'proof_of_registration',
  'proof_of_cancellation',
  'receipt',
] as const;

describe('the document data rows', () => {
  it('reads an ATAC in French: labels, money, dates and codes for people', () => {
    const rows = documentRows(sampleDocument('atac'), 'fr');
    const byLabel = new Map(rows.map((row) => [row.label, row.value]));
    expect(byLabel.get('Prix de vente')?.replace(/\s/g, ' ')).toBe('23 495,00 $');
    expect(byLabel.get('Transaction')).toBe('Vente');
    expect(byLabel.get('Type de véhicule')).toBe('Automobile');
    expect(byLabel.get('Date de livraison')).toBe('26 nov. 2026');
    expect(byLabel.get('Année')).toBe('2019');
  });

  it('shows no key, no code, no UUID and no technical field, in either language', () => {
    for (const kind of kinds) {
      for (const locale of ['fr', 'en'] as const) {
        const rows = documentRows(sampleDocument(kind), locale);
        expect(rows.length, kind).toBeGreaterThan(3);
        const text = rows.map((row) => `${row.label}: ${row.value}`).join('\n');
        expect(text).not.toMatch(UUID);
        expect(text).not.toMatch(/Cents|schemaVersion|accountId|\bkid\b|sample-key-id|acc-0042/);
        expect(text).not.toMatch(/\b(sale|used|automobile|final|promenade|entry_error)\b/);
      }
    }
  });
});
