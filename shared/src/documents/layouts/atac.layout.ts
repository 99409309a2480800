import type { IssuedDocumentOf } from '../../schemas/document.schema.js';
import { documentTitles } from '../document-titles.js';
import {
  bothLanguages,
  paperAddress,
  paperDate,
  paperInteger,
  paperLabel,
  paperMoney,
} from '../paper-text.js';
import { drawHeader, vehicleFields } from '../pdf/frame.js';
import { ink, type Field, type Sheet } from '../pdf/sheet.js';

type AtacBuyer = IssuedDocumentOf<'atac'>['buyers'][number];

/**
 * The ATAC (attestation de transaction avec un commerçant): every field the service point
 * needs, filled by the system; only signatures may be added by hand.
 */
export function layoutAtac(sheet: Sheet, document: IssuedDocumentOf<'atac'>): void {
  drawHeader(sheet, document, documentTitles.atac, { withDealer: false });
  if (document.status === 'on_hold') {
    sheet.paragraph(
      bothLanguages({ fr: 'EN ATTENTE — non finalisée', en: 'ON HOLD — not final' }),
      { size: 11, bold: true, color: ink.alert },
    );
  }
  const { dealer } = document;
  sheet.section({ fr: 'Commerçant', en: 'Dealer' });
  sheet.fields([
    { label: { fr: 'Nom', en: 'Name' }, value: dealer.name, span: 3 },
    // Where the buyer finds the dealer: the licence's address on file.
    { label: { fr: 'Adresse', en: 'Address' }, value: paperAddress(dealer.address), span: 3 },
    { label: { fr: 'NEQ', en: 'NEQ' }, value: dealer.neq },
    { label: { fr: 'Permis OPC', en: 'OPC permit' }, value: dealer.permit ?? '—' },
    { label: { fr: 'Licence SAAQ', en: 'SAAQ licence' }, value: document.licence },
  ]);
  sheet.section({ fr: 'Transaction', en: 'Transaction' });
  sheet.fields([
    { label: { fr: 'Type', en: 'Type' }, value: paperLabel(document.transaction) },
    {
      label: { fr: 'Date de livraison', en: 'Delivery date' },
      value: paperDate(document.deliveryDate),
    },
  ]);
  const { vehicle } = document;
  sheet.section({ fr: 'Véhicule', en: 'Vehicle' });
  // Four columns keep the ATAC on one page with two buyers; the colour is not an ATAC field.
  sheet.fields(
    [
      ...vehicleFields(document),
      { label: { fr: 'État', en: 'Condition' }, value: paperLabel(vehicle.condition) },
      {
        label: { fr: 'Odomètre', en: 'Odometer' },
        value: vehicle.odometerKm === undefined ? '—' : `${paperInteger(vehicle.odometerKm)} km`,
      },
    ],
    4,
  );
  sheet.section({ fr: 'Acheteurs', en: 'Buyers' });
  document.buyers.forEach((buyer, index) => {
    sheet.fields(buyerFields(buyer, index === document.holderIndex), 4);
  });
  sheet.section({ fr: 'Montants', en: 'Amounts' });
  const { amounts } = document;
  sheet.fields(
    [
      {
        label: { fr: 'Prix de vente', en: 'Sale price' },
        value: paperMoney(amounts.salePriceCents),
      },
      {
        label: { fr: 'Valeur du véhicule repris', en: 'Trade-in allowance' },
        value: paperMoney(amounts.tradeInCents),
      },
      { label: { fr: 'TPS perçue', en: 'GST charged' }, value: paperMoney(amounts.gstCents) },
      {
        label: { fr: 'Montant sur lequel la TVQ est calculée', en: 'Amount subject to QST' },
        value: paperMoney(amounts.qstBaseCents),
      },
    ],
    2,
  );
  sheet.space(4);
  sheet.paragraph(
    bothLanguages({
      fr: 'Rempli dans le système : seules les signatures peuvent être ajoutées à la main',
      en: 'Filled in the system: only signatures may be added by hand',
    }),
    { size: 8, color: ink.label },
  );
  // "Signature" is the same word in both languages: one caption per signer stays on one line.
  sheet.signatureLines([
    `Signature — ${bothLanguages({ fr: 'commerçant', en: 'dealer' })}`,
    ...document.buyers.map((buyer) => `Signature — ${buyer.name}`),
  ]);
}

function buyerFields(buyer: AtacBuyer, isHolder: boolean): Field[] {
  const role = isHolder
    ? { fr: "Titulaire de l'immatriculation", en: 'Registration holder' }
    : { fr: 'Copropriétaire', en: 'Co-owner' };
  const identity =
    buyer.neq !== undefined
      ? { label: { fr: 'NEQ', en: 'NEQ' }, value: buyer.neq }
      : {
          label: { fr: 'Permis de conduire', en: "Driver's licence" },
          value: buyer.driverLicence ?? '—',
        };
  return [
    { label: { fr: 'Nom', en: 'Name' }, value: buyer.name },
    identity,
    { label: { fr: 'Rôle', en: 'Role' }, value: bothLanguages(role), span: 2 },
    { label: { fr: 'Adresse', en: 'Address' }, value: paperAddress(buyer.address), span: 4 },
  ];
}
