import { z } from 'zod';
import { commandSchema } from '../commands/command.schema.js';
import { apiErrorSchema } from '../errors.js';
import { uuidv7Schema } from '../ids.js';
import { appliedResultSchema } from './sync.schema.js';

/** At most this many commands per recovery request. */
export const RECOVER_MAX_ITEMS = 100;

/**
 * One command the server applied before a restore, as the kiosk kept it: the envelope it
 * pushed, the result the server answered, and the documents it pulled for it (the server's
 * own signed content, the only proof of what is on paper).
 */
export const recoveryItemSchema = z
  .object({
    command: commandSchema,
    result: appliedResultSchema,
    documents: z
      .array(
        z
          .object({ jws: z.string().min(1).max(100_000), qrToken: z.string().min(1).max(10_000) })
          .strict(),
      )
      .max(20),
  })
  .strict();
/** One command sent back after a restore. */
export type RecoveryItem = z.infer<typeof recoveryItemSchema>;

/** `POST /api/sync/recover`: commands applied before a restore, under the epoch the kiosk saw. */
export const recoverRequestSchema = z
  .object({
    epoch: z.number().int().min(1),
    items: z.array(recoveryItemSchema).min(1).max(RECOVER_MAX_ITEMS),
  })
  .strict();
/** A recovery request. */
export type RecoverRequest = z.infer<typeof recoverRequestSchema>;

/**
 * What became of one command sent back: `recovered` (its documents are recorded again under
 * their original numbers, its answer stored under its id), `known` (the restored database
 * already had it), `unrecoverable` (some document of its result was never pulled by this
 * kiosk, so nothing proves its content: its number stays reserved and the gap is audited), or
 * `refused` (with the reason).
 */
export const recoveryOutcomeSchema = z.enum(['recovered', 'known', 'unrecoverable', 'refused']);

/** The answer of `POST /api/sync/recover`, one result per item, in order. */
export const recoverResponseSchema = z.object({
  epoch: z.number().int().min(1),
  results: z.array(
    z.object({
      id: uuidv7Schema,
      outcome: recoveryOutcomeSchema,
      error: apiErrorSchema.optional(),
    }),
  ),
});
/** A recovery answer. */
export type RecoverResponse = z.infer<typeof recoverResponseSchema>;
