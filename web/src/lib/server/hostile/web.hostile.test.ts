import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_FREE_FAILURES } from '../accounts/signin-throttle.js';
import { spawnBuiltServer, type SpawnedServer } from '../testing/spawn-server.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-env.js';

/*
 * The web server as an attacker meets it: the built server (`node build`), over real HTTP.
 * Two processes share one PostgreSQL database, as a deployment with several web processes does.
 */

const ROUTES_DIR = fileURLToPath(new URL('../../../routes', import.meta.url));

/** Every `+server.ts` route with a JSON-writing method, its params filled with a probe value. */
function jsonWriteRoutes(): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === '+server.ts') {
        const source = readFileSync(full, 'utf8');
        const path = `/${relative(ROUTES_DIR, dir)}`
          .split('/')
          .filter((segment) => !/^\(.+\)$/.test(segment))
          .map((segment) => (segment.startsWith('[') ? 'X-1' : segment))
          .join('/');
        for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
          if (new RegExp(`export const ${method}\\b`).test(source)) found.push({ method, path });
        }
      }
    }
  };
  walk(ROUTES_DIR);
  return found;
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Sends `size` bytes chunked, with no Content-Length; answers the status or 'dropped'. */
function sendChunked(origin: string, path: string, size: number): Promise<number | 'dropped'> {
  return new Promise((resolve) => {
    const url = new URL(path, origin);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve('dropped'));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('the built web server under attack', () => {
  let database: TestDatabase;
  let dataDirs: string[] = [];
  let servers: SpawnedServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDirs = [
      await mkdtemp(join(tmpdir(), 'comptoir-hostile-')),
      await mkdtemp(join(tmpdir(), 'comptoir-hostile-')),
    ];
    // One after the other: the first migrates and seeds.
    for (const dataDir of dataDirs) {
      servers.push(await spawnBuiltServer({ dataDir, databaseUrl: database.url }));
    }
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    await database?.drop();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }, 60_000);

  const first = () => servers[0]?.origin ?? '';

  it('checks exactly the free failures of an account in a burst of 30 through two processes', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const origin = servers[index % 2]?.origin ?? '';
        const response = await fetch(`${origin}/api/auth/login`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'demo-admin', password: `wrong-${String(index)}` }),
        });
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(ACCOUNT_FREE_FAILURES);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30 - ACCOUNT_FREE_FAILURES);
  }, 120_000);

  it('carries anti-framing and nosniff on every answer: shell, deep links, static, API, errors', async () => {
    const shell = await fetch(`${first()}/`);
    const html = await shell.text();
    const asset = /(?:src|href)="(\/_app\/[^"]+)"/.exec(html)?.[1] ?? '/_app/missing.js';
    const paths = [
      '/',
      '/connexion',
      '/file-attente/abc',
      '/verifier/T-2026-000001',
      asset,
      '/manifest.webmanifest',
      '/favicon.svg',
      '/does-not-exist',
      '/api/health',
      '/api/does-not-exist',
      '/.well-known/jwks.json',
    ];
    for (const path of paths) {
      const response = await fetch(`${first()}${path}`);
      await response.arrayBuffer();
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      const framing = `${response.headers.get('x-frame-options') ?? ''} ${response.headers.get('content-security-policy') ?? ''}`;
      expect(framing, path).toMatch(/DENY|frame-ancestors 'none'/);
    }
  }, 60_000);

  it('answers an over-size chunked body with the documented 413', async () => {
    expect(await sendChunked(first(), '/api/auth/login', 2 * 1024 * 1024)).toBe(413);
  }, 60_000);

  it('never answers 500 to depth, size or special-key fuzz at any JSON endpoint', async () => {
    const login = await fetch(`${first()}/api/auth/login`, {
      method: 'POST',
      headers: { origin: first(), 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-agree', password: 'demo-password' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const routes = jsonWriteRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const bodies = [
      nested(100_000),
      `{"a":${nested(5_000)}}`,
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      `{"ops":[{"id":"x","__proto__":{}}, ${nested(3_000)}]}`,
      '{"a":"' + 'x'.repeat(1_100_000) + '"}',
    ];
    const failures: string[] = [];
    for (const { method, path } of routes) {
      for (const body of bodies) {
        const label = `${method} ${path} ${body.slice(0, 30)}`;
        const send = async () => {
          const response = await fetch(`${first()}${path}`, {
            method,
            headers: { origin: first(), 'content-type': 'application/json', cookie },
            body,
          });
          await response.arrayBuffer();
          return response.status;
        };
        // A route refusing before it reads a body closes that connection; the client's pool
        // may then reuse the closed socket once: one retry on a fresh one.
        const status = await send().catch(() => send().catch((error: unknown) => String(error)));
        if (typeof status !== 'number' || status >= 500)
          failures.push(`${label}: ${String(status)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('lists nothing to someone walking the verifier numbers', async () => {
    const pages = await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const number = `T-2026-${String(index + 1).padStart(6, '0')}`;
        const response = await fetch(`${first()}/verifier/${number}`);
        return response.text();
      }),
    );
    for (const page of pages) {
      expect(page).not.toMatch(/\b[A-HJ-NPR-Z0-9]{17}\b/);
      expect(page).not.toContain('Valide');
      expect(page).toContain('name="vin"');
    }
    const guesses: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      const response = await fetch(
        `${first()}/verifier/T-2026-000001?vin=${String(100000 + index)}`,
      );
      guesses.push(await response.text());
    }
    expect(guesses.filter((page) => page.includes('Trop de vérifications')).length).toBe(10);
  }, 120_000);
});
