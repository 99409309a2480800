import { z } from 'zod';
import { isoDateTimeSchema } from '../schemas/primitives.schema.js';
import { noticeContactSchema, trackingNumberSchema } from './plate-supplier.schema.js';

/**
 * What a notice by e-mail says, with only the data it needs (no names, no addresses, no
 * account numbers): the client hears of their plate's shipping, the dealer's administrators
 * of a bank account change or a kiosk enrolled.
 */
export const noticeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('plate_shipped'),
      plateNumber: z.string(),
      trackingNumber: trackingNumberSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('bank_account_changed'),
      dealerName: z.string(),
      at: isoDateTimeSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('kiosk_enrolled'),
      dealerName: z.string(),
      kioskName: z.string(),
      at: isoDateTimeSchema,
    })
    .strict(),
]);
/** A notice (parsed). */
export type Notice = z.infer<typeof noticeSchema>;

/** An e-mail waiting in the server's outbox: to whom, in which language, what. */
export const mailOutboxEntrySchema = z
  .object({ to: noticeContactSchema, notice: noticeSchema })
  .strict();
/** An e-mail to send. */
export type MailOutboxEntry = z.infer<typeof mailOutboxEntrySchema>;
