import { z } from 'zod';
import { apiErrorSchema } from '../errors.js';
import { uuidv7Schema } from '../ids.js';
import { documentStatusSchema, issuedDocumentSchema } from './document.schema.js';
import { isoDateTimeSchema, licenceNumberSchema } from './primitives.schema.js';
import { signedRevocationFeedSchema } from './revocation.schema.js';

/** The most commands one push may carry. */
export const PUSH_MAX_OPS = 100;

/**
 * `POST /api/sync/push`: 1 to 100 commands. Each op stays unparsed here on purpose: every
 * command is parsed on its own (`commandSchema`) so one bad command is rejected alone and
 * never fails its batch.
 */
export const pushRequestSchema = z
  .object({ ops: z.array(z.unknown()).min(1).max(PUSH_MAX_OPS) })
  .strict();
/** A push request. */
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * One command's result: `applied` (with what it produced), `rejected` (with an error listing
 * every failing field; never retried), `retry` (transient; never stored), or `flagged`: a
 * paper issued offline that broke a rule the kiosk could not see (docs/sync.md, "Offline
 * issuance"); it was handed over, so it is kept and counted under its number (`result` as
 * applied) with the reason in `error`. Terminal like `applied`: never retried, never re-issued.
 */
export const commandResultSchema = z
  .object({
    id: uuidv7Schema,
    status: z.enum(['applied', 'rejected', 'retry', 'flagged']),
    result: z.record(z.string(), z.unknown()).optional(),
    error: apiErrorSchema.optional(),
  })
  .loose();
/** A command's result. */
export type CommandResult = z.infer<typeof commandResultSchema>;

/**
 * The `result` of an applied command: the documents it issued, by kind and number, with their
 * expiry when they have one; the transaction it made or moved (a registration on hold, then
 * confirmed or cancelled; an inventory record), and the plate numbers it allocated (plate X).
 */
export const appliedResultSchema = z.object({
  documents: z.array(
    z.object({ kind: z.string(), number: z.string(), expiresAt: z.string().optional() }),
  ),
  transaction: z
    .object({ number: z.string(), type: z.string(), status: z.string() })
    .loose()
    .optional(),
  plateNumbers: z.array(z.string()).optional(),
});
/** An applied issuing command's result. */
export type AppliedResult = z.infer<typeof appliedResultSchema>;

/** The answer to a push: the server's clock and one result per command, in order. */
export const pushResponseSchema = z
  .object({ serverTime: isoDateTimeSchema, results: z.array(commandResultSchema) })
  .loose();
/** A push response. */
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Query-string integer (query values arrive as text). */
const queryInteger = z.coerce.number().int();

/** `GET /api/sync/pull?licence=&since=&limit=`: changes of one licence after a cursor. */
export const pullQuerySchema = z
  .object({
    licence: licenceNumberSchema,
    since: queryInteger.min(0).default(0),
    limit: queryInteger.min(1).max(500).default(100),
  })
  .strict();
/** A pull query (parsed). */
export type PullQuery = z.infer<typeof pullQuerySchema>;

/** One change: the document at its per-licence sequence number, and its status now. */
export const pullChangeSchema = z
  .object({
    seq: z.number().int().min(0),
    document: issuedDocumentSchema,
    status: documentStatusSchema,
    jws: z.string().optional(),
    qrToken: z.string().optional(),
    printCount: z.number().int().min(0).optional(),
  })
  .loose();
/** One pulled change. */
export type PullChange = z.infer<typeof pullChangeSchema>;

/**
 * The registry's epoch, as every pull answers it (docs/sync.md#epochs-after-a-restore): a
 * restore from a backup starts a new epoch; a kiosk that sees the number change resets its
 * cursors and sends back what the server applied for it after `backupTakenAt`.
 */
export const epochInfoSchema = z.object({
  epoch: z.number().int().min(1),
  /** When the backup the current epoch was restored from was taken; absent in epoch 1. */
  backupTakenAt: isoDateTimeSchema.optional(),
});
/** The registry's epoch as the kiosk learns it. */
export type EpochInfo = z.infer<typeof epochInfoSchema>;

/** The answer to a pull: the next cursor, the changes, and whether more wait. */
export const pullResponseSchema = z
  .object({
    cursor: z.number().int().min(0),
    changes: z.array(pullChangeSchema),
    more: z.boolean(),
    /** The registry's epoch (docs/sync.md#epochs-after-a-restore); older servers omit it. */
    epoch: epochInfoSchema.optional(),
    /**
     * The latest signed revocation feed of the licence's dealer (docs/sync.md#revocations), for
     * the kiosk to hand to its print agent; absent when the dealer never voided anything.
     * Older kiosks ignore it.
     */
    revocations: signedRevocationFeedSchema.optional(),
    /**
     * Whether the licence is suspended now, so that a kiosk learns a suspension at its next
     * sync (docs/sync.md#pull-get-apisyncpulllicencesincelimit). Older servers omit it.
     */
    isLicenceSuspended: z.boolean().optional(),
  })
  .loose();
/** A pull response. */
export type PullResponse = z.infer<typeof pullResponseSchema>;
