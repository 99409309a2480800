import { z } from 'zod';
import { addressSchema } from '../schemas/address.schema.js';
import { isoDateTimeSchema, textSchema } from '../schemas/primitives.schema.js';

/*
 * The plate supplier's HTTP contract (docs/plates-by-mail.md). Comptoir orders the metal
 * plate at confirmation and the supplier mails it to the holder; the supplier reports the
 * plate's journey back through a signed webhook.
 */

/** What the supplier may answer when it refuses an order (the dealer sees the reason). */
export const plateOrderRefusalReasons = [
  'address_undeliverable',
  'plate_number_invalid',
  'order_invalid',
] as const;
/** Why the supplier refused an order. */
export type PlateOrderRefusalReason = (typeof plateOrderRefusalReasons)[number];

/**
 * `PUT <supplier>/orders/<orderId>`: one metal plate mailed to the holder. Idempotent by its
 * id: sending the same order again answers the same acceptance, never a second plate. Only
 * what the mailing needs: the plate, who receives it and where (no licence, no VIN).
 */
export const plateOrderSchema = z
  .object({
    orderId: z.uuid(),
    plateNumber: z.string().trim().min(1).max(10),
    recipient: z.object({ name: textSchema(120), address: addressSchema }).strict(),
    orderedAt: isoDateTimeSchema,
  })
  .strict();
/** A plate order as sent to the supplier. */
export type PlateOrder = z.infer<typeof plateOrderSchema>;

/** The supplier's answer to an order: accepted (202, or 200 for a repeat) or refused (422). */
export const plateOrderAnswerSchema = z.discriminatedUnion('status', [
  z.object({ orderId: z.uuid(), status: z.literal('accepted') }).loose(),
  z
    .object({
      orderId: z.uuid(),
      status: z.literal('refused'),
      reason: z.enum(plateOrderRefusalReasons),
    })
    .loose(),
]);
/** The supplier's answer to an order. */
export type PlateOrderAnswer = z.infer<typeof plateOrderAnswerSchema>;

/**
 * `POST <supplier>/orders/<orderId>/cancel`: answered `cancelled` (200) while the plate is not
 * made, `already_made` (409) once it is; idempotent.
 */
export const plateCancelAnswerSchema = z
  .object({ orderId: z.uuid(), status: z.enum(['cancelled', 'already_made']) })
  .loose();
/** The supplier's answer to a cancellation. */
export type PlateCancelAnswer = z.infer<typeof plateCancelAnswerSchema>;

/** What the supplier reports of a plate, in the order it happens (returned: back to sender). */
export const plateEventTypes = ['made', 'shipped', 'delivered', 'returned'] as const;
/** A reported step of a plate's journey. */
export type PlateEventType = (typeof plateEventTypes)[number];

/**
 * A Canada Post-style tracking number: the UPU S10 form, two letters, eight digits, a check
 * digit, and the country (`RR123456785CA`). The check digit is verified by the schema.
 */
export const trackingNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}\d{9}CA$/)
  .refine((value) => s10CheckDigit(value.slice(2, 10)) === Number(value[10]), {
    message: 'tracking_check_digit',
  });

/** The UPU S10 check digit of eight serial digits (weights 8 6 4 2 3 5 9 7, modulo 11). */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(serial[index]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/**
 * `POST <comptoir>/api/plate-supplier/events`: one step of one order, signed (see
 * `signSupplierEvent`). `eventId` is unique per event: a second delivery of the same id is a
 * replay and is refused. `shipped` carries the tracking number.
 */
export const plateEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      eventId: z.uuid(),
      orderId: z.uuid(),
      type: z.literal('shipped'),
      at: isoDateTimeSchema,
      trackingNumber: trackingNumberSchema,
    })
    .strict(),
  z
    .object({
      eventId: z.uuid(),
      orderId: z.uuid(),
      type: z.enum(['made', 'delivered', 'returned']),
      at: isoDateTimeSchema,
    })
    .strict(),
]);
/** A supplier event (parsed). */
export type PlateEvent = z.infer<typeof plateEventSchema>;

/** The webhook's headers: the Unix time in seconds, and `v1=<hex HMAC-SHA256>`. */
export const supplierSignatureHeaders = {
  timestamp: 'comptoir-timestamp',
  signature: 'comptoir-signature',
} as const;

/** How far a webhook's timestamp may be from the server's clock (either way). */
export const SUPPLIER_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The webhook signature: `v1=` + hex HMAC-SHA256 under the shared secret of
 * `<timestamp>.<raw body>`. The timestamp is inside the signed text so that an old request
 * cannot be replayed with a fresh one. WebCrypto, so the supplier and the server share it.
 */
export async function signSupplierEvent(
  secret: string,
  timestamp: number,
  rawBody: string,
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign(
    'HMAC',
    key,
    encoder.encode(`${String(timestamp)}.${rawBody}`),
  );
  const hex = [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0'));
  return `v1=${hex.join('')}`;
}

/** Where a metal plate stands, as Comptoir knows it. */
export const plateOrderStates = [
  /** recorded at confirmation, not yet accepted by the supplier */
  'ordered',
  'accepted',
  /** the supplier refused it (its reason is kept): the dealer must act */
  'refused',
  'made',
  'shipped',
  'delivered',
  'returned',
  /** cancelled with the registration, before the plate was made */
  'cancelled',
] as const;
/** A metal plate's state. */
export type PlateOrderState = (typeof plateOrderStates)[number];

/** The metal plate of a registration, as the kiosk shows it. */
export const plateDeliverySchema = z
  .object({
    orderId: z.string(),
    state: z.enum(plateOrderStates),
    refusalReason: z.enum(plateOrderRefusalReasons).optional(),
    trackingNumber: z.string().optional(),
    /** A cancellation came after the plate was made: the plate exists, it is not mailed. */
    isCancelledAfterMade: z.boolean(),
    confirmedAt: isoDateTimeSchema,
    provisionalExpiresAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .loose();
/** A metal plate's delivery. */
export type PlateDelivery = z.infer<typeof plateDeliverySchema>;

/** One late plate (`GET /api/plates/late`): which registration, and why it is late. */
export const latePlateSchema = z
  .object({
    registrationNumber: z.string(),
    licence: z.string(),
    plateNumber: z.string(),
    delivery: plateDeliverySchema,
    reasons: z.array(
      z.enum(['returned_to_sender', 'not_delivered_20_days', 'provisional_expiring']),
    ),
  })
  .loose();
/** A late plate. */
export type LatePlate = z.infer<typeof latePlateSchema>;

/** `GET /api/plates/late?licence=` (dealer) or without licence (staff). */
export const latePlateListSchema = z.object({ items: z.array(latePlateSchema) }).loose();
/** The late plates. */
export type LatePlateList = z.infer<typeof latePlateListSchema>;

/** The languages a person may choose for their notices. */
export const noticeLanguages = ['fr', 'en'] as const;
/** A notice language. */
export type NoticeLanguage = (typeof noticeLanguages)[number];

/**
 * An e-mail address for notices (optional for the client at registration); the person's
 * language decides the notice's.
 */
export const noticeContactSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    language: z.enum(noticeLanguages).default('fr'),
  })
  .strict();
/** A notice contact (parsed). */
export type NoticeContact = z.infer<typeof noticeContactSchema>;
