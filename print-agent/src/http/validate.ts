import type { Context } from 'hono';
import type { z } from 'zod';
import { agentError, fromZodError, type ApiError } from '../errors.js';

/** A parsed input, or the ApiError to answer with (400). */
export type Parsed<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Parses a value with a zod schema into the shared ApiError shape. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, error: fromZodError(result.error) };
}

/** Reads a JSON body and parses it; a body that is not JSON is `invalid_input` too. */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    const { message } = agentError('invalid_format');
    return {
      ok: false,
      error: agentError('invalid_input', [{ path: '', code: 'invalid_format', message }]),
    };
  }
  return parseWith(schema, body);
}
