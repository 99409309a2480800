import { can, fromZodError, type Action, type ErrorCode } from '@comptoir/shared';
import type { z } from 'zod';
import { appendAudit, licenceChain } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import { hasFreshReauthentication } from '../accounts/reauthentication.js';
import type { ServerContext } from '../context.js';
import { HttpError, fail, readJsonBody } from './responses.js';
import { refuse } from './authorize.js';

/*
 * The guards of the registry's direct endpoints (checks, history, bank account, cap requests,
 * staff actions): each refusal is audited before it is answered, with the route that refused.
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
  await auditRefusal(server, actor, { route, code: error.code, fields: error.fields });
  throw new HttpError(400, error);
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
    if (error instanceof HttpError) {
      await auditRefusal(server, actor, {
        route: new URL(request.url).pathname,
        code: error.body.code,
      });
    }
    throw error;
  }
}

async function auditRefusal(
  server: ServerContext,
  actor: SessionAccount,
  detail: { route: string; code: string; fields?: { path: string; code: string }[] },
): Promise<void> {
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'request.refused',
      actor: actor.id,
      detail: {
        route: detail.route,
        code: detail.code,
        ...(detail.fields && {
          fields: detail.fields.map((field) => `${field.path}:${field.code}`),
        }),
      },
    }),
  );
}

/**
 * Requires the actor to act for `licence` with a role that may do `action` (shared matrix):
 * 403 `licence_not_permitted` when it does not act for the licence, 403 `forbidden` when its
 * role there may not; both audited.
 */
export async function requireLicenceAction(
  server: ServerContext,
  actor: SessionAccount,
  route: string,
  licence: string,
  action: Action,
): Promise<void> {
  const membership = actor.licences.find((entry) => entry.licence === licence);
  if (!membership) await refuse(server, actor, 403, 'licence_not_permitted', { route, licence });
  else if (!can(membership.role, action))
    await refuse(server, actor, 403, 'forbidden', { route, licence });
}

/** Requires the account's own role to allow `action` (staff actions): 403 `forbidden`, audited. */
export async function requireAccountAction(
  server: ServerContext,
  actor: SessionAccount,
  route: string,
  action: Action,
): Promise<void> {
  if (!can(actor.role, action)) await refuse(server, actor, 403, 'forbidden', { route });
}

/**
 * Requires a re-authentication within the last 5 minutes (DOMAIN.md, Accounts rule 7) for a
 * sensitive action: 403 `reauthentication_required`, audited.
 */
export async function requireFreshReauthentication(
  server: ServerContext,
  actor: SessionAccount,
  route: string,
): Promise<void> {
  if (!hasFreshReauthentication(actor, server.clock()))
    await refuse(server, actor, 403, 'reauthentication_required', { route });
}

/**
 * Refuses with a business code once the request was understood: audited on the licence's
 * chain when it names a licence that exists (else on the system chain).
 */
export async function refuseOnLicence(
  server: ServerContext,
  actor: SessionAccount,
  status: number,
  code: ErrorCode,
  detail: { route: string; licence?: string; subject?: string },
): Promise<never> {
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(
      tx,
      now,
      {
        event: 'request.refused',
        actor: actor.id,
        licence: detail.licence ?? null,
        subject: detail.subject ?? null,
        detail: { route: detail.route, code },
      },
      detail.licence ? licenceChain(detail.licence) : undefined,
    ),
  );
  fail(status, code);
}
