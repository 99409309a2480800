import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '@comptoir/shared';
import { z } from 'zod';
import { createTestSigner, type TestSigner } from './testing/documents.js';
import { FakePrinter } from './testing/fake-printer.js';
import {
  ADMIN_SECRET,
  TEST_ORIGIN,
  createTestAgent,
  rawPrinter,
  type TestAgent,
} from './testing/test-agent.js';

// What a hostile page or LAN neighbour tries against the agent, kept as tests: a foreign Host
// (DNS rebinding), framing and caching of any answer, and bodies built to break the parser.

let signer: TestSigner;
let printer: FakePrinter;
let agent: TestAgent;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  signer = await createTestSigner();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(deps: Parameters<typeof createTestAgent>[0]['deps'] = {}): Promise<void> {
  printer = await FakePrinter.start();
  cleanups.push(() => printer.close());
  agent = await createTestAgent({
    signer,
    printers: [rawPrinter('front', printer.port)],
    deps: { pairingRateLimit: { burst: 10_000, perSecond: 10_000 }, ...deps },
  });
  cleanups.push(() => agent.dispose());
}

const asAdmin = { 'x-agent-admin-secret': ADMIN_SECRET, accept: 'application/json' };
const asKiosk = () => ({ authorization: `Bearer ${agent.token}` });

/** Every route the app declares, `:id` filled with a fresh id (routes added later are covered too). */
function declaredRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return agent.app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => ({ method: route.method, path: route.path.replace(/:[^/]+/g, randomUUID()) }))
    .filter((route) => {
      const key = `${route.method} ${route.path.replace(/[0-9a-f-]{36}/g, ':id')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function expectHardenedHeaders(response: Response, what: string): void {
  const headers = response.headers;
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
  expect(headers.get('cache-control'), what).toBe('no-store');
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
}

async function expectApiError(response: Response, status: number, what: string) {
  expect(response.status, what).toBe(status);
  return apiErrorSchema.parse(await response.json());
}

describe('Host header (DNS rebinding)', () => {
  it('refuses a foreign Host on every route, /health included, before anything runs', async () => {
    await setUp();
    for (const route of [{ method: 'GET', path: '/health' }, ...declaredRoutes()]) {
      const response = await agent.app.request(`http://rebind.attacker.example:9631${route.path}`, {
        method: route.method,
        headers: { ...asAdmin, ...asKiosk() },
      });
      const error = await expectApiError(response, 421, `${route.method} ${route.path}`);
      expect(error.code).toBe('host_not_allowed');
      expectHardenedHeaders(response, `${route.method} ${route.path}`);
    }
    expect(agent.deps.ledger.list({ limit: 10 })).toEqual([]);
  });

  it("answers the agent's own names and addresses, and the configured extra names", async () => {
    await setUp({ allowedHosts: ['agent.concession.lan'] });
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'agent.concession.lan']) {
      const response = await agent.app.request(`http://${host}:9631/health`);
      expect(response.status, host).toBe(200);
    }
    const other = await agent.app.request('http://agent.concession.lan.attacker.example/health');
    expect(other.status).toBe(421);
  });
});

describe('headers on every answer', () => {
  it('anti-framing, no-store and nosniff on every route, its errors and the 404', async () => {
    await setUp({ rateLimit: { burst: 10_000, perSecond: 10_000 } });
    const routes = declaredRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const route of routes) {
      const what = `${route.method} ${route.path}`;
      const headers = { ...asAdmin, ...asKiosk(), 'content-type': 'application/json' };
      const body = route.method === 'GET' ? undefined : '{}';
      // As the caller the route wants, then as nobody (the 401 answers count too).
      expectHardenedHeaders(
        await agent.app.request(route.path, { method: route.method, headers, body }),
        what,
      );
      expectHardenedHeaders(
        await agent.app.request(route.path, { method: route.method, body }),
        `${what} anonymous`,
      );
    }
    const admin = await agent.app.request('/admin', {
      headers: { 'x-agent-admin-secret': ADMIN_SECRET },
    });
    expect(admin.status).toBe(200);
    expectHardenedHeaders(admin, 'admin page');
    expectHardenedHeaders(await agent.app.request('/nowhere'), '404');
    expectHardenedHeaders(
      await agent.app.request('/jobs', {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      }),
      'foreign origin',
    );
    expectHardenedHeaders(
      await agent.app.request('/jobs', {
        method: 'OPTIONS',
        headers: { origin: TEST_ORIGIN, 'access-control-request-method': 'POST' },
      }),
      'preflight',
    );
  });

  it('on the 429 too', async () => {
    await setUp({ rateLimit: { burst: 1, perSecond: 0.001 } });
    await agent.app.request('/health');
    const limited = await agent.app.request('/health');
    expect(limited.status).toBe(429);
    expectHardenedHeaders(limited, '429');
  });
});

/** The POST routes that read a JSON body, with who may call them. */
function jsonEndpoints(): { path: string; headers: Record<string, string> }[] {
  const id = randomUUID();
  return [
    { path: '/pair', headers: {} },
    { path: '/jobs', headers: asKiosk() },
    { path: `/jobs/${id}/confirm-reprint`, headers: asKiosk() },
    { path: '/admin/test-page', headers: asAdmin },
    { path: `/admin/jobs/${id}/decision`, headers: asAdmin },
    { path: '/revocations', headers: asKiosk() },
  ];
}

function postRaw(
  path: string,
  headers: Record<string, string>,
  body: BodyInit,
  extra: RequestInit = {},
): Promise<Response> {
  return Promise.resolve(
    agent.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      ...extra,
    }),
  );
}

describe('hostile JSON at every JSON endpoint', () => {
  it('refuses deep nesting with a clear 400, never a 500 or a crash', async () => {
    await setUp();
    const depth = 100_000;
    for (const { path, headers } of jsonEndpoints()) {
      for (const body of [
        '['.repeat(depth) + ']'.repeat(depth),
        '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
        `{"code":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      ]) {
        const error = await expectApiError(await postRaw(path, headers, body), 400, path);
        expect(error.code).toBe('invalid_input');
        expect(error.fields.map((f) => f.code)).toContain('json_too_deep');
      }
    }
    expect((await agent.app.request('/health')).status).toBe(200);
  });

  it('refuses __proto__, constructor and prototype keys, at the top and nested, and pollutes nothing', async () => {
    await setUp();
    for (const { path, headers } of jsonEndpoints()) {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        for (const body of [
          `{"${key}":{"polluted":true},"code":"12345678","decision":"done","printer":"front"}`,
          `{"decision":{"${key}":{"polluted":true}},"code":{"${key}":1},"printer":{"${key}":1}}`,
        ]) {
          const response = await postRaw(path, headers, body);
          const error = await expectApiError(response, 400, `${path} ${body}`);
          expect(error.code).toBe('invalid_input');
          expect(error.fields.length).toBeGreaterThan(0);
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what is not a JSON object with a clear 400', async () => {
    await setUp();
    for (const { path, headers } of jsonEndpoints()) {
      for (const body of ['', 'null', '1', '"x"', '[]', '{', '{"a":1}}', '\u0000']) {
        const error = await expectApiError(
          await postRaw(path, headers, body),
          400,
          `${path} ${body}`,
        );
        expect(error.code).not.toBe('internal_error');
      }
    }
  });

  it('answers 413 to an over-size body, declared or chunked without a length', async () => {
    await setUp();
    const big = `{"code":"${'1'.repeat(1_100_000)}"}`;
    for (const { path, headers } of jsonEndpoints()) {
      const declared = await postRaw(path, headers, big);
      expect((await expectApiError(declared, 413, path)).code).toBe('payload_too_large');
      const chunks = [big.slice(0, 600_000), big.slice(600_000)];
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });
      const chunked = await postRaw(path, headers, stream, { duplex: 'half' } as RequestInit);
      expect((await expectApiError(chunked, 413, `${path} chunked`)).code).toBe(
        'payload_too_large',
      );
      expectHardenedHeaders(chunked, `${path} 413`);
    }
  });
});

describe('pairing from the LAN', () => {
  const wrongCode = () =>
    agent.deps.pairing.current().code === '00000000' ? '11111111' : '00000000';
  const pair = (code: string) =>
    postRaw('/pair', {}, JSON.stringify({ code, label: 'Borne voisine' }));

  it('cannot make the agent rotate its code: wrong tries lock it until it expires (429)', async () => {
    await setUp();
    const { code } = agent.deps.pairing.current();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await pair(wrongCode())).status);
    // The fifth wrong code locks it, and its answer says so.
    expect(statuses).toEqual([403, 403, 403, 403, 429, 429, 429, 429]);
    expect(agent.deps.pairing.current().code).toBe(code);
    const locked = await pair(code);
    expect((await expectApiError(locked, 429, 'right code while locked')).code).toBe(
      'pairing_code_locked',
    );
  });

  it('keeps the per-address limit on guesses', async () => {
    await setUp({ pairingRateLimit: { burst: 5, perSecond: 0.1 } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await pair(wrongCode())).status);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect((await expectApiError(await pair(wrongCode()), 429, 'limited')).code).toBe(
      'rate_limited',
    );
  });

  it('rotates only from the admin page, which needs the admin secret', async () => {
    await setUp();
    const { code } = agent.deps.pairing.current();
    const anonymous = await agent.app.request('/admin/pairing/rotate', { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(agent.deps.pairing.current().code).toBe(code);
    const rotated = await agent.app.request('/admin/pairing/rotate', {
      method: 'POST',
      headers: asAdmin,
    });
    expect(rotated.status).toBe(200);
    const { code: fresh } = z.object({ code: z.string() }).parse(await rotated.json());
    expect(fresh).not.toBe(code);
    expect(agent.deps.pairing.current().code).toBe(fresh);
    const page = await agent.app.request('/admin/pairing/rotate', {
      method: 'POST',
      headers: { 'x-agent-admin-secret': ADMIN_SECRET },
    });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain(agent.deps.pairing.current().code);
  });

  it('lists paired kiosks on the admin page, and a revoked kiosk stops printing at once', async () => {
    await setUp();
    const listed = await agent.app.request('/admin/kiosks', { headers: asAdmin });
    expect(listed.status).toBe(200);
    const { kiosks } = z
      .object({ kiosks: z.array(z.object({ id: z.string(), label: z.string() })) })
      .parse(await listed.json());
    expect(kiosks.map((k) => k.label)).toEqual(['test kiosk']);
    const html = await (
      await agent.app.request('/admin', { headers: { 'x-agent-admin-secret': ADMIN_SECRET } })
    ).text();
    expect(html).toContain('test kiosk');
    expect(html).toContain(`/admin/kiosks/${kiosks[0]?.id}/revoke`);
    expect(html).toContain('/admin/pairing/rotate');

    const before = await agent.app.request('/printers', { headers: asKiosk() });
    expect(before.status).toBe(200);
    const anonymous = await agent.app.request(`/admin/kiosks/${kiosks[0]?.id}/revoke`, {
      method: 'POST',
      headers: asKiosk(),
    });
    expect(anonymous.status).toBe(401);
    const revoked = await agent.app.request(`/admin/kiosks/${kiosks[0]?.id}/revoke`, {
      method: 'POST',
      headers: asAdmin,
    });
    expect(revoked.status).toBe(200);
    const after = await agent.app.request('/printers', { headers: asKiosk() });
    expect((await expectApiError(after, 401, 'revoked')).code).toBe('kiosk_token_invalid');
    const job = await postRaw('/jobs', asKiosk(), JSON.stringify({ jobId: randomUUID() }));
    expect(job.status).toBe(401);
    const again = await agent.app.request(`/admin/kiosks/${kiosks[0]?.id}/revoke`, {
      method: 'POST',
      headers: asAdmin,
    });
    expect((await expectApiError(again, 404, 'revoked twice')).code).toBe('kiosk_unknown');
  });
});
