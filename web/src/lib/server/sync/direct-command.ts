import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { applyCommand } from '../pipeline/pipeline.js';
import { asHttp } from './push.js';

/** A direct command's answer: its stored result as JSON text, with the HTTP status it means. */
export interface DirectAnswer {
  status: number;
  body: string;
}

/** `applied` 200; `rejected` 422 (stored: a replay answers the same); `retry` 503. */
const statusOf = { applied: 200, rejected: 422, retry: 503, flagged: 200 } as const;

/**
 * `POST /api/commands`: one command from a kiosk that is online, any type (the online-only
 * ones among them: registration confirmation and same-day cancellation, bank account), through
 * the pipeline's single-command entry.
 */
export async function applyDirectCommand(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<DirectAnswer> {
  const answer = await asHttp(() => applyCommand(server, { session: actor, kiosk: null }, body));
  return { status: statusOf[answer.status], body: answer.json };
}
