import type { Context } from 'hono';
import type { z } from 'zod';
import { apiError, fieldError, fromZodError, type ApiError } from '@comptoir/shared';

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
    return { ok: false, error: apiError('invalid_input', [fieldError('', 'invalid_format')]) };
  }
  return parseWith(schema, body);
}
