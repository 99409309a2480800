import {
  agentPrinterListSchema,
  apiErrorSchema,
  type ApiError,
  jobRequestSchema,
  pairRequestSchema,
  pairResponseSchema,
  printJobListSchema,
  printJobSchema,
  toCheckDecisionSchema,
  type AgentPrinter,
  type JobRequestInput,
  type PrintJob,
  type ToCheckDecision,
} from '@comptoir/shared';
import { z } from 'zod';

/** Where the print agent is and the token this kiosk got by pairing. */
export const agentSettingsSchema = z.object({
  url: z.url(),
  token: z.string().min(1).optional(),
});
/** The print agent's address and pairing token. */
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

/** The agent's default address (ARCHITECTURE.md: AGENT_HOST, AGENT_PORT). */
export const DEFAULT_AGENT_URL = 'http://127.0.0.1:9631';

// The agent's answers are parsed by the shared schemas of its API (`print-job.schema.ts`). They
// are not strict, so a newer agent that adds a field still answers an older kiosk.

/** `GET /health` answers more (job counts...), but the kiosk only needs to know it is up. */
const healthSchema = z.object({ status: z.literal('ok') });

/**
 * Chromium's Local Network Access: a page must name the address space it reaches (the
 * option is ignored by other browsers). Loopback for an agent on the kiosk itself.
 */
function addressSpaceOf(url: string): 'loopback' | 'local' {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' ? 'loopback' : 'local';
}

async function agentFetch(
  settings: AgentSettings,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (settings.token) headers.set('authorization', `Bearer ${settings.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const options: RequestInit & { targetAddressSpace?: string } = {
    ...init,
    headers,
    mode: 'cors',
    credentials: 'omit',
    targetAddressSpace: addressSpaceOf(settings.url),
  };
  return fetch(new URL(path, settings.url), options);
}

/**
 * Thrown when the agent answers with an error or not at all. A refusal carries the agent's own
 * error (shared shape, French and English) when it sent one, so the kiosk can say why: a
 * forged or expired document is not an unreachable agent.
 */
export class AgentError extends Error {
  constructor(
    readonly code: 'unreachable' | 'refused' | 'bad_answer' | 'bad_request',
    message: string,
    readonly agentError?: ApiError,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

async function readJson<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  if (!response.ok) {
    const body = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
    throw new AgentError(
      'refused',
      `HTTP ${response.status}`,
      body.success ? body.data : undefined,
    );
  }
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new AgentError('bad_answer', 'Unexpected answer from the agent');
  return parsed.data;
}

async function call(settings: AgentSettings, path: string, init?: RequestInit): Promise<Response> {
  try {
    return await agentFetch(settings, path, init);
  } catch {
    throw new AgentError('unreachable', 'The print agent does not answer');
  }
}

/**
 * Checks what the kiosk is about to send with the agent's own request schema: a request the
 * agent would refuse is caught here, before it leaves, with the same rules.
 */
function requestBody<T>(schema: z.ZodType<T, unknown>, input: unknown): string {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AgentError('bad_request', 'Invalid request for the agent');
  return JSON.stringify(parsed.data);
}

/** Pairs this kiosk with the agent using the code shown on the agent's status page. */
export async function pairWithAgent(url: string, code: string): Promise<string> {
  const body = requestBody(pairRequestSchema, { code });
  const response = await call({ url }, '/pair', { method: 'POST', body });
  return (await readJson(response, pairResponseSchema)).token;
}

/** Is the agent up? */
export async function agentHealth(settings: AgentSettings): Promise<boolean> {
  const response = await call(settings, '/health');
  await readJson(response, healthSchema);
  return true;
}

/** The agent's printers with their live status (`status` is null until the agent asked). */
export async function listPrinters(settings: AgentSettings): Promise<AgentPrinter[]> {
  const response = await call(settings, '/printers');
  return (await readJson(response, agentPrinterListSchema)).printers;
}

/**
 * Submits a job: the server-signed JWS (never a PDF) and the document's QR token, so the
 * printed QR code carries it. The same jobId twice is the same job at the agent.
 */
export async function submitJob(settings: AgentSettings, job: JobRequestInput): Promise<PrintJob> {
  const body = requestBody(jobRequestSchema, job);
  const response = await call(settings, '/jobs', { method: 'POST', body });
  return readJson(response, printJobSchema);
}

/** The agent's job ledger, newest first (at most `limit` jobs): the printers screen's queues. */
export async function listJobs(settings: AgentSettings, limit = 50): Promise<PrintJob[]> {
  const response = await call(settings, `/jobs?limit=${String(limit)}`);
  return (await readJson(response, printJobListSchema)).jobs;
}

/** Reads a job's progress. */
export async function readJob(settings: AgentSettings, jobId: string): Promise<PrintJob> {
  const response = await call(settings, `/jobs/${encodeURIComponent(jobId)}`);
  return readJson(response, printJobSchema);
}

/**
 * A person's decision on a job "to check" (the printer stopped answering mid-job): print the
 * unsent sheets again as COPY, or record it printed.
 */
export async function decideToCheck(
  settings: AgentSettings,
  jobId: string,
  decision: ToCheckDecision['decision'],
): Promise<PrintJob> {
  const body = requestBody(toCheckDecisionSchema, { decision });
  const path = `/jobs/${encodeURIComponent(jobId)}/confirm-reprint`;
  const response = await call(settings, path, { method: 'POST', body });
  return readJson(response, printJobSchema);
}
