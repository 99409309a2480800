import type { IssuedDocumentOf } from '../../schemas/document.schema.js';
import { documentTitles } from '../document-titles.js';
import { bothLanguages, paperDateTime, paperLabel, paperMoney } from '../paper-text.js';
import { drawHeader, vehicleFields } from '../pdf/frame.js';
import { ink, type Sheet } from '../pdf/sheet.js';

type EmployeeSignature = IssuedDocumentOf<'proof_of_service'>['employeeSignature'];

/** Proof of service: end of every registration or inventory record; the client signs it. */
export function layoutProofOfService(
  sheet: Sheet,
  document: IssuedDocumentOf<'proof_of_service'>,
): void {
  drawHeader(sheet, document, documentTitles.proof_of_service);
  sheet.section({ fr: 'Transaction', en: 'Transaction' });
  sheet.fields([
    {
      label: { fr: 'Numéro de transaction', en: 'Transaction number' },
      value: document.transactionNumber,
    },
    { label: { fr: 'Type', en: 'Type' }, value: paperLabel(document.transactionType) },
    { label: { fr: 'Date', en: 'Date' }, value: paperDateTime(document.issuedAt) },
    { label: { fr: 'Frais', en: 'Fees' }, value: paperMoney(document.feesCents), span: 3 },
  ]);
  sheet.section({ fr: 'Véhicule', en: 'Vehicle' });
  sheet.fields(vehicleFields(document));
  electronicSignature(sheet, document.employeeSignature);
  sheet.signatureLines([bothLanguages({ fr: 'Signature du client', en: "Client's signature" })]);
}

/** Proof of registration (inventory record): the vehicle is in the dealer's inventory. */
export function layoutProofOfRegistration(
  sheet: Sheet,
  document: IssuedDocumentOf<'proof_of_registration'>,
): void {
  drawHeader(sheet, document, documentTitles.proof_of_registration);
  sheet.section({ fr: 'Transaction', en: 'Transaction' });
  sheet.fields([
    {
      label: { fr: 'Numéro de transaction', en: 'Transaction number' },
      value: document.transactionNumber,
    },
    { label: { fr: 'Date', en: 'Date' }, value: paperDateTime(document.issuedAt) },
  ]);
  sheet.section({ fr: 'Véhicule', en: 'Vehicle' });
  sheet.fields(vehicleFields(document));
  sheet.paragraph(
    bothLanguages({
      fr: "Véhicule inscrit à l'inventaire du commerçant : aucune plaque, aucun droit de circuler",
      en: "Vehicle recorded in the dealer's inventory: no plate, no right to drive",
    }),
    { size: 9, bold: true },
  );
  electronicSignature(sheet, document.employeeSignature);
}

/** Proof of cancellation: which transaction was cancelled the same day, and why. */
export function layoutProofOfCancellation(
  sheet: Sheet,
  document: IssuedDocumentOf<'proof_of_cancellation'>,
): void {
  drawHeader(sheet, document, documentTitles.proof_of_cancellation);
  sheet.section({ fr: 'Annulation', en: 'Cancellation' });
  sheet.fields([
    {
      label: { fr: 'Transaction annulée', en: 'Cancelled transaction' },
      value: document.cancelledNumber,
    },
    { label: { fr: 'Motif', en: 'Reason' }, value: paperLabel(document.reasonCode) },
    { label: { fr: 'Annulée le', en: 'Cancelled' }, value: paperDateTime(document.issuedAt) },
  ]);
  sheet.section({ fr: 'Véhicule', en: 'Vehicle' });
  sheet.fields(vehicleFields(document));
}

function electronicSignature(sheet: Sheet, signature: EmployeeSignature): void {
  sheet.section({ fr: 'Signature électronique', en: 'Electronic signature' });
  sheet.paragraph(
    `${bothLanguages({ fr: 'Confirmé par', en: 'Confirmed by' })} ${signature.name} (${signature.accountId}) — ${paperDateTime(signature.signedAt)}`,
    { size: 10, bold: true },
  );
  sheet.paragraph(
    bothLanguages({
      fr: "Signé électroniquement par l'employé du commerçant",
      en: "Electronically signed by the dealer's employee",
    }),
    { size: 8, color: ink.label },
  );
}
