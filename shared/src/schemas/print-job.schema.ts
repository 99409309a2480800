import { z } from 'zod';
import { codedIssue } from '../errors.js';
import { uuidSchema } from '../ids.js';
import { documentKindSchema } from './document.schema.js';
import { isoDateTimeSchema, textSchema } from './primitives.schema.js';
import { printerRoleSchema, siteIdSchema, type PrinterDriver } from './site.schema.js';

// The print agent's HTTP API (docs/printing.md). Request bodies are strict: they come
// from the network. Answers are parsed by the kiosk's agent client without `.strict()` (unknown
// keys dropped), so an older kiosk still reads a newer agent that added a field.

/** Most copies one print job may ask for. */
export const MAX_PRINT_COPIES = 5;

/** Longest compact JWS the agent takes as a job's document (a signed document is a few kB). */
export const MAX_PRINT_DOCUMENT_LENGTH = 512_000;

/**
 * `POST /jobs`: what a kiosk sends the print agent. Strict: a misspelt key is an error. Exactly
 * one of `printer` (a printer id of the site file) or `role` (the agent picks the printer; a
 * missing or double choice is reported on `role`). `document` is the server-signed JWS, never a
 * PDF. `qrToken` is the document's QR token from the server, printed in its QR code. `reprint`
 * makes the first sheet a COPY (the server knows it printed elsewhere).
 */
export const jobRequestSchema = z
  .object({
    jobId: uuidSchema,
    document: z.string().min(1).max(MAX_PRINT_DOCUMENT_LENGTH),
    /**
     * The kiosk's lease (compact JWS) when `document` is a paper the kiosk signed offline
     * (`comptoir-offline-document+jws`): the agent checks the whole chain
     * (docs/printing.md#offline-papers-the-chain-check). Absent for server documents.
     */
    lease: z.string().min(1).max(20_000).optional(),
    qrToken: z.string().min(1).max(2000).optional(),
    printer: siteIdSchema.optional(),
    role: printerRoleSchema.optional(),
    copies: z.int().min(1).max(MAX_PRINT_COPIES).default(1),
    reprint: z.boolean().default(false),
  })
  .strict()
  .superRefine((request, ctx) => {
    if ((request.printer === undefined) === (request.role === undefined)) {
      ctx.addIssue(codedIssue('required', ['role']));
    }
  });
/** A parsed job request (defaults applied). */
export type JobRequest = z.output<typeof jobRequestSchema>;
/** A job request as a kiosk writes it (`copies` and `reprint` may be left out). */
export type JobRequestInput = z.input<typeof jobRequestSchema>;

/**
 * A print job's life at the agent: queued -> rendering -> sending -> printed | spooled, or held
 * (printer off or out of paper, with the reason), failed (retries exhausted), to_check (the
 * printer stopped answering mid-job: a person decides whether it printed).
 */
export const printJobStates = [
  'queued',
  'rendering',
  'sending',
  'spooled',
  'printed',
  'held',
  'failed',
  'to_check',
] as const;
/** A print job state. */
export type PrintJobState = (typeof printJobStates)[number];

/** States a job never leaves on its own (`to_check` waits for a person's decision). */
export const finalPrintJobStates = [
  'printed',
  'spooled',
  'failed',
  'to_check',
] as const satisfies readonly PrintJobState[];

/** States of a job still in its printer's queue, as the printers screen lists them. */
export const pendingPrintJobStates = [
  'queued',
  'rendering',
  'sending',
  'held',
  'to_check',
] as const satisfies readonly PrintJobState[];

/** Why a job is held, failed or to check, or why a printer is not ready: a code and both languages. */
export const printReasonSchema = z.object({
  code: z.string(),
  fr: z.string(),
  en: z.string(),
});
/** See {@link printReasonSchema}. */
export type PrintReason = z.infer<typeof printReasonSchema>;

/** A print job as the agent's ledger keeps it and its API answers it (`GET /jobs/:id`...). */
export const printJobSchema = z.object({
  jobId: uuidSchema,
  state: z.enum(printJobStates),
  reason: printReasonSchema.nullable(),
  documentNumber: z.string(),
  documentKind: documentKindSchema,
  /** The printer id the job went to (the role's fallback when the first choice was off). */
  printer: z.string(),
  role: printerRoleSchema.nullable(),
  copies: z.int().min(1),
  /** Sheets the printer took so far. */
  copiesSent: z.int().min(0),
  /** 'copy' when the first sheet prints as COPY; every sheet after the first is a COPY. */
  mark: z.enum(['original', 'copy']),
  reprint: z.boolean(),
  attempts: z.int().min(0),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
/** A print job (answer of the agent). */
export type PrintJob = z.infer<typeof printJobSchema>;

/** `GET /jobs`: the ledger, newest first. */
export const printJobListSchema = z.object({ jobs: z.array(printJobSchema) });
/** See {@link printJobListSchema}. */
export type PrintJobList = z.infer<typeof printJobListSchema>;

/** An empty query parameter (`?state=`) means no filter. */
const optionalParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** `GET /jobs` filters (query string). */
export const jobListQuerySchema = z
  .object({
    state: optionalParam(z.enum(printJobStates)),
    number: optionalParam(z.string().max(64)),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
/** See {@link jobListQuerySchema}. */
export type JobListQuery = z.output<typeof jobListQuerySchema>;

/** The longest a `GET /jobs/:id?wait=` long poll is held open, in seconds. */
export const JOB_WAIT_MAX_SECONDS = 30;

/**
 * `GET /jobs/:id` query: with `wait` (seconds), a long poll that answers as soon as the job's
 * state differs from `state` (the state the kiosk last saw; the current one when omitted), or
 * after `wait` seconds with the job unchanged. Without `wait`, the job at once. An agent that
 * predates the long poll ignores both and answers at once: the kiosk then paces itself.
 */
export const jobWaitQuerySchema = z
  .object({
    wait: z.coerce.number().int().min(0).max(JOB_WAIT_MAX_SECONDS).default(0),
    state: optionalParam(z.enum(printJobStates)),
  })
  .strict();
/** See {@link jobWaitQuerySchema}. */
export type JobWaitQuery = z.output<typeof jobWaitQuerySchema>;

/**
 * `POST /jobs/:id/confirm-reprint`: a person's decision on a job "to check": print the unsent
 * sheets again as COPY, or record it printed.
 */
export const toCheckDecisionSchema = z.object({ decision: z.enum(['reprint', 'done']) }).strict();
/** See {@link toCheckDecisionSchema}. */
export type ToCheckDecision = z.infer<typeof toCheckDecisionSchema>;

/** What a printer can say about itself; anything but `ready` and `busy` holds its queue. */
export const printerStates = [
  'ready',
  'busy',
  'offline',
  'out_of_paper',
  'error',
  'unavailable',
] as const;
/** A printer state. */
export type PrinterState = (typeof printerStates)[number];

/** A printer's state and, when it is not ready, why (both languages). */
export const printerStatusSchema = z.object({
  state: z.enum(printerStates),
  reason: printReasonSchema.nullable(),
});
/** See {@link printerStatusSchema}. */
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

/** Every printer driver of the site file's `printers[].driver`. */
export const printerDrivers = [
  'ipp',
  'raw9100',
  'escpos',
  'cups',
  'windows',
  'file',
] as const satisfies readonly PrinterDriver[];

/** One printer as `GET /printers` reports it: its site-file description and its live status. */
export const agentPrinterSchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.enum(printerDrivers),
  roles: z.array(printerRoleSchema),
  paper: z.string(),
  fallback: z.string().nullable(),
  /** `null` when the agent could not ask the printer yet. */
  status: printerStatusSchema.nullable(),
});
/** See {@link agentPrinterSchema}. */
export type AgentPrinter = z.infer<typeof agentPrinterSchema>;

/** `GET /printers`. */
export const agentPrinterListSchema = z.object({ printers: z.array(agentPrinterSchema) });
/** See {@link agentPrinterListSchema}. */
export type AgentPrinterList = z.infer<typeof agentPrinterListSchema>;

/** `POST /pair`: the code shown on the agent's console or admin page, and a name for the kiosk. */
export const pairRequestSchema = z
  .object({
    code: z.string().trim().min(6).max(20),
    // Shown on the admin page: printable text, like every name.
    label: textSchema(80).default('kiosk'),
  })
  .strict();
/** A parsed pairing request. */
export type PairRequest = z.output<typeof pairRequestSchema>;

/** `POST /pair` answer (201): the kiosk token, sent as `Authorization: Bearer` from then on. */
export const pairResponseSchema = z.object({ token: z.string().min(1) });
/** See {@link pairResponseSchema}. */
export type PairResponse = z.infer<typeof pairResponseSchema>;

/** `POST /admin/test-page`: the printer to print a TEST page on. */
export const testPageRequestSchema = z.object({ printer: siteIdSchema }).strict();

/**
 * `POST /admin/test-page` answer when JSON is asked for: what the driver could honestly tell
 * (`printed`, or only `spooled`), or `failed` with the reason. `jobId` names the page in the
 * printer's queue (a test page never enters the ledger).
 */
export const testPageResultSchema = z.object({
  status: z.enum(['printed', 'spooled', 'failed']),
  jobId: uuidSchema,
  reason: printReasonSchema.optional(),
});
/** See {@link testPageResultSchema}. */
export type TestPageResult = z.infer<typeof testPageResultSchema>;

/** `GET /health`: the agent is up (it may add printers, trusted keys and job counts). */
export const agentHealthSchema = z.object({ status: z.literal('ok') });
/** See {@link agentHealthSchema}. */
export type AgentHealth = z.infer<typeof agentHealthSchema>;
