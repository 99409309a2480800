import type { DocumentKind } from '../schemas/document.schema.js';

/**
 * The number series of each document kind: `T-2026-000123`, `ATAC-2026-000045`; registration
 * papers `PP-` provisional plate, `CI-` certificat d'immatriculation, `PS-` preuve de service,
 * `PR-` preuve d'enregistrement, `PA-` preuve d'annulation. Transactions (not documents) have
 * their own series: `R-` registrations, `E-` inventory records.
 */
export const documentSeries = {
  atac: 'ATAC',
  transit: 'T',
  provisional_plate: 'PP',
  registration_certificate: 'CI',
  proof_of_service: 'PS',
  proof_of_registration: 'PR',
  proof_of_cancellation: 'PA',
} as const satisfies Partial<Record<DocumentKind, string>>;

/** The series a document kind is numbered in; receipts are printed from a numbered document. */
export function seriesOfKind(kind: DocumentKind): string | undefined {
  return (documentSeries as Partial<Record<DocumentKind, string>>)[kind];
}

/**
 * A document or transaction number: series, the local year it was drawn in, and the value
 * drawn from the series, zero-padded to six digits.
 *
 * @example formatDocumentNumber('T', '2026', 123) // 'T-2026-000123'
 */
export function formatDocumentNumber(series: string, year: string, value: number): string {
  return `${series}-${year}-${String(value).padStart(6, '0')}`;
}
