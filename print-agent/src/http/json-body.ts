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
 * True when `[` and `{` nest deeper than `limit` in a JSON text, counted outside strings: linear,
 * no recursion, so a hostile body costs one pass over bytes the body limit already bounded.
 * Strings are skipped with `indexOf` (a job's document is one long string).
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      i = closingQuote(text, i);
      // Unterminated: not JSON, which the parser then says.
      if (i < 0) return false;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote closing the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    // A quote after an odd run of backslashes is escaped.
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
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
