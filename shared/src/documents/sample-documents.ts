import {
  issuedDocumentSchema,
  type DocumentKind,
  type IssuedDocumentOf,
} from '../schemas/document.schema.js';

const common = {
  schemaVersion: 1,
  licence: 'L-100001',
  dealer: {
    name: 'Automobiles Lévesque & Frères Inc.',
    neq: '1163456789',
    permit: 'OPC-204518',
    address: {
      line1: '4200, boulevard Laurier',
      city: 'Québec',
      province: 'QC',
      postalCode: 'G1V 2M3',
      country: 'CA',
    },
  },
  issuedAt: '2026-11-26T15:42:00.000Z',
  vehicle: {
    vin: '2HGFC2F59KH542118',
    make: 'Honda',
    model: 'Civic',
    year: 2019,
    type: 'automobile',
    condition: 'used',
    odometerKm: 48213,
    colour: 'Gris étain',
    netMassKg: 1249,
  },
  issuedBy: { signer: 'server', kid: 'sample-key-id' },
};

const address = {
  line1: '1250, boulevard René-Lévesque Ouest',
  line2: 'app. 1203',
  city: 'Montréal',
  province: 'QC',
  postalCode: 'H3B 4W8',
};

const employeeSignature = {
  accountId: 'acc-0042',
  name: 'Émilie Côté',
  signedAt: '2026-11-26T15:41:30.000Z',
};

const byKind = {
  provisional_plate: {
    kind: 'provisional_plate',
    number: 'PP-2026-000123',
    expiresAt: '2027-01-11T04:59:59.000Z',
    plateNumber: 'A12 BCD',
  },
  transit: {
    kind: 'transit',
    number: 'TR-2026-004567',
    expiresAt: '2026-12-07T04:59:59.000Z',
    days: 10,
    reason: 'register_at_service_point',
    holder: { name: 'François Bélanger' },
  },
  atac: {
    kind: 'atac',
    number: 'AT-2026-007890',
    transaction: 'sale',
    deliveryDate: '2026-11-26',
    buyers: [
      { name: 'François Bélanger', driverLicence: 'B1234-567890-12', address },
      { name: 'Hélène Gagné', driverLicence: 'G5678-123456-01', address },
    ],
    holderIndex: 0,
    amounts: {
      salePriceCents: 2_349_500,
      tradeInCents: 450_000,
      gstCents: 94_975,
      qstBaseCents: 1_899_500,
    },
    status: 'final',
  },
  registration_certificate: {
    kind: 'registration_certificate',
    number: 'RC-2026-000456',
    plateNumber: 'A12 BCD',
    holder: { name: 'François Bélanger', address },
    use: 'promenade',
  },
  proof_of_service: {
    kind: 'proof_of_service',
    number: 'PS-2026-000789',
    transactionNumber: 'IM-2026-000321',
    transactionType: 'registration',
    feesCents: 41_275,
    employeeSignature,
  },
  proof_of_registration: {
    kind: 'proof_of_registration',
    number: 'PE-2026-000246',
    transactionNumber: 'EN-2026-000135',
    employeeSignature,
  },
  proof_of_cancellation: {
    kind: 'proof_of_cancellation',
    number: 'PA-2026-000357',
    cancelledNumber: 'IM-2026-000321',
    reasonCode: 'entry_error',
  },
  receipt: {
    kind: 'receipt',
    number: 'RE-2026-000468',
    lines: [
      { label: { fr: 'Transaction', en: 'Transaction' }, value: 'Immatriculation / Registration' },
      { label: { fr: 'Plaque', en: 'Plate' }, value: 'A12 BCD' },
      { label: { fr: 'Frais', en: 'Fees' }, value: '412,75 $' },
    ],
  },
} satisfies Record<DocumentKind, Record<string, unknown>>;

/**
 * A realistic document of each kind, with accents everywhere, for previews of the layouts,
 * an agent's test page, tests and benchmarks. Parsed by the real schema, so it stays valid.
 *
 * @example
 * const pdf = await renderDocumentPdf(sampleDocument('provisional_plate'), { mark: 'preview', qrUrl });
 */
export function sampleDocument<K extends DocumentKind>(
  kind: K,
  overrides: Record<string, unknown> = {},
): IssuedDocumentOf<K> {
  const document = issuedDocumentSchema.parse({ ...common, ...byKind[kind], ...overrides });
  if (!isOfKind(document, kind))
    throw new Error(`sampleDocument: kind changed to ${document.kind}`);
  return document;
}

function isOfKind<K extends DocumentKind>(
  document: { kind: DocumentKind },
  kind: K,
): document is IssuedDocumentOf<K> {
  return document.kind === kind;
}
