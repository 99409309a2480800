import { pushRequestSchema, fromZodError } from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/responses.js';
import { BatchRefusal } from '../pipeline/batch-refusal.js';
import { applyBatch, type CommandSender, type PipelinePhases } from '../pipeline/pipeline.js';

/** Where a push's time goes (benchmarks): the pipeline's phases. */
export type PushPhases = PipelinePhases;

/** The push answer as JSON text: stored results are spliced in byte for byte. */
export interface PushAnswer {
  body: string;
}

/** The HTTP status of each reason a whole submission is refused. */
export const refusalStatus = { unauthenticated: 401, invalid_input: 400, forbidden: 403 } as const;

/** Runs pipeline work, turning a refused submission into its HTTP error. */
export async function asHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BatchRefusal)
      throw new HttpError(refusalStatus[error.reason], error.error);
    throw error;
  }
}

/**
 * `POST /api/sync/push` (docs/sync.md): the body is `{ ops: [...] }`, 1 to 100 commands,
 * applied by the pipeline in one durable transaction. Who may push what: without a kiosk
 * credential, only the session's person's commands; with one, several people's, each judged
 * on its own.
 */
export async function pushFromSender(
  server: ServerContext,
  sender: CommandSender,
  body: unknown,
  phases?: PushPhases,
): Promise<PushAnswer> {
  const request = pushRequestSchema.safeParse(body);
  if (!request.success) throw new HttpError(400, fromZodError(request.error));
  const answers = await asHttp(() => applyBatch(server, sender, request.data.ops, phases));
  const results = answers.map((answer) => answer.json).join(',');
  return {
    body: `{"serverTime":${JSON.stringify(server.clock().toISOString())},"results":[${results}]}`,
  };
}

/** A push by a person's session, without a kiosk credential (benchmarks and tests). */
export function pushCommands(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
  phases?: PushPhases,
): Promise<PushAnswer> {
  return pushFromSender(server, { session: actor, kiosk: null }, body, phases);
}
