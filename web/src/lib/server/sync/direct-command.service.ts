import { commandResultSchema } from '@comptoir/shared';
import type { SessionAccount } from '../auth/session.service.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/responses.js';
import { pushCommands } from './push.service.js';

/** A direct command's answer: its stored result as JSON text, with the HTTP status it means. */
export interface DirectAnswer {
  status: number;
  body: string;
}

/** `applied` 200; `rejected` 422 (stored: a replay answers the same); `retry` 503. */
const statusOf = { applied: 200, rejected: 422, retry: 503 } as const;

/**
 * `POST /api/commands`: one command from a kiosk that is online, through the very pipeline of
 * the sync push (parse, authorize, rules, savepoint, idempotency record, audit, signatures,
 * durable commit), with online-only types allowed: registration confirmation and same-day
 * cancellation (the client is present and the registry must update at once), bank account.
 */
export async function applyDirectCommand(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<DirectAnswer> {
  let answer;
  try {
    answer = await pushCommands(server, actor, { ops: [body] }, undefined, 'direct');
  } catch (error) {
    // Batch-level refusals name `ops.0.<field>`: here the body IS the command.
    if (!(error instanceof HttpError)) throw error;
    const fields = error.body.fields.map((field) => ({
      ...field,
      path: field.path.replace(/^ops\.0\.?/, ''),
    }));
    throw new HttpError(error.status, { ...error.body, fields });
  }
  const [json = ''] = answer.results;
  const result = commandResultSchema.parse(JSON.parse(json));
  return { status: statusOf[result.status], body: json };
}
