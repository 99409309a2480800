/** Factories of issued documents (as the server signs them) for tests. */

/** Fields every test document shares. */
export const documentCommon = {
  schemaVersion: 1,
  licence: 'L-100001',
  dealer: { name: 'Autos Laval inc.', neq: '1145236789', permit: 'OPC-12345' },
  issuedAt: '2026-11-26T10:15:00-05:00',
  vehicle: { vin: '1HGCM82633A004352', make: 'Honda', model: 'Accord', year: 2003 },
  issuedBy: { signer: 'server', kid: 'k-2026-01' },
};

const address = {
  line1: '1234, rue Saint-Denis',
  city: 'Montréal',
  province: 'QC',
  postalCode: 'H2X 1Y4',
};
const signature = { accountId: 'acc-1', name: 'Luc Bérubé', signedAt: '2026-11-26T10:15:00-05:00' };

/** One raw issued document of every kind. */
export function oneDocumentOfEachKind(): Record<string, unknown>[] {
  return [
    {
      ...documentCommon,
      kind: 'atac',
      number: 'A-2026-000001',
      transaction: 'sale',
      deliveryDate: '2026-11-26',
      buyers: [{ name: 'Marie Tremblay', driverLicence: 'T654321098765', address }],
      holderIndex: 0,
      amounts: {
        salePriceCents: 2_499_500,
        tradeInCents: 0,
        gstCents: 124_975,
        qstBaseCents: 2_499_500,
      },
    },
    {
      ...documentCommon,
      kind: 'transit',
      number: 'T-2026-000002',
      expiresAt: '2026-12-06T23:59:59-05:00',
      days: 10,
      reason: 'register_at_service_point',
      holder: { name: 'Marie Tremblay' },
    },
    {
      ...documentCommon,
      kind: 'provisional_plate',
      number: 'P-2026-000003',
      expiresAt: '2027-01-10T23:59:59-05:00',
      plateNumber: 'A12 BCD',
    },
    {
      ...documentCommon,
      kind: 'registration_certificate',
      number: 'C-2026-000004',
      vehicle: { ...documentCommon.vehicle, colour: 'Gris', netMassKg: 1450 },
      plateNumber: 'A12 BCD',
      holder: { name: 'Marie Tremblay', address },
      use: 'promenade',
    },
    {
      ...documentCommon,
      kind: 'proof_of_service',
      number: 'S-2026-000005',
      transactionNumber: 'R-2026-000007',
      transactionType: 'registration',
      feesCents: 31_650,
      employeeSignature: signature,
    },
    {
      ...documentCommon,
      kind: 'proof_of_registration',
      number: 'E-2026-000006',
      transactionNumber: 'I-2026-000008',
      employeeSignature: signature,
    },
    {
      ...documentCommon,
      kind: 'proof_of_cancellation',
      number: 'X-2026-000007',
      cancelledNumber: 'R-2026-000007',
      reasonCode: 'entry_error',
    },
    {
      ...documentCommon,
      kind: 'receipt',
      number: 'Q-2026-000008',
      lines: [{ label: { fr: 'Transit', en: 'Transit' }, value: 'T-2026-000002' }],
    },
  ];
}
