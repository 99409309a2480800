import type { IssuedDocument } from '../schemas/document.schema.js';
import { layoutAtac } from './layouts/atac.layout.js';
import {
  layoutProofOfCancellation,
  layoutProofOfRegistration,
  layoutProofOfService,
} from './layouts/proofs.layout.js';
import { layoutProvisionalPlate } from './layouts/provisional-plate.layout.js';
import { layoutReceiptPage } from './layouts/receipt-page.layout.js';
import { layoutRegistrationCertificate } from './layouts/registration-certificate.layout.js';
import { layoutTransit } from './layouts/transit.layout.js';
import { finishPages } from './pdf/frame.js';
import { Sheet } from './pdf/sheet.js';
import type { RenderOptions } from './render-options.js';

/**
 * Renders a signed document as a letter-size PDF with its fonts embedded and a vector QR code.
 * The same code runs in the print agent (originals, copies) and in the kiosk's browser
 * (previews, watermarked). French first, English second; times in Québec's zone.
 *
 * @example
 * const pdf = await renderDocumentPdf(document, { mark: 'original', qrUrl });
 * await writeFile('plate.pdf', pdf);
 */
export async function renderDocumentPdf(
  document: IssuedDocument,
  options: RenderOptions,
): Promise<Uint8Array> {
  const sheet = await Sheet.create(`${document.kind} ${document.number}`, options.qrUrl);
  switch (document.kind) {
    case 'provisional_plate':
      layoutProvisionalPlate(sheet, document);
      break;
    case 'transit':
      layoutTransit(sheet, document);
      break;
    case 'atac':
      layoutAtac(sheet, document);
      break;
    case 'registration_certificate':
      layoutRegistrationCertificate(sheet, document);
      break;
    case 'proof_of_service':
      layoutProofOfService(sheet, document);
      break;
    case 'proof_of_registration':
      layoutProofOfRegistration(sheet, document);
      break;
    case 'proof_of_cancellation':
      layoutProofOfCancellation(sheet, document);
      break;
    case 'receipt':
      layoutReceiptPage(sheet, document);
      break;
  }
  finishPages(sheet, document, options);
  return sheet.save();
}
