import { apiError, apiErrorSchema } from '@comptoir/shared';
import type { z } from 'zod';
import { observedFetch } from '$lib/offline/connectivity.svelte';
import { kioskError, type ActionResult } from './result';

const unreadable = kioskError(
  'unreadable_answer',
  "Réponse du serveur illisible. Réessayez; si le problème persiste, prévenez l'administrateur.",
  'Unreadable answer from the server. Try again; if it persists, tell the administrator.',
);

/**
 * One online call of the kiosk to the server, its answer parsed by the shared schema (a 204
 * answers `null`). Offline (or no answer) it says plainly that the action needs a connection:
 * these reads, checks and administration calls are never queued. A refusal comes back as the
 * server's bilingual error.
 */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  answerSchema: z.ZodType<T>,
  body?: unknown,
): Promise<ActionResult<T>> {
  if (!navigator.onLine) return { ok: false, error: apiError('online_only') };
  let response: Response;
  try {
    // Through the observed fetch: a call that gets no answer tells the status bar at once.
    response = await observedFetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, error: apiError('online_only') };
  }
  const json: unknown =
    response.status === 204 ? null : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(json);
    return { ok: false, error: error.success ? error.data : unreadable };
  }
  const parsed = answerSchema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: unreadable };
}
