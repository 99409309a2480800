import {
  accessCodeIssueSchema,
  leaseListQuerySchema,
  leaseListResponseSchema,
  leaseRequestSchema,
  leaseResponseSchema,
  leaseRevokeRequestSchema,
  leaseViewSchema,
  administratorSignupSchema,
  accountContactAnswerSchema,
  accountContactInputSchema,
  apiErrorSchema,
  auditPageSchema,
  auditQuerySchema,
  bankAccountAnswerSchema,
  capDecisionSchema,
  capRequestCreateSchema,
  capRequestListQuerySchema,
  capRequestListSchema,
  capRequestViewSchema,
  commandResultSchema,
  commandSchema,
  documentEnvelopeSchema,
  documentListSchema,
  documentVoidResultSchema,
  documentVoidSchema,
  employeeSignupSchema,
  enrolledKioskSchema,
  genericAccountCreateSchema,
  genericAccountListSchema,
  genericAccountSchema,
  genericAccountUpdateSchema,
  issuedAccessCodeSchema,
  kioskEnrolRequestSchema,
  kioskEnrolResponseSchema,
  kioskListQuerySchema,
  kioskListResponseSchema,
  latePlateListSchema,
  licenceCapsSchema,
  licenceCheckQuerySchema,
  licenceCheckResultSchema,
  licenceQuerySchema,
  licenceStateSchema,
  licenceStatusChangeSchema,
  listQuerySchema,
  loginRequestSchema,
  operatorCreateSchema,
  operatorListQuerySchema,
  operatorSchema,
  operatorUpdateSchema,
  operatorVerifiersQuerySchema,
  operatorVerifiersResponseSchema,
  ownershipHistorySchema,
  searchQuerySchema,
  searchResultSchema,
  staffLookupQuerySchema,
  staffLookupResultSchema,
  vehicleLookupSchema,
  plateEventSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  reauthenticateRequestSchema,
  reauthenticationSchema,
  recoverRequestSchema,
  recoverResponseSchema,
  registrationListSchema,
  registrationViewSchema,
  registryJwksSchema,
  supportLineSchema,
  rightToRegisterQuerySchema,
  rightToRegisterResultSchema,
  sessionInfoSchema,
  sessionListSchema,
  sessionLookupSchema,
  sessionQuerySchema,
  signupResponseSchema,
} from '@comptoir/shared';
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';

/** Who may call an operation. */
type Caller = 'anyone' | 'session' | 'session_or_kiosk' | 'kiosk';

/** One operation of the server's API, as the table below declares it. */
interface Operation {
  summary: string;
  caller: Caller;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success answers: status -> description and, when JSON, the shared schema. */
  ok: Record<number, { description: string; schema?: z.ZodType }>;
  /** Refusals the route itself answers (status -> the codes), in the shared error shape. */
  refusals?: Record<number, string>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathItem = Partial<Record<Method, Operation>>;

const WRITES: ReadonlySet<Method> = new Set(['post', 'put', 'patch', 'delete']);

/** `licence=` of most dealer routes: which of the person's licences the request acts for. */
const forLicence = licenceQuerySchema;
const permission = 'forbidden | licence_not_permitted';
const staffWrite = `${permission} | reauthentication_required`;

/** Readable by a signed-in person for one licence. */
const licenceRead = (summary: string, schema: z.ZodType, query: z.ZodObject = forLicence) =>
  ({
    summary,
    caller: 'session',
    query,
    ok: { 200: { description: summary, schema } },
    refusals: { 400: 'invalid_input', 403: permission },
  }) satisfies Operation;

const documentView = (summary: string) =>
  ({
    summary,
    caller: 'session',
    ok: { 200: { description: 'The document, signed', schema: documentEnvelopeSchema } },
    // Another dealer's number answers as an unknown one (audited): a number tells nothing.
    refusals: { 404: 'not_found' },
  }) satisfies Operation;

const staffDecision = (summary: string) =>
  ({
    summary,
    caller: 'session',
    body: capDecisionSchema,
    ok: { 200: { description: 'The request as decided', schema: capRequestViewSchema } },
    refusals: {
      400: 'invalid_input',
      403: staffWrite,
      404: 'not_found',
      409: 'cap_request_decided',
    },
  }) satisfies Operation;

const licenceStatus = (summary: string) =>
  ({
    summary,
    caller: 'session',
    body: licenceStatusChangeSchema,
    ok: { 200: { description: 'The licence after the change', schema: licenceStateSchema } },
    refusals: { 400: 'invalid_input', 403: staffWrite, 404: 'not_found' },
  }) satisfies Operation;

/**
 * Every endpoint under `web/src/routes` (`/api/...` and `/.well-known/...`), keyed by its
 * OpenAPI path (`[number]` -> `{number}`). A route added on disk and not here fails `npm test`
 * (`openapi.document.test.ts`); a status documented here and never seen by a test fails the
 * `api-statuses` suite.
 */
const paths: Record<string, PathItem> = {
  '/.well-known/jwks.json': {
    get: {
      summary: 'The registry’s public keys (current, retired) and revoked key ids',
      caller: 'anyone',
      ok: { 200: { description: 'The key set', schema: registryJwksSchema } },
    },
  },
  '/api/openapi.json': {
    get: {
      summary: 'This document',
      caller: 'anyone',
      ok: { 200: { description: 'OpenAPI 3.1' } },
    },
  },
  '/api/health': {
    get: { summary: 'Liveness', caller: 'anyone', ok: { 200: { description: 'Alive' } } },
  },
  '/api/health/ready': {
    get: {
      summary: 'Readiness: the database answers and the keyset is the registry’s',
      caller: 'anyone',
      ok: { 200: { description: 'Ready' }, 503: { description: 'Not ready, with the checks' } },
    },
  },
  '/api/auth/login': {
    post: {
      summary: 'Sign in with a password (sets the session cookie)',
      caller: 'anyone',
      body: loginRequestSchema,
      ok: { 200: { description: 'Signed in', schema: sessionInfoSchema } },
      refusals: {
        400: 'invalid_input',
        401: 'invalid_credentials',
        403: 'activation_country',
        429: 'rate_limited (with Retry-After)',
      },
    },
  },
  '/api/auth/logout': {
    post: {
      summary: 'End the session (clears the cookie)',
      caller: 'anyone',
      ok: { 204: { description: 'Signed out' } },
    },
  },
  '/api/auth/session': {
    get: {
      summary: 'Who is signed in; `?ifSignedIn=1` answers `{ session }`, null when signed out',
      caller: 'anyone',
      query: sessionQuerySchema,
      ok: {
        200: {
          description: 'The session (or, with ifSignedIn, the lookup)',
          schema: z.union([sessionInfoSchema, sessionLookupSchema]),
        },
      },
      refusals: { 400: 'invalid_input', 401: 'unauthenticated' },
    },
  },
  '/api/support': {
    get: {
      summary: 'The support line and its hours, shown in every screen’s help',
      caller: 'anyone',
      ok: { 200: { description: 'The line', schema: supportLineSchema } },
    },
  },
  '/api/auth/providers': {
    get: {
      summary: 'Whether sign-in through an OpenID Connect provider is offered',
      caller: 'anyone',
      ok: {
        200: {
          description: 'The provider’s name, or null',
          schema: z.object({ oidc: z.object({ name: z.string() }).nullable() }),
        },
      },
    },
  },
  '/api/auth/reauthenticate': {
    post: {
      summary: 'The password again, for a sensitive action within 5 minutes',
      caller: 'session',
      body: reauthenticateRequestSchema,
      ok: { 200: { description: 'Re-authenticated until', schema: reauthenticationSchema } },
      refusals: { 400: 'invalid_input', 403: 'invalid_credentials', 429: 'rate_limited' },
    },
  },
  '/api/auth/oidc/start': {
    get: {
      summary: 'Off to the OpenID Connect provider (`purpose=signin|reauth|link`, `returnTo`)',
      caller: 'anyone',
      ok: { 303: { description: 'Redirect to the provider' } },
      refusals: { 400: 'invalid_input', 401: 'unauthenticated', 404: 'oidc_not_configured' },
    },
  },
  '/api/auth/oidc/callback': {
    get: {
      summary: 'The provider sends the browser back here',
      caller: 'anyone',
      ok: { 303: { description: 'To `returnTo`, or to the sign-in page with `?erreur=<code>`' } },
    },
  },
  '/api/signup/administrator': {
    post: {
      summary: 'Sign-up of the NEQ’s listed administrator or sole proprietor',
      caller: 'anyone',
      body: administratorSignupSchema,
      ok: { 201: { description: 'The account, signed up', schema: signupResponseSchema } },
      refusals: { 400: 'invalid_input and the sign-up refusals, with the field' },
    },
  },
  '/api/signup/employee': {
    post: {
      summary: 'Sign-up of an accredited dealer’s employee with a personal access code',
      caller: 'anyone',
      body: employeeSignupSchema,
      ok: { 201: { description: 'The account, signed up', schema: signupResponseSchema } },
      refusals: { 400: 'invalid_input and the sign-up refusals, with the field' },
    },
  },
  '/api/sessions': {
    get: licenceRead('The sessions of the accounts of a licence', sessionListSchema),
  },
  '/api/sessions/{id}': {
    delete: {
      summary: 'End one session',
      caller: 'session',
      query: forLicence,
      ok: { 204: { description: 'Ended' } },
      refusals: { 400: 'invalid_input', 403: permission, 404: 'not_found' },
    },
  },
  '/api/accounts/generic': {
    get: licenceRead('The generic (showroom) accounts of a licence', genericAccountListSchema),
    post: {
      summary: 'A generic account for a non-accredited dealer',
      caller: 'session',
      body: genericAccountCreateSchema,
      ok: { 201: { description: 'Created', schema: genericAccountSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/accounts/generic/{id}': {
    patch: {
      summary: 'Change or disable a generic account',
      caller: 'session',
      body: genericAccountUpdateSchema,
      ok: { 200: { description: 'The account', schema: genericAccountSchema } },
      refusals: { 400: 'invalid_input', 403: permission, 404: 'not_found' },
    },
  },
  '/api/atac': {
    get: licenceRead('The ATACs of a licence over a period', documentListSchema, listQuerySchema),
  },
  '/api/atac/{number}': { get: documentView('One ATAC') },
  '/api/transit': {
    get: licenceRead(
      'The transits of a licence over a period',
      documentListSchema,
      listQuerySchema,
    ),
  },
  '/api/transit/{number}': { get: documentView('One transit certificate') },
  '/api/search': {
    get: licenceRead(
      'Papers of a licence by VIN (or its last 6), name, number or plate, over any period',
      searchResultSchema,
      searchQuerySchema,
    ),
  },
  '/api/documents/{number}': { get: documentView('Any document by its number') },
  '/api/registrations': {
    get: licenceRead('The registrations of a licence', registrationListSchema, listQuerySchema),
  },
  '/api/registrations/{number}': {
    get: {
      summary: 'One registration with its request and papers',
      caller: 'session',
      ok: { 200: { description: 'The registration', schema: registrationViewSchema } },
      refusals: { 404: 'not_found' },
    },
  },
  '/api/bank-account': {
    get: licenceRead('The masked bank account of a licence', bankAccountAnswerSchema),
  },
  '/api/cap-requests': {
    get: licenceRead('The over-cap requests of a licence', capRequestListSchema),
    post: {
      summary: 'Ask for more transits or plates than the weekly cap',
      caller: 'session',
      body: capRequestCreateSchema,
      ok: {
        201: { description: 'Created', schema: capRequestViewSchema },
        200: {
          description: 'The same id again: the request as it is',
          schema: capRequestViewSchema,
        },
      },
      refusals: {
        400: 'invalid_input',
        403: permission,
        409: 'cap_request_pending | idempotency_conflict',
      },
    },
  },
  '/api/checks/driver-licence': {
    post: {
      summary: 'Is a driving licence valid, and of which category (nothing more)',
      caller: 'session',
      query: forLicence,
      body: licenceCheckQuerySchema,
      ok: { 200: { description: 'The answer', schema: licenceCheckResultSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/checks/right-to-register': {
    post: {
      summary: 'May this person register a vehicle',
      caller: 'session',
      query: forLicence,
      body: rightToRegisterQuerySchema,
      ok: { 200: { description: 'The answer', schema: rightToRegisterResultSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/history/{vin}': {
    get: {
      summary: 'The ownership history of a vehicle (never owners’ names)',
      caller: 'session',
      query: forLicence,
      ok: { 200: { description: 'The history', schema: ownershipHistorySchema } },
      refusals: { 400: 'invalid_input', 403: permission, 404: 'vehicle_unknown' },
    },
  },
  '/api/vehicles/{vin}': {
    get: {
      summary: 'What the registry knows of a VIN and what may be issued for it now (no names)',
      caller: 'session',
      query: forLicence,
      ok: { 200: { description: 'The vehicle and its issuance', schema: vehicleLookupSchema } },
      refusals: {
        400: 'invalid_input',
        403: permission,
        429: 'vehicle_lookup_rate_limited',
      },
    },
  },
  '/api/accounts/me/contact': {
    get: {
      summary: 'The signed-in person’s own notice address and language',
      caller: 'session',
      ok: { 200: { description: 'The contact', schema: accountContactAnswerSchema } },
    },
    put: {
      summary: 'Set one’s own notice address and language (the same values change nothing)',
      caller: 'session',
      body: accountContactInputSchema,
      ok: { 200: { description: 'The contact', schema: accountContactAnswerSchema } },
      refusals: { 400: 'invalid_input', 403: 'reauthentication_required (a new address)' },
    },
  },
  '/api/plates/late': {
    get: licenceRead('Plates by mail not delivered in time', latePlateListSchema),
  },
  '/api/commands': {
    post: {
      summary: 'One command, online (registration confirmation, cancellation, bank account…)',
      caller: 'session',
      body: commandSchema,
      ok: {
        200: { description: 'Applied (a replay answers the same)', schema: commandResultSchema },
        422: { description: 'Rejected, with the error', schema: commandResultSchema },
        503: { description: 'Retry later', schema: commandResultSchema },
      },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/sync/push': {
    post: {
      summary: 'A kiosk’s batch of queued commands (session or enrolled kiosk)',
      caller: 'session_or_kiosk',
      body: pushRequestSchema,
      ok: { 200: { description: 'One result per command', schema: pushResponseSchema } },
      refusals: { 400: 'invalid_input', 403: 'kiosk_credential_invalid' },
    },
  },
  '/api/sync/pull': {
    get: {
      summary: 'Changes since a cursor',
      caller: 'session',
      query: pullQuerySchema,
      ok: { 200: { description: 'The changes and the next cursor', schema: pullResponseSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/sync/recover': {
    post: {
      summary: 'After a restore: what the server applied for this kiosk, sent back',
      caller: 'session_or_kiosk',
      body: recoverRequestSchema,
      ok: { 200: { description: 'One outcome per item', schema: recoverResponseSchema } },
      refusals: { 400: 'invalid_input', 403: 'kiosk_credential_invalid', 409: 'epoch_mismatch' },
    },
  },
  '/api/kiosks': {
    get: {
      summary: 'The enrolled kiosks of a licence',
      caller: 'session',
      query: kioskListQuerySchema,
      ok: { 200: { description: 'The kiosks', schema: kioskListResponseSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
    post: {
      summary: 'Enrol a kiosk (its credential is shown once)',
      caller: 'session',
      body: kioskEnrolRequestSchema,
      ok: { 201: { description: 'Enrolled', schema: kioskEnrolResponseSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/kiosks/{id}': {
    delete: {
      summary: 'Revoke a kiosk',
      caller: 'session',
      ok: { 200: { description: 'Revoked', schema: enrolledKioskSchema } },
      refusals: { 400: 'invalid_input', 403: permission, 404: 'not_found' },
    },
  },
  '/api/kiosks/{id}/lease': {
    post: {
      summary: 'An offline lease for this kiosk’s key (its device credential)',
      caller: 'kiosk',
      body: leaseRequestSchema,
      ok: { 201: { description: 'The signed lease', schema: leaseResponseSchema } },
      refusals: {
        400: 'invalid_input',
        403: 'kiosk_credential_invalid | forbidden | licence_suspended',
        404: 'lease_not_found',
        409: 'lease_cap_exhausted',
      },
    },
  },
  '/api/leases': {
    get: licenceRead(
      'The offline leases of the licence’s dealer',
      leaseListResponseSchema,
      leaseListQuerySchema,
    ),
  },
  '/api/leases/{id}/revoke': {
    post: {
      summary: 'Revoke an offline lease (a stolen kiosk)',
      caller: 'session',
      body: leaseRevokeRequestSchema,
      ok: { 200: { description: 'The lease, revoked', schema: leaseViewSchema } },
      refusals: { 400: 'invalid_input', 403: permission, 404: 'not_found' },
    },
  },
  '/api/operators': {
    get: {
      summary: 'The kiosk operators (PIN holders) of a licence',
      caller: 'session',
      query: operatorListQuerySchema,
      ok: {
        200: {
          description: 'The operators',
          schema: z.object({ operators: z.array(operatorSchema) }),
        },
      },
      refusals: { 400: 'invalid_input', 403: permission },
    },
    post: {
      summary: 'A kiosk operator with a PIN',
      caller: 'session',
      body: operatorCreateSchema,
      ok: { 201: { description: 'Created', schema: operatorSchema } },
      refusals: { 400: 'invalid_input', 403: permission, 409: 'operator_taken' },
    },
  },
  '/api/operators/{id}': {
    patch: {
      summary: 'Change an operator (name, PIN, active)',
      caller: 'session',
      body: operatorUpdateSchema,
      ok: { 200: { description: 'The operator', schema: operatorSchema } },
      refusals: { 400: 'invalid_input', 403: permission, 404: 'not_found', 409: 'operator_taken' },
    },
  },
  '/api/operators/verifiers': {
    get: {
      summary: 'What a kiosk needs to check operators’ PINs offline',
      caller: 'session',
      query: operatorVerifiersQuerySchema,
      ok: { 200: { description: 'The verifiers', schema: operatorVerifiersResponseSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/plate-supplier/events': {
    post: {
      summary: 'The plate supplier’s signed webhook (HMAC, no session)',
      caller: 'anyone',
      body: plateEventSchema,
      ok: { 200: { description: 'Received', schema: z.object({ received: z.literal(true) }) } },
      refusals: { 400: 'invalid_input', 401: 'supplier_signature_invalid' },
    },
  },
  '/api/staff/access-codes': {
    post: {
      summary: 'A personal access code for an employee’s sign-up (shown once)',
      caller: 'session',
      body: accessCodeIssueSchema,
      ok: { 201: { description: 'Issued', schema: issuedAccessCodeSchema } },
      refusals: { 400: 'invalid_input', 403: staffWrite },
    },
  },
  '/api/staff/audit': {
    get: {
      summary: 'The audit log, newest first (the read is audited)',
      caller: 'session',
      query: auditQuerySchema,
      ok: { 200: { description: 'A page', schema: auditPageSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/staff/lookup': {
    get: {
      summary: 'The staff console’s lookup: a licence, a document or registration number, a VIN',
      caller: 'session',
      query: staffLookupQuerySchema,
      ok: { 200: { description: 'What was found', schema: staffLookupResultSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/staff/cap-requests': {
    get: {
      summary: 'Over-cap requests to decide',
      caller: 'session',
      query: capRequestListQuerySchema,
      ok: { 200: { description: 'The requests', schema: capRequestListSchema } },
      refusals: { 400: 'invalid_input', 403: permission },
    },
  },
  '/api/staff/cap-requests/{id}/approve': { post: staffDecision('Approve an over-cap request') },
  '/api/staff/cap-requests/{id}/refuse': { post: staffDecision('Refuse an over-cap request') },
  '/api/staff/documents/{number}/void': {
    post: {
      summary: 'Void a document',
      caller: 'session',
      body: documentVoidSchema,
      ok: { 200: { description: 'Voided', schema: documentVoidResultSchema } },
      refusals: { 400: 'invalid_input', 403: staffWrite, 404: 'not_found' },
    },
  },
  '/api/staff/licences/{number}': {
    get: {
      summary: 'A licence’s state: suspension and caps',
      caller: 'session',
      ok: { 200: { description: 'The licence', schema: licenceStateSchema } },
      refusals: { 403: permission, 404: 'not_found' },
    },
  },
  '/api/staff/licences/{number}/caps': {
    put: {
      summary: 'Set a licence’s weekly caps',
      caller: 'session',
      body: licenceCapsSchema,
      ok: { 200: { description: 'The licence after the change', schema: licenceStateSchema } },
      refusals: { 400: 'invalid_input', 403: staffWrite, 404: 'not_found' },
    },
  },
  '/api/staff/leases': {
    get: {
      summary: 'The offline leases of a licence’s dealer (staff)',
      caller: 'session',
      query: leaseListQuerySchema,
      ok: { 200: { description: 'The leases', schema: leaseListResponseSchema } },
      refusals: { 400: 'invalid_input', 403: permission, 404: 'licence_unknown' },
    },
  },
  '/api/staff/leases/{id}/revoke': {
    post: {
      summary: 'Revoke an offline lease (staff)',
      caller: 'session',
      body: leaseRevokeRequestSchema,
      ok: { 200: { description: 'The lease, revoked', schema: leaseViewSchema } },
      refusals: { 400: 'invalid_input', 403: staffWrite, 404: 'not_found' },
    },
  },
  '/api/staff/licences/{number}/suspend': { post: licenceStatus('Suspend a licence') },
  '/api/staff/licences/{number}/reinstate': { post: licenceStatus('Reinstate a licence') },
  '/api/{rest}': {
    get: {
      summary: 'Any other `/api/*` path or method',
      caller: 'anyone',
      ok: {},
      refusals: { 404: 'not_found' },
    },
  },
};

/**
 * An answer's JSON Schema: what the client's shared schema accepts (its input side), since that
 * is what travels. The output side of a schema with a transform (a postal code normalised on
 * parse) has no JSON form, and the generator rightly refuses it.
 */
function wireSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  });
  return jsonSchema;
}

const errorContent = { 'application/json': { schema: apiErrorSchema } };

/** The refusals every operation of its kind answers before or around its route. */
function commonRefusals(method: Method, operation: Operation): Record<number, string> {
  const common: Record<number, string> = {};
  if (operation.caller === 'session') common[401] = 'unauthenticated';
  if (operation.caller === 'session_or_kiosk') common[401] = 'unauthenticated (neither)';
  if (operation.caller === 'kiosk') common[401] = 'unauthenticated (no kiosk credential)';
  if (WRITES.has(method)) {
    // The hook (web/src/lib/server/http/handle.ts) before any write route.
    common[403] = 'cross_site_refused';
    common[413] = 'payload_too_large';
    common[415] = 'json_required';
  }
  return common;
}

function pathParameters(path: string): z.ZodObject | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  if (names.length === 0) return undefined;
  return z.object(Object.fromEntries(names.map((name) => [name, z.string().min(1)])));
}

function operationObject(
  path: string,
  method: Method,
  operation: Operation,
): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, answer] of Object.entries(operation.ok)) {
    responses[status] = {
      description: answer.description,
      ...(answer.schema && {
        content: { 'application/json': { schema: wireSchema(answer.schema) } },
      }),
    };
  }
  const refusals: Record<string, string[]> = {};
  for (const source of [commonRefusals(method, operation), operation.refusals ?? {}]) {
    for (const [status, codes] of Object.entries(source)) (refusals[status] ??= []).push(codes);
  }
  for (const [status, codes] of Object.entries(refusals)) {
    responses[status] = { description: codes.join(' | '), content: errorContent };
  }
  responses.default = {
    description: 'internal_error (500), or 503 when the database cannot be reached',
    content: errorContent,
  };
  const pathParams = pathParameters(path);
  return {
    summary: operation.summary,
    ...(operation.caller !== 'anyone' && {
      security:
        operation.caller === 'session'
          ? [{ session: [] as string[] }]
          : operation.caller === 'kiosk'
            ? [{ kioskCredential: [] as string[] }]
            : [{ session: [] as string[] }, { kioskCredential: [] as string[] }],
    }),
    ...((operation.query || pathParams) && {
      requestParams: {
        ...(operation.query && { query: operation.query }),
        ...(pathParams && { path: pathParams }),
      },
    }),
    ...(operation.body && {
      requestBody: { required: true, content: { 'application/json': { schema: operation.body } } },
    }),
    responses,
  };
}

/**
 * The server's API as OpenAPI 3.1, generated (zod-openapi) from the same shared zod schemas
 * the routes parse with and the kiosk's clients read answers with.
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  const documentPaths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const [path, item] of Object.entries(paths)) {
    const operations: Record<string, ZodOpenApiOperationObject> = {};
    for (const [method, operation] of Object.entries(item) as [Method, Operation][]) {
      operations[method] = operationObject(path, method, operation);
    }
    documentPaths[path] = operations;
  }
  const document: object = createDocument({
    openapi: '3.1.0',
    info: { title: 'Comptoir registry server', version: '1' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'comptoir_session' },
        kioskCredential: {
          type: 'http',
          scheme: 'bearer',
          description: 'An enrolled kiosk’s credential (POST /api/kiosks)',
        },
      },
    },
    paths: documentPaths,
  });
  // JSON all the way down: a plain record for the route and the tests.
  return { ...document };
}

let built: Record<string, unknown> | undefined;

/** {@link buildOpenApiDocument}, built once per process (it never changes while running). */
export function openApiDocument(): Record<string, unknown> {
  built ??= buildOpenApiDocument();
  return built;
}
