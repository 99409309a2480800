import { codeLabel, TIME_ZONE, type BilingualText } from '@comptoir/shared';

/**
 * "Données du document": the signed document's fields as rows a person reads (issue 19: no
 * raw keys such as `amounts.salePriceCents`, no codes, no UUIDs). Each field path (array
 * indexes written `[]`) has a label here; technical fields (signer, key id, account ids,
 * schema version) are left out; a field this version does not know is left out too rather
 * than shown as a key.
 */
const fieldLabels: Readonly<Record<string, BilingualText>> = {
  number: { fr: 'Numéro', en: 'Number' },
  licence: { fr: 'Licence', en: 'Licence' },
  'dealer.name': { fr: 'Commerçant', en: 'Dealer' },
  'dealer.neq': { fr: 'NEQ', en: 'NEQ' },
  'dealer.permit': { fr: 'Permis OPC', en: 'OPC permit' },
  'dealer.address.line1': { fr: 'Adresse du commerçant', en: 'Dealer address' },
  'dealer.address.line2': { fr: 'Adresse du commerçant (suite)', en: 'Dealer address (cont.)' },
  'dealer.address.city': { fr: 'Ville du commerçant', en: 'Dealer city' },
  'dealer.address.province': { fr: 'Province du commerçant', en: 'Dealer province' },
  'dealer.address.postalCode': { fr: 'Code postal du commerçant', en: 'Dealer postal code' },
  issuedAt: { fr: 'Émis le', en: 'Issued' },
  expiresAt: { fr: 'Expire le', en: 'Expires' },
  status: { fr: 'État', en: 'Status' },
  'vehicle.vin': { fr: 'NIV', en: 'VIN' },
  'vehicle.make': { fr: 'Marque', en: 'Make' },
  'vehicle.model': { fr: 'Modèle', en: 'Model' },
  'vehicle.year': { fr: 'Année', en: 'Year' },
  'vehicle.type': { fr: 'Type de véhicule', en: 'Vehicle type' },
  'vehicle.condition': { fr: 'État du véhicule', en: 'Vehicle condition' },
  'vehicle.odometerKm': { fr: 'Odomètre (km)', en: 'Odometer (km)' },
  'vehicle.colour': { fr: 'Couleur', en: 'Colour' },
  'vehicle.netMassKg': { fr: 'Masse nette (kg)', en: 'Net mass (kg)' },
  transaction: { fr: 'Transaction', en: 'Transaction' },
  deliveryDate: { fr: 'Date de livraison', en: 'Delivery date' },
  'buyers[].name': { fr: 'Acheteur', en: 'Buyer' },
  'buyers[].driverLicence': { fr: 'Permis de conduire', en: 'Driving licence' },
  'buyers[].address.line1': { fr: 'Adresse', en: 'Address' },
  'buyers[].address.line2': { fr: 'Adresse (suite)', en: 'Address (cont.)' },
  'buyers[].address.city': { fr: 'Ville', en: 'City' },
  'buyers[].address.province': { fr: 'Province', en: 'Province' },
  'buyers[].address.postalCode': { fr: 'Code postal', en: 'Postal code' },
  'buyers[].address.country': { fr: 'Pays', en: 'Country' },
  'amounts.salePriceCents': { fr: 'Prix de vente', en: 'Sale price' },
  'amounts.tradeInCents': { fr: 'Valeur du véhicule échangé', en: 'Trade-in value' },
  'amounts.gstCents': { fr: 'TPS perçue', en: 'GST collected' },
  'amounts.qstBaseCents': { fr: 'Montant servant au calcul de la TVQ', en: 'QST base' },
  days: { fr: 'Durée (jours)', en: 'Length (days)' },
  reason: { fr: 'Motif', en: 'Reason' },
  reasonText: { fr: 'Précision du motif', en: 'Reason details' },
  'holder.name': { fr: 'Titulaire', en: 'Holder' },
  'holder.driverLicence': { fr: 'Permis de conduire', en: 'Driving licence' },
  'holder.address.line1': { fr: 'Adresse', en: 'Address' },
  'holder.address.line2': { fr: 'Adresse (suite)', en: 'Address (cont.)' },
  'holder.address.city': { fr: 'Ville', en: 'City' },
  'holder.address.province': { fr: 'Province', en: 'Province' },
  'holder.address.postalCode': { fr: 'Code postal', en: 'Postal code' },
  'holder.address.country': { fr: 'Pays', en: 'Country' },
  plateNumber: { fr: 'Numéro de plaque', en: 'Plate number' },
  use: { fr: 'Usage', en: 'Use' },
  transactionNumber: { fr: 'Numéro de la transaction', en: 'Transaction number' },
  transactionType: { fr: 'Type de transaction', en: 'Transaction type' },
  feesCents: { fr: 'Droits', en: 'Fees' },
  'employeeSignature.name': { fr: 'Signé par', en: 'Signed by' },
  'employeeSignature.signedAt': { fr: 'Signé le', en: 'Signed' },
  cancelledNumber: { fr: 'Numéro annulé', en: 'Voided number' },
  reasonCode: { fr: 'Motif', en: 'Reason' },
  atacNumber: { fr: 'ATAC', en: 'ATAC' },
};

/** One readable row: the label and the value, both in the screen's language. */
export interface DocumentRow {
  label: string;
  value: string;
}

type Locale = 'fr' | 'en';

function formatValue(path: string, value: string | number | boolean, locale: Locale): string {
  const intl = locale === 'fr' ? 'fr-CA' : 'en-CA';
  if (typeof value === 'boolean')
    return value ? { fr: 'Oui', en: 'Yes' }[locale] : { fr: 'Non', en: 'No' }[locale];
  if (typeof value === 'number') {
    if (path.endsWith('Cents')) {
      return new Intl.NumberFormat(intl, { style: 'currency', currency: 'CAD' }).format(
        value / 100,
      );
    }
    // Years read as years (2019, not 2 019).
    return path.endsWith('year') ? String(value) : new Intl.NumberFormat(intl).format(value);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return new Intl.DateTimeFormat(intl, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: TIME_ZONE,
    }).format(new Date(value));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  return codeLabel(value)?.[locale] ?? value;
}

/**
 * The rows of a signed document in `locale`, in the document's own field order; a repeated
 * party is numbered (`Acheteur 2`), a bilingual line (receipt) shows its own language.
 */
export function documentRows(document: unknown, locale: Locale): DocumentRow[] {
  const rows: DocumentRow[] = [];
  const visit = (value: unknown, path: string, ordinal: string): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) =>
        visit(item, `${path}[]`, value.length > 1 ? ` ${index + 1}` : ''),
      );
      return;
    }
    if (typeof value === 'object') {
      // A bilingual text (receipt lines): one language.
      if ('fr' in value && 'en' in value && Object.keys(value).length === 2) {
        visit(Reflect.get(value, locale), `${path}.${locale}`, ordinal);
        return;
      }
      for (const [key, item] of Object.entries(value))
        visit(item, path ? `${path}.${key}` : key, ordinal);
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return;
    const receiptLine = /^lines\[\]\.(label|value)/.exec(path);
    if (receiptLine) {
      if (receiptLine[1] === 'label') rows.push({ label: String(value), value: '' });
      else if (rows.length > 0)
        rows[rows.length - 1] = { ...rows[rows.length - 1]!, value: String(value) };
      return;
    }
    const label = fieldLabels[path];
    if (!label) return;
    rows.push({ label: `${label[locale]}${ordinal}`, value: formatValue(path, value, locale) });
  };
  visit(document, '', '');
  return rows;
}
