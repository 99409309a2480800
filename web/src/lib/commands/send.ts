import {
  apiError,
  apiErrorSchema,
  appliedResultSchema,
  commandPayloadSchemas,
  commandResultSchema,
  commandSchema,
  fromZodError,
  newId,
  type AppliedResult,
  type OnlineCommandType,
} from '@comptoir/shared';
import { kioskError, type ActionResult } from '$lib/services/result';
import { commandDestination } from './destinations';
import { commandEnvelope, currentSigner } from './envelope';

/**
 * An online-only command the kiosk is about to send, or is sending again. The id is chosen
 * once per intent and kept until the server gives a definite answer (applied or rejected):
 * sending again after a lost answer or a `retry` reuses it, so the server's idempotency
 * record makes the second send answer the first one's result instead of acting twice.
 */
export interface DirectCommandIntent<T extends OnlineCommandType> {
  id: string;
  type: T;
  payload: unknown;
  /**
   * Fixed when the intent is made: the server hashes the whole envelope, so a resend with a
   * new timestamp would be the same id with another body (`idempotency_conflict`).
   */
  createdAt: string;
}

/** A new intent with a fresh command id. */
export function directCommandIntent<T extends OnlineCommandType>(
  type: T,
  payload: unknown,
): DirectCommandIntent<T> {
  return { id: newId(), type, payload, createdAt: new Date().toISOString() };
}

/** Whether the answer is final for this intent (a new attempt needs a new intent). */
export type DirectOutcome = ActionResult<AppliedResult> & {
  /** False when the same intent (same id) should be sent again: offline, retry, no answer. */
  isFinal: boolean;
};

const offline = {
  ok: false,
  isFinal: false,
  error: apiError('online_only'),
} as const satisfies DirectOutcome;

const noAnswer = {
  ok: false,
  isFinal: false,
  error: kioskError(
    'no_answer',
    "Le serveur n'a pas répondu. Réessayez : l'action ne sera pas faite deux fois.",
    'The server did not answer. Try again: the action will not be done twice.',
  ),
} as const satisfies DirectOutcome;

/**
 * Sends one online-only command (confirmation, same-day cancellation, bank account) to
 * `POST /api/commands`. Nothing is queued: offline, it answers `online_only` at once and the
 * screen keeps what was typed. The payload is parsed by its shared schema first, so a form
 * error is shown beside its field without a round trip. A request refused before any command
 * ran (re-authentication needed, signed out) is not final: the screen re-authenticates and
 * sends the same intent again.
 */
export async function sendDirectCommand<T extends OnlineCommandType>(
  intent: DirectCommandIntent<T>,
): Promise<DirectOutcome> {
  if (commandDestination(intent.type) !== 'server') {
    throw new Error(`${intent.type} is queued, not sent online`);
  }
  const signer = currentSigner();
  if (!signer) return { ok: false, isFinal: true, error: apiError('unauthenticated') };
  const payload = commandPayloadSchemas[intent.type].safeParse(intent.payload);
  if (!payload.success) return { ok: false, isFinal: true, error: fromZodError(payload.error) };
  if (!navigator.onLine) return offline;
  const command = commandSchema.safeParse(
    await commandEnvelope(signer, {
      id: intent.id,
      type: intent.type,
      payload: intent.payload,
      createdAt: intent.createdAt,
    }),
  );
  if (!command.success) return { ok: false, isFinal: true, error: fromZodError(command.error) };

  let response: Response;
  try {
    response = await fetch('/api/commands', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(command.data),
    });
  } catch {
    return navigator.onLine ? noAnswer : offline;
  }
  return readAnswer(response);
}

/** Reads `POST /api/commands`' answer: a command result, or an API error for the request. */
async function readAnswer(response: Response): Promise<DirectOutcome> {
  const json: unknown = await response.json().catch(() => undefined);
  const result = commandResultSchema.safeParse(json);
  if (result.success) {
    const { status } = result.data;
    if (status === 'applied') {
      const applied = appliedResultSchema.safeParse(result.data.result ?? {});
      return applied.success ? { ok: true, isFinal: true, value: applied.data } : noAnswer;
    }
    if (status === 'rejected') {
      return { ok: false, isFinal: true, error: result.data.error ?? apiError('internal_error') };
    }
    return { ...noAnswer, error: result.data.error ?? noAnswer.error };
  }
  // Not a command result: the request itself was refused (signed out, re-authentication
  // needed, rate limited) before any command ran; the same intent may be sent again.
  const error = apiErrorSchema.safeParse(json);
  return { ok: false, isFinal: false, error: error.success ? error.data : noAnswer.error };
}
