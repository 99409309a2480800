import { fromZodError, licenceQuerySchema } from '@comptoir/shared';
import type { z } from 'zod';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { refuse } from './authorize.js';
import { HttpError, readJsonBody } from './responses.js';

/*
 * Reading a request's inputs (body, query, path) with their shared schemas. The registry's
 * direct endpoints (checks, history, bank account, cap requests, staff actions) audit every
 * input they refuse, with the route that refused it (`refuse`, ./authorize.ts).
 */

/**
 * Parses one input of a request with its shared schema; refuses 400 `invalid_input` with
 * every failing field (audited) otherwise.
 */
export async function parseRequest<T>(
  server: ServerContext,
  actor: SessionAccount,
  route: string,
  schema: z.ZodType<T>,
  input: unknown,
): Promise<T> {
  let parsed;
  try {
    parsed = schema.safeParse(input);
  } catch {
    // A refinement that throws on a shape it did not expect is still bad input, never a 500.
    return refuse(server, actor, 400, 'invalid_input', { route });
  }
  if (parsed.success) return parsed.data;
  const error = fromZodError(parsed.error);
  return refuse(server, actor, 400, error, {
    route,
    fields: error.fields.map((field) => `${field.path}:${field.code}`),
  });
}

/**
 * Reads a request's JSON body (`readJsonBody`: at most 1 MiB, JSON): a body it refuses (not
 * JSON, too large, absent) is audited like every other refusal.
 */
export async function readRequestBody(
  server: ServerContext,
  actor: SessionAccount,
  request: Request,
): Promise<unknown> {
  try {
    return await readJsonBody(request);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return refuse(server, actor, error.status, error.body, {
      route: new URL(request.url).pathname,
    });
  }
}

/** Parses `?licence=` (400 with the field otherwise; not audited). */
export function licenceOfQuery(query: Record<string, string>): string {
  const parsed = licenceQuerySchema.safeParse(query);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  return parsed.data.licence;
}
