import { Validator } from '@seriousme/openapi-schema-validator';
import { apiErrorSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { openApiDocument } from './openapi.document.js';

/** Every endpoint module's source, found on disk (globs skip dot folders unless named). */
const sources = import.meta.glob<string>(
  ['../../../routes/**/+server.ts', '../../../routes/.well-known/**/+server.ts'],
  { query: '?raw', import: 'default', eager: true },
);

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** `routes/api/transit/[number]/+server.ts` -> `/api/transit/{number}` (groups dropped). */
function openApiPathOf(file: string): string {
  return file
    .replace(/^.*\/routes/, '')
    .replace(/\/\+server\.ts$/, '')
    .split('/')
    .filter((segment) => !/^\(.+\)$/.test(segment))
    .map((segment) => segment.replace(/^\[(?:\.\.\.)?(\w+)\]$/, '{$1}'))
    .join('/');
}

/** The operations a route file exports: `fallback` (any method) is documented as GET. */
function operationsOnDisk(): string[] {
  return Object.entries(sources).flatMap(([file, source]) => {
    const exported = [...source.matchAll(/export (?:const|async function|function) (\w+)/g)].map(
      (match) => match[1],
    );
    const methods = HTTP_METHODS.filter((method) => exported.includes(method));
    if (exported.includes('fallback')) methods.push('GET');
    return methods.map((method) => `${method.toLowerCase()} ${openApiPathOf(file)}`);
  });
}

const operationSchema = z.object({
  responses: z.record(z.string(), z.unknown()),
  security: z.array(z.unknown()).optional(),
});
const documentSchema = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), operationSchema)),
});

function documentedOperations() {
  const document = documentSchema.parse(openApiDocument());
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
}

describe('the server’s OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for an independent validator', async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(documentSchema.parse(openApiDocument()).openapi).toBe('3.1.0');
  });

  it('documents every route on disk with each of its methods, and nothing else', () => {
    const documented = documentedOperations().map(({ path, method }) => `${method} ${path}`);
    expect(operationsOnDisk().length).toBeGreaterThan(40);
    expect([...new Set(documented)].sort()).toEqual([...new Set(operationsOnDisk())].sort());
  });

  it('documents every refusal in the shared error shape', () => {
    for (const { operation } of documentedOperations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^[45]/.test(status) || status === '503') continue;
        expect(JSON.stringify(response)).toContain('"fields"');
      }
    }
  });
});

/**
 * The refusals every operation shares (no session, a cross-site write, a body that is not
 * JSON, a body over the limit) answered by each documented operation, in the shared error
 * shape. These come from the hook and the auth helpers, before any query: one engine suffices.
 */
describe('every documented operation answers its common refusals', () => {
  let server: TestServer;
  let client: HarnessClient;
  beforeAll(async () => {
    server = await createTestServer('sqlite');
    client = createHarnessClient(server);
  });
  afterAll(() => server.dispose());

  const concretePath = (path: string) =>
    path === '/api/{rest}' ? '/api/no-such-route' : path.replace(/\{\w+\}/g, 'X-1');

  async function expectRefusal(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    const body = apiErrorSchema.parse(await response.json());
    expect(body.code).toBe(code);
  }

  it.each(documentedOperations().map((entry) => [`${entry.method} ${entry.path}`, entry]))(
    '%s',
    async (_name, { path, method, operation }) => {
      const url = concretePath(path);
      const verb = method.toUpperCase();
      const statuses = Object.keys(operation.responses);
      if (statuses.includes('401') && operation.security) {
        await expectRefusal(
          await client.request(verb, url, verb === 'GET' ? {} : { json: {} }),
          401,
          'unauthenticated',
        );
      }
      if (verb === 'GET') return;
      await expectRefusal(
        await client.request(verb, url, { json: {}, headers: { origin: 'https://evil.example' } }),
        403,
        'cross_site_refused',
      );
      await expectRefusal(
        await client.request(verb, url, {
          body: 'x',
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'json_required',
      );
      await expectRefusal(
        await client.request(verb, url, {
          body: 'x',
          headers: { 'content-type': 'application/json', 'content-length': String(2 ** 21) },
        }),
        413,
        'payload_too_large',
      );
    },
  );

  it('answers 404 in the shared error shape for a path no route has', async () => {
    await expectRefusal(await client.request('GET', '/api/no-such-route'), 404, 'not_found');
  });
});
