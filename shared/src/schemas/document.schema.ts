import { z } from 'zod';
import { bilingualMessageSchema } from '../errors.js';

// Documents are parsed TOLERANTLY (`.loose()`: unknown fields kept, not refused): they come
// signed by the server, and a newer server must never stop an older agent or kiosk.

/** Every kind of document the registry issues. */
export const documentKinds = [
  'atac',
  'transit',
  'provisional_plate',
  'registration_certificate',
  'proof_of_service',
  'proof_of_registration',
  'proof_of_cancellation',
  'receipt',
] as const;
/** A document kind. */
export type DocumentKind = (typeof documentKinds)[number];
/** Schema of a document kind. */
export const documentKindSchema = z.enum(documentKinds);

/** A document's status as the public verification page tells it. */
export const documentStatusSchema = z.enum(['valid', 'expired', 'voided', 'unknown']);
/** A document's status. */
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

/** The issuing dealer as printed: name, NEQ and consumer-protection permit when known. */
export const documentDealerSchema = z
  .object({ name: z.string(), neq: z.string(), permit: z.string().optional() })
  .loose();

/** The vehicle as printed: only what the paper needs. */
export const documentVehicleSchema = z
  .object({
    vin: z.string(),
    make: z.string(),
    model: z.string(),
    year: z.number().int(),
    type: z.string().optional(),
    condition: z.string().optional(),
    odometerKm: z.number().optional(),
    colour: z.string().optional(),
    netMassKg: z.number().optional(),
  })
  .loose();

/** An address as printed. */
export const documentAddressSchema = z
  .object({
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    province: z.string(),
    postalCode: z.string(),
    country: z.string().optional(),
  })
  .loose();

/** A party as printed: name, and the licence or NEQ and address where the paper requires them. */
export const documentPartySchema = z
  .object({
    name: z.string(),
    driverLicence: z.string().optional(),
    neq: z.string().optional(),
    address: documentAddressSchema.optional(),
  })
  .loose();

/** Who signed the document: the server, or (planned offline issuance) a kiosk key it certified. */
export const documentIssuerSchema = z
  .object({
    signer: z.enum(['server', 'kiosk']),
    kid: z.string(),
    /**
     * The lease an offline paper was issued under (docs/sync.md#offline-issuance-leases-the-chain-reconcile):
     * set by the kiosk on what it signs, kept by the server when it countersigns, so a reprint
     * still says "Émis hors ligne". Absent on papers issued online.
     */
    leaseId: z.string().optional(),
    /**
     * The person who issued it (PCI DSS 8.2.2): the account's name, or on a shared generic
     * account the operator who unlocked the kiosk with their PIN. Absent on older documents.
     */
    person: z
      .object({ accountId: z.string(), name: z.string(), operatorId: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();

/** The confirming employee's electronic signature on a proof. */
export const employeeSignatureSchema = z
  .object({ accountId: z.string(), name: z.string(), signedAt: z.iso.datetime({ offset: true }) })
  .loose();

const documentBase = {
  // Any version from 1 up: a newer server's documents still parse (tolerantly) on an older
  // agent or kiosk, which prints the fields it knows (ARCHITECTURE, Printing).
  schemaVersion: z.number().int().min(1),
  number: z.string(),
  licence: z.string(),
  dealer: documentDealerSchema,
  issuedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  vehicle: documentVehicleSchema,
  issuedBy: documentIssuerSchema,
};

/** ATAC: transaction, delivery date, buyers (co-owners), designated holder and amounts in cents. */
export const atacDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('atac'),
    transaction: z.enum(['sale', 'lease']),
    deliveryDate: z.iso.date(),
    buyers: z.array(documentPartySchema).min(1),
    holderIndex: z.number().int().min(0),
    amounts: z
      .object({
        salePriceCents: z.number().int(),
        tradeInCents: z.number().int(),
        gstCents: z.number().int(),
        qstBaseCents: z.number().int(),
      })
      .loose(),
    status: z.enum(['on_hold', 'final']).optional(),
  })
  .loose();

/** Transit certificate: length, reason and holder name; `expiresAt` is required. */
export const transitDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('transit'),
    expiresAt: z.iso.datetime({ offset: true }),
    days: z.number().int(),
    reason: z.string(),
    reasonText: z.string().optional(),
    holder: z.object({ name: z.string() }).loose(),
    /** The number of the ATAC of the sale this transit follows, when known. */
    atacNumber: z.string().optional(),
  })
  .loose();

/** Provisional plate (45 days): the plate number of the metal plate that follows by mail. */
export const provisionalPlateDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('provisional_plate'),
    expiresAt: z.iso.datetime({ offset: true }),
    plateNumber: z.string(),
  })
  .loose();

/** Registration certificate: plate, holder name and address, use (`promenade`). */
export const registrationCertificateDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('registration_certificate'),
    // The certificate prints the net mass (registration fees depend on it).
    vehicle: documentVehicleSchema.extend({ netMassKg: z.number() }),
    plateNumber: z.string(),
    holder: z.object({ name: z.string(), address: documentAddressSchema }).loose(),
    use: z.string(),
    /** The number of the ATAC of the sale this registration follows, when known. */
    atacNumber: z.string().optional(),
  })
  .loose();

/** Proof of service: transaction number and type, fees, the employee's electronic signature. */
export const proofOfServiceDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('proof_of_service'),
    transactionNumber: z.string(),
    transactionType: z.string(),
    feesCents: z.number().int(),
    employeeSignature: employeeSignatureSchema,
  })
  .loose();

/** Proof of registration (inventory record): transaction number and the employee's signature. */
export const proofOfRegistrationDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('proof_of_registration'),
    transactionNumber: z.string(),
    employeeSignature: employeeSignatureSchema,
  })
  .loose();

/** Proof of cancellation: which transaction was cancelled and why. */
export const proofOfCancellationDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('proof_of_cancellation'),
    cancelledNumber: z.string(),
    reasonCode: z.string(),
  })
  .loose();

/** A bilingual summary line of a receipt. */
export const receiptLineSchema = z
  .object({ label: bilingualMessageSchema, value: z.string() })
  .loose();

/** Receipt for the client (not an official document): summary lines. */
export const receiptDocumentSchema = z
  .object({
    ...documentBase,
    kind: z.literal('receipt'),
    lines: z.array(receiptLineSchema),
  })
  .loose();

/** Any issued document, discriminated on `kind`, parsed tolerantly. */
export const issuedDocumentSchema = z.discriminatedUnion('kind', [
  atacDocumentSchema,
  transitDocumentSchema,
  provisionalPlateDocumentSchema,
  registrationCertificateDocumentSchema,
  proofOfServiceDocumentSchema,
  proofOfRegistrationDocumentSchema,
  proofOfCancellationDocumentSchema,
  receiptDocumentSchema,
]);
/** An issued document (as signed by the server). */
export type IssuedDocument = z.infer<typeof issuedDocumentSchema>;
/** The issued document of one kind. */
export type IssuedDocumentOf<K extends DocumentKind> = Extract<IssuedDocument, { kind: K }>;

/**
 * `GET /api/documents/:number`: the document, its JWS (for the print agent), its QR token,
 * its current status and how many times it was printed.
 */
export const documentEnvelopeSchema = z
  .object({
    document: issuedDocumentSchema,
    jws: z.string(),
    qrToken: z.string(),
    status: documentStatusSchema,
    printCount: z.number().int().min(0),
  })
  .loose();
/** A document with its tokens and status. */
export type DocumentEnvelope = z.infer<typeof documentEnvelopeSchema>;
