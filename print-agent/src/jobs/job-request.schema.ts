import { codedIssue, printerRoleSchema, siteIdSchema, uuidSchema } from '@comptoir/shared';
import { z } from 'zod';
import { jobStates } from '../queue/job.js';

/** Most copies one job may ask for. */
export const MAX_COPIES = 5;

/**
 * `POST /jobs`: what a kiosk sends the agent. Strict: a misspelt key is an error. Exactly one
 * of `printer` (a printer id) or `role` (the agent picks the printer). `qrToken` is the
 * document's QR token from the server (`documentEnvelopeSchema.qrToken`), printed in its QR
 * code. Belongs in `shared` next to the other API bodies once the kiosk's agent client uses it.
 */
export const jobRequestSchema = z
  .object({
    jobId: uuidSchema,
    document: z.string().min(1).max(512_000),
    qrToken: z.string().min(1).max(2000).optional(),
    printer: siteIdSchema.optional(),
    role: printerRoleSchema.optional(),
    copies: z.int().min(1).max(MAX_COPIES).default(1),
    reprint: z.boolean().default(false),
  })
  .strict()
  .superRefine((request, ctx) => {
    if ((request.printer === undefined) === (request.role === undefined)) {
      ctx.addIssue(codedIssue('required', ['role']));
    }
  });
/** A parsed job request. */
export type JobRequest = z.infer<typeof jobRequestSchema>;

/** `POST /pair`: the code shown on the agent's console or admin page, and a name for the kiosk. */
export const pairRequestSchema = z
  .object({
    code: z.string().trim().min(6).max(20),
    label: z.string().trim().min(1).max(80).default('kiosk'),
  })
  .strict();

/** An empty query parameter (`?state=`) means no filter. */
const optionalParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** `GET /jobs` filters. */
export const jobListQuerySchema = z
  .object({
    state: optionalParam(z.enum(jobStates)),
    number: optionalParam(z.string().max(64)),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** `POST /jobs/:id/confirm-reprint`: a person's decision on a job "to check". */
export const toCheckDecisionSchema = z.object({ decision: z.enum(['reprint', 'done']) }).strict();
