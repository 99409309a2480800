import type { Context } from 'hono';
import type { z } from 'zod';
import { fromZodError, type ApiError } from '@comptoir/shared';
import { readJsonBody } from './json-body.js';

/** A parsed input, or the ApiError to answer with (400). */
export type Parsed<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Parses a value with a zod schema into the shared ApiError shape. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, error: fromZodError(result.error) };
}

/**
 * Reads a JSON body (depth bounded) and parses it; a body that is not JSON, or nests too
 * deeply, is `invalid_input` too.
 */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  const body = await readJsonBody(c);
  return body.ok ? parseWith(schema, body.value) : body;
}
