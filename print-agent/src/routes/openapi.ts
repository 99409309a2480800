import {
  agentPrinterListSchema,
  apiErrorSchema,
  jobListQuerySchema,
  jobWaitQuerySchema,
  jobRequestSchema,
  pairRequestSchema,
  pairResponseSchema,
  printJobListSchema,
  printJobSchema,
  revocationsRequestSchema,
  revocationsResponseSchema,
  testPageRequestSchema,
  testPageResultSchema,
  toCheckDecisionSchema,
} from '@comptoir/shared';
import { z } from 'zod';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const error = (description: string) => ({ description, content: json(apiErrorSchema, 'output') });
/** A success answer; with a schema, the shared one the kiosk's agent client parses it with. */
const ok = (description: string, schema?: z.ZodType) => ({
  description,
  ...(schema && { content: json(schema, 'output') }),
});

/** `{id}` in a path: a job id, declared once for every operation under it. */
const jobIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

/** Every query parameter of a shared zod query schema, each with its own JSON schema. */
function queryParameters(schema: z.ZodObject): Record<string, unknown>[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }),
  }));
}

const unauthorized = error('kiosk_token_required | kiosk_token_invalid | admin_auth_required');

/** The agent API as OpenAPI 3.1; request bodies come from the same zod schemas the routes use. */
export function openApiDocument(): Record<string, unknown> {
  const kiosk = [{ kioskToken: [] }];
  const kioskOrAdmin = [{ kioskToken: [] }, { adminBasic: [] }];
  return {
    openapi: '3.1.0',
    info: { title: 'Comptoir print agent', version: '1' },
    components: {
      securitySchemes: {
        kioskToken: { type: 'http', scheme: 'bearer', description: 'From POST /pair' },
        adminBasic: {
          type: 'http',
          scheme: 'basic',
          description: 'Any user name; AGENT_ADMIN_SECRET as password',
        },
      },
    },
    paths: {
      '/health': { get: { responses: { 200: ok('Alive, with job counts') } } },
      '/pair': {
        post: {
          requestBody: { content: json(pairRequestSchema) },
          responses: {
            201: ok('The kiosk token', pairResponseSchema),
            400: error('Invalid input'),
            403: error('pairing_code_invalid'),
            429: error('rate_limited, or pairing_code_locked after 5 wrong codes'),
          },
        },
      },
      '/jobs': {
        post: {
          security: kiosk,
          requestBody: { content: json(jobRequestSchema) },
          responses: {
            202: ok('Accepted: the job, queued', printJobSchema),
            200: ok('The same jobId again: the existing job, nothing printed', printJobSchema),
            400: error('invalid_input | printer_unknown | no_printer_for_role'),
            401: unauthorized,
            409: error('idempotency_conflict'),
            413: error('payload_too_large'),
            422: error(
              'token_malformed | token_bad_signature | token_unknown_key | token_expired | document_voided' +
                ' | offline: lease_invalid | lease_revoked | offline_document_invalid | offline_document_wrong_key' +
                ' | offline_lease_mismatch | offline_number_outside_block | offline_issued_outside_lease' +
                ' | offline_issued_in_future | offline_validity_mismatch | offline_document_expired' +
                ' | offline_number_reused | offline_cap_exceeded',
            ),
          },
        },
        get: {
          security: kioskOrAdmin,
          parameters: queryParameters(jobListQuerySchema),
          responses: {
            200: ok('The jobs, newest first', printJobListSchema),
            400: error('invalid_input'),
            401: unauthorized,
          },
        },
      },
      '/revocations': {
        post: {
          security: kiosk,
          description:
            "A dealer's server-signed revocation feed (typ comptoir-revocations+jws), kept when newer than the one the agent holds.",
          requestBody: { content: json(revocationsRequestSchema) },
          responses: {
            200: ok('The feed kept for the dealer', revocationsResponseSchema),
            400: error('invalid_input'),
            401: unauthorized,
            409: error('revocation_feed_stale'),
            413: error('payload_too_large'),
            422: error('revocation_feed_invalid'),
          },
        },
      },
      '/jobs/{id}': {
        parameters: [jobIdParameter],
        get: {
          security: kioskOrAdmin,
          description:
            'With `wait` (seconds, at most 30): a long poll, answered as soon as the job leaves `state` (default: its current state), or unchanged when the wait is over.',
          parameters: queryParameters(jobWaitQuerySchema),
          responses: {
            200: ok('The job', printJobSchema),
            400: error('invalid_input'),
            401: unauthorized,
            404: error('not_found'),
          },
        },
      },
      '/jobs/{id}/confirm-reprint': {
        parameters: [jobIdParameter],
        post: {
          security: kioskOrAdmin,
          requestBody: { content: json(toCheckDecisionSchema) },
          responses: {
            200: ok('The job, queued again as COPY or marked printed', printJobSchema),
            400: error('invalid_input'),
            401: unauthorized,
            404: error('not_found'),
            409: error('job_not_to_check'),
          },
        },
      },
      '/admin/jobs/{id}/decision': {
        parameters: [jobIdParameter],
        post: {
          security: [{ adminBasic: [] }],
          description: 'The admin page’s form: a person’s decision on a job to check',
          requestBody: {
            content: {
              ...json(toCheckDecisionSchema),
              'application/x-www-form-urlencoded': {
                schema: z.toJSONSchema(toCheckDecisionSchema, { io: 'input' }),
              },
            },
          },
          responses: {
            200: ok('The status page (HTML) with a notice'),
            400: error('invalid_input'),
            401: unauthorized,
            409: error('job_not_to_check'),
          },
        },
      },
      '/openapi.json': { get: { responses: { 200: ok('This document') } } },
      '/printers': {
        get: {
          security: kioskOrAdmin,
          responses: {
            200: ok('Each printer with its status', agentPrinterListSchema),
            401: unauthorized,
          },
        },
      },
      '/admin': {
        get: {
          security: [{ adminBasic: [] }],
          responses: { 200: ok('HTML status page'), 401: unauthorized },
        },
      },
      '/admin/test-page': {
        post: {
          security: [{ adminBasic: [] }],
          description:
            'JSON answer with `Accept: application/json`, else the status page (HTML) with a notice',
          requestBody: {
            content: {
              ...json(testPageRequestSchema),
              'application/x-www-form-urlencoded': {
                schema: z.toJSONSchema(testPageRequestSchema, { io: 'input' }),
              },
            },
          },
          responses: {
            200: ok('Sent: printed or spooled', testPageResultSchema),
            400: error('invalid_input or printer_unknown'),
            401: unauthorized,
            502: ok('The driver failed: status failed, with the reason', testPageResultSchema),
          },
        },
      },
      '/admin/pairing/rotate': {
        post: {
          security: [{ adminBasic: [] }],
          description:
            'A new pairing code now (lifts a lock); JSON with `Accept: application/json`',
          responses: { 200: ok('The new code and its expiry'), 401: unauthorized },
        },
      },
      '/admin/kiosks': {
        get: {
          security: [{ adminBasic: [] }],
          responses: {
            200: ok('The paired kiosks: id, label, pairedAt (never a token)'),
            401: unauthorized,
          },
        },
      },
      '/admin/kiosks/{id}/revoke': {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
        ],
        post: {
          security: [{ adminBasic: [] }],
          description: 'Revokes the kiosk token: its next request is refused (401)',
          responses: { 200: ok('Revoked'), 401: unauthorized, 404: error('kiosk_unknown') },
        },
      },
    },
  };
}
