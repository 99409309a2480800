import type { IssuedDocumentOf } from '../../schemas/document.schema.js';
import { documentTitles } from '../document-titles.js';
import { paperAddress, paperDateTime, paperInteger, paperLabel } from '../paper-text.js';
import { drawHeader, vehicleFields } from '../pdf/frame.js';
import type { Sheet } from '../pdf/sheet.js';

/** The registration certificate printed at the end of a registration. */
export function layoutRegistrationCertificate(
  sheet: Sheet,
  document: IssuedDocumentOf<'registration_certificate'>,
): void {
  drawHeader(sheet, document, documentTitles.registration_certificate);
  sheet.section({ fr: 'Immatriculation', en: 'Registration' });
  sheet.fields([
    { label: { fr: 'Numéro de plaque', en: 'Plate number' }, value: document.plateNumber },
    { label: { fr: 'Usage', en: 'Use' }, value: paperLabel(document.use) },
    { label: { fr: 'En vigueur le', en: 'Effective' }, value: paperDateTime(document.issuedAt) },
    ...(document.atacNumber === undefined
      ? []
      : [{ label: { fr: 'ATAC', en: 'ATAC' }, value: document.atacNumber }]),
  ]);
  sheet.section({ fr: "Titulaire de l'immatriculation", en: 'Registration holder' });
  sheet.fields([
    { label: { fr: 'Nom', en: 'Name' }, value: document.holder.name, span: 3 },
    {
      label: { fr: 'Adresse', en: 'Address' },
      value: paperAddress(document.holder.address),
      span: 3,
    },
  ]);
  const { vehicle } = document;
  sheet.section({ fr: 'Véhicule', en: 'Vehicle' });
  sheet.fields([
    ...vehicleFields(document),
    { label: { fr: 'Couleur', en: 'Colour' }, value: vehicle.colour ?? '—' },
    {
      label: { fr: 'Masse nette', en: 'Net mass' },
      value: vehicle.netMassKg === undefined ? '—' : `${paperInteger(vehicle.netMassKg)} kg`,
    },
  ]);
  sheet.space(8);
  sheet.paragraph(
    "Gardez ce certificat dans le véhicule. La plaque provisoire reste valide jusqu'à la réception de la plaque métallique.",
    { size: 9 },
  );
  sheet.paragraph(
    'Keep this certificate in the vehicle. The provisional plate stays valid until the metal plate arrives.',
    { size: 9 },
  );
}
