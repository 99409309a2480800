import type { Context } from 'hono';
import { apiError, fieldError, type ApiError } from '@comptoir/shared';

/**
 * No agent body nests more than a few levels (a job is flat, its document a string): 32 is far
 * above any genuine body and far below what would exhaust a stack downstream.
 */
export const MAX_JSON_DEPTH = 32;

/** A body read as JSON, or the ApiError (400) to answer with. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; error: ApiError };

/**
 * The deepest nesting of `[` and `{` in a JSON text, counted outside strings, stopping once it
 * exceeds `limit`: linear, no recursion, so a hostile body costs one pass over bytes the body
 * limit already bounded.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * Reads the body as JSON with its depth bounded before parsing. The size is bounded earlier by
 * the app's body limit (413). Keys such as `__proto__` parse as plain own keys and the strict
 * schemas then refuse them by name.
 */
export async function readJsonBody(c: Context): Promise<JsonBody> {
  const text = await c.req.text();
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    return { ok: false, error: apiError('invalid_input', [fieldError('', 'json_too_deep')]) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: apiError('invalid_input', [fieldError('', 'invalid_format')]) };
  }
}
