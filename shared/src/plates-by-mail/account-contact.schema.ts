import { z } from 'zod';
import { noticeContactSchema, noticeLanguages } from './plate-supplier.schema.js';

/**
 * `PUT /api/accounts/me/contact`: the signed-in person's own address for notices and the
 * language they read them in (docs/plates-by-mail.md#notices-by-e-mail). The advice is a
 * professional address: notices go to whoever reads it.
 */
export const accountContactInputSchema = noticeContactSchema;
/** An account's contact as set (parsed). */
export type AccountContactInput = z.infer<typeof accountContactInputSchema>;

/** `GET` and `PUT /api/accounts/me/contact`: the contact on file, or null when none was set. */
export const accountContactAnswerSchema = z
  .object({
    contact: z
      .object({
        email: z.string(),
        language: z.enum(noticeLanguages),
        updatedAt: z.string(),
      })
      .loose()
      .nullable(),
  })
  .loose();
/** The account's contact answer. */
export type AccountContactAnswer = z.infer<typeof accountContactAnswerSchema>;
