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

const pairResponseSchema = z.object({ token: z.string().min(1) }).loose();
const jobSchema = z
  .object({
    jobId: z.string(),
    state: z.string(),
    reason: z.object({ code: z.string(), fr: z.string(), en: z.string() }).loose().nullish(),
    mark: z.enum(['original', 'copy']).optional(),
    printer: z.string().optional(),
  })
  .loose();
/** A job as the agent reports it. */
export type AgentJob = z.infer<typeof jobSchema>;
const healthSchema = z
  .object({ ok: z.boolean().optional(), status: z.string().optional() })
  .loose();

/** A print job (ARCHITECTURE.md, Printing): the server-signed JWS, never a PDF. */
export interface PrintJobRequest {
  jobId: string;
  document: string;
  /** The document's QR token from the server, printed in its QR code. */
  qrToken?: string;
  role: 'plate' | 'certificate' | 'atac' | 'receipt';
  copies: number;
  reprint: boolean;
}

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

/** Thrown when the agent answers with an error or not at all. */
export class AgentError extends Error {
  constructor(
    readonly code: 'unreachable' | 'refused' | 'bad_answer',
    message: string,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

async function readJson<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  if (!response.ok) throw new AgentError('refused', `HTTP ${response.status}`);
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

/** Pairs this kiosk with the agent using the code shown on the agent's status page. */
export async function pairWithAgent(url: string, code: string): Promise<string> {
  const response = await call({ url }, '/pair', { method: 'POST', body: JSON.stringify({ code }) });
  return (await readJson(response, pairResponseSchema)).token;
}

/** Is the agent up? */
export async function agentHealth(settings: AgentSettings): Promise<boolean> {
  const response = await call(settings, '/health');
  await readJson(response, healthSchema);
  return true;
}

/** Submits a job; the same jobId twice is the same job at the agent. */
export async function submitJob(settings: AgentSettings, job: PrintJobRequest): Promise<AgentJob> {
  const response = await call(settings, '/jobs', { method: 'POST', body: JSON.stringify(job) });
  return readJson(response, jobSchema);
}

/** Reads a job's progress. */
export async function readJob(settings: AgentSettings, jobId: string): Promise<AgentJob> {
  const response = await call(settings, `/jobs/${encodeURIComponent(jobId)}`);
  return readJson(response, jobSchema);
}
