import {
  agentHealthSchema,
  agentPrinterListSchema,
  apiErrorSchema,
  type ApiError,
  jobRequestSchema,
  type JobWaitQuery,
  pairRequestSchema,
  pairResponseSchema,
  printJobListSchema,
  printJobSchema,
  revocationsRequestSchema,
  revocationsResponseSchema,
  toCheckDecisionSchema,
  type AgentPrinter,
  type RevocationsResponse,
  type JobRequestInput,
  type PrintJob,
  type ToCheckDecision,
} from '@comptoir/shared';
import { z } from 'zod';
import { agentUrlForPage } from './agent-url';

/** Where the print agent is and the token this kiosk got by pairing. */
export const agentSettingsSchema = z.object({
  url: z.url(),
  token: z.string().min(1).optional(),
});
/** The print agent's address and pairing token. */
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

/**
 * The agent's default address: the agent binds `AGENT_HOST`:`AGENT_PORT`, 127.0.0.1:9631 unless
 * configured (docs/printing.md, Configuration).
 */
export const DEFAULT_AGENT_URL = 'http://127.0.0.1:9631';

// The one way the kiosk talks to the print agent: every call below goes through `request`,
// which checks the body with the agent's own request schema and parses the answer with the
// shared schema of its API (`print-job.schema.ts` in `@comptoir/shared`; this package never
// imports the agent's code). Answer schemas are not strict, so a newer agent that adds a field
// still answers an older kiosk.

/** `GET /health` answers more (job counts...), but the kiosk only needs to know it is up. */

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
  // From an HTTPS page, the agent's HTTPS address, whatever was stored (Safari: agent-url.ts).
  const url = agentUrlForPage(settings.url, globalThis.location?.protocol);
  const options: RequestInit & { targetAddressSpace?: string } = {
    ...init,
    headers,
    mode: 'cors',
    credentials: 'omit',
    targetAddressSpace: addressSpaceOf(url),
  };
  return fetch(new URL(path, url), options);
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

/** One call to the agent: where, with which checked body, and the schema of its answer. */
interface AgentCall<T> {
  method?: 'GET' | 'POST';
  path: string;
  /** The JSON body, already checked by {@link requestBody}. */
  body?: string;
  answer: z.ZodType<T>;
}

/**
 * Sends one call and reads its answer: silence is `unreachable`, an error status `refused`
 * (with the agent's own error when it sent one), an answer its schema rejects `bad_answer`.
 */
async function request<T>(settings: AgentSettings, call: AgentCall<T>): Promise<T> {
  let response: Response;
  try {
    response = await agentFetch(settings, call.path, {
      method: call.method ?? 'GET',
      ...(call.body === undefined ? {} : { body: call.body }),
    });
  } catch {
    throw new AgentError('unreachable', 'The print agent does not answer');
  }
  if (!response.ok) {
    const body = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
    throw new AgentError(
      'refused',
      `HTTP ${response.status}`,
      body.success ? body.data : undefined,
    );
  }
  const parsed = call.answer.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new AgentError('bad_answer', 'Unexpected answer from the agent');
  return parsed.data;
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

/** The path of one job at the agent. */
function jobPath(jobId: string): string {
  return `/jobs/${encodeURIComponent(jobId)}`;
}

/** Pairs this kiosk with the agent using the code shown on the agent's status page. */
export async function pairWithAgent(url: string, code: string): Promise<string> {
  const body = requestBody(pairRequestSchema, { code });
  const answer = await request(
    { url },
    { method: 'POST', path: '/pair', body, answer: pairResponseSchema },
  );
  return answer.token;
}

/** Is the agent up? */
export async function agentHealth(settings: AgentSettings): Promise<boolean> {
  await request(settings, { path: '/health', answer: agentHealthSchema });
  return true;
}

/** The agent's printers with their live status (`status` is null until the agent asked). */
export async function listPrinters(settings: AgentSettings): Promise<AgentPrinter[]> {
  const answer = await request(settings, { path: '/printers', answer: agentPrinterListSchema });
  return answer.printers;
}

/**
 * Submits a job: the server-signed JWS (never a PDF) and the document's QR token, so the
 * printed QR code carries it. The same jobId twice is the same job at the agent.
 */
export async function submitJob(settings: AgentSettings, job: JobRequestInput): Promise<PrintJob> {
  const body = requestBody(jobRequestSchema, job);
  return request(settings, { method: 'POST', path: '/jobs', body, answer: printJobSchema });
}

/** The agent's job ledger, newest first (at most `limit` jobs): the printers screen's queues. */
export async function listJobs(settings: AgentSettings, limit = 50): Promise<PrintJob[]> {
  const path = `/jobs?limit=${String(limit)}`;
  return (await request(settings, { path, answer: printJobListSchema })).jobs;
}

/**
 * Reads a job's progress. With `wait` (seconds), a long poll: the agent answers as soon as the
 * job leaves `state` (the state the kiosk last saw), or unchanged after `wait` seconds; an
 * agent without the long poll answers at once (see {@link followJob}).
 */
export async function readJob(
  settings: AgentSettings,
  jobId: string,
  wait?: JobWaitQuery,
): Promise<PrintJob> {
  const query = wait
    ? `?${new URLSearchParams({ wait: String(wait.wait), ...(wait.state ? { state: wait.state } : {}) }).toString()}`
    : '';
  return request(settings, { path: `${jobPath(jobId)}${query}`, answer: printJobSchema });
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
  const path = `${jobPath(jobId)}/confirm-reprint`;
  return request(settings, { method: 'POST', path, body, answer: printJobSchema });
}

/**
 * Hands the dealer's server-signed revocation feed (from the last pull) to the agent, which
 * keeps it when it verifies and is newer than the one it holds: voided papers then never print.
 */
export async function handRevocations(
  settings: AgentSettings,
  feed: string,
): Promise<RevocationsResponse> {
  const body = requestBody(revocationsRequestSchema, { feed });
  return request(settings, {
    method: 'POST',
    path: '/revocations',
    body,
    answer: revocationsResponseSchema,
  });
}
