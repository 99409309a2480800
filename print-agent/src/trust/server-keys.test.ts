import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSigner, provisionalPlate } from '../testing/documents.js';
import { createDocumentVerifier } from './document-verifier.js';
import { ServerKeys } from './server-keys.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real HTTP server publishing a JWKS on 127.0.0.1, counting its hits. */
async function jwksServer(
  keys: unknown[],
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const app = new Hono().get('/.well-known/jwks.json', (c) => {
    hits += 1;
    return c.json({ keys });
  });
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(started),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('server keys', () => {
  it('fetches the JWKS on an unknown key, caches it, and verifies after a restart with the server down', async () => {
    const signer = await createTestSigner();
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-keys-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await jwksServer([signer.publicJwk]);
    const jws = await signer.sign(provisionalPlate(signer.key.kid));

    const online = createDocumentVerifier(new ServerKeys({ dataDir, jwksUrl: server.url }));
    expect((await online.verify(jws)).kind).toBe('provisional_plate');
    expect(server.hits()).toBe(1);
    await server.close();

    const restarted = new ServerKeys({ dataDir, jwksUrl: server.url });
    expect(await restarted.refresh()).toBe(false);
    expect((await createDocumentVerifier(restarted).verify(jws)).number).toMatch(/^PP-/);
  });

  it('refetches at most once per interval for unknown key ids', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-keys-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await jwksServer([]);
    cleanups.push(() => server.close());
    const keys = new ServerKeys({ dataDir, jwksUrl: server.url, refetchIntervalMs: 60_000 });
    expect(await keys.find('nope')).toBeUndefined();
    expect(await keys.find('still-nope')).toBeUndefined();
    expect(server.hits()).toBe(1);
  });
});

describe('server keys across a rotation and a load balancer', () => {
  it('merges what each fetch lists, keeps it across a restart, and drops only revoked keys', async () => {
    const oldKey = await createTestSigner();
    const newKey = await createTestSigner();
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-keys-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Two answers in turn, as two processes behind a balancer (or before and after a rotation).
    let answer: unknown = { keys: [{ ...oldKey.publicJwk, status: 'current' }] };
    const fetchJwks: typeof fetch = () => Promise.resolve(Response.json(answer));
    const keys = new ServerKeys({
      dataDir,
      jwksUrl: 'http://registry.test/jwks',
      fetch: fetchJwks,
    });
    expect(await keys.refresh()).toBe(true);
    answer = { keys: [{ ...newKey.publicJwk, status: 'current' }] };
    expect(await keys.refresh()).toBe(true);

    const oldPaper = await oldKey.sign(provisionalPlate(oldKey.key.kid));
    const newPaper = await newKey.sign(provisionalPlate(newKey.key.kid));
    // Restarted with the server down: both keys still verify.
    const down: typeof fetch = () => Promise.reject(new Error('offline'));
    const restarted = new ServerKeys({
      dataDir,
      jwksUrl: 'http://registry.test/jwks',
      fetch: down,
    });
    expect(await restarted.refresh()).toBe(false);
    const verifier = createDocumentVerifier(restarted);
    expect((await verifier.verify(oldPaper)).kind).toBe('provisional_plate');
    expect((await verifier.verify(newPaper)).kind).toBe('provisional_plate');
    expect(restarted.count()).toBe(2);

    // The old key is revoked: it is refused from then on, and after a restart too.
    answer = {
      keys: [{ ...newKey.publicJwk, status: 'current' }],
      revoked: [{ kid: oldKey.key.kid, revokedAt: '2026-03-10T15:00:00.000Z' }],
    };
    expect(await keys.refresh()).toBe(true);
    await expect(createDocumentVerifier(keys).verify(oldPaper)).rejects.toThrow();
    const again = new ServerKeys({ dataDir, jwksUrl: 'http://registry.test/jwks', fetch: down });
    expect(again.isRevoked(oldKey.key.kid)).toBe(true);
    await expect(createDocumentVerifier(again).verify(oldPaper)).rejects.toThrow();
    expect((await createDocumentVerifier(again).verify(newPaper)).kind).toBe('provisional_plate');
  });
});
