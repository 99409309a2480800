import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryJwksSchema, transitDocumentSchema } from '@comptoir/shared';
import { generateSigningKeyPair, signQrToken, verifyQrToken } from '@comptoir/shared/tokens';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../config.js';
import { createServerContext, type ServerContext } from '../context.js';
import { verifyPublic } from '../endpoints/verification.service.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../testing/test-env.js';
import { LEGACY_KEY_FILE, revokeSigningKey, rotateSigningKey } from './keyset.js';
import { StartupRefusal } from './startup-refusal.js';

const NOW = new Date('2026-03-10T15:00:00.000Z');

/** A process of the registry: its own data dir, the engine's database, the given secret. */
function configOf(
  dataDir: string,
  database: TestDatabase | undefined,
  secret?: string,
): ServerConfig {
  return {
    dataDir,
    databaseUrl: database?.url,
    isDemo: false,
    origin: 'http://127.0.0.1:3000',
    faults: undefined,
    trustProxy: false,
    keysetRefreshMs: 60_000,
    ...(secret !== undefined && { secretKey: { fromEnv: secret } }),
  };
}

const qrDocument = (kid: string) =>
  transitDocumentSchema.parse({
    schemaVersion: 1,
    kind: 'transit',
    number: 'T-2026-000001',
    licence: 'L-100001',
    dealer: { name: 'Automobiles Laurentides inc.', neq: '1160000001' },
    issuedAt: '2026-03-10T15:00:00.000Z',
    expiresAt: '2026-03-21T03:59:59.000Z',
    vehicle: { vin: '2HGFC2F55PH000101', make: 'Honda', model: 'Civic', year: 2023 },
    issuedBy: { signer: 'server', kid },
    days: 10,
    reason: 'register_at_service_point',
    holder: { name: 'Marie Tremblay' },
  });

describe.each(ENGINES)('the registry keyset on %s', (engine) => {
  const opened: ServerContext[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  async function setup(): Promise<{ database?: TestDatabase; dirs: () => Promise<string> }> {
    const database = engine === 'postgres' ? await createTestDatabase() : undefined;
    if (database) cleanups.push(() => database.drop());
    return {
      ...(database && { database }),
      async dirs() {
        const dir = await mkdtemp(join(tmpdir(), 'comptoir-keyset-'));
        cleanups.push(() => rm(dir, { recursive: true, force: true }));
        return dir;
      },
    };
  }

  async function open(config: ServerConfig): Promise<ServerContext> {
    const ctx = await createServerContext(config, { clock: () => NOW });
    opened.push(ctx);
    return ctx;
  }

  afterEach(async () => {
    for (const ctx of opened.splice(0)) {
      ctx.signer.close();
      await ctx.storage.close();
    }
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('gives two processes one keyset: one current key, the same JWKS', async () => {
    const { database, dirs } = await setup();
    const secret = randomBytes(32).toString('base64url');
    // On SQLite "two processes" share the data dir (one file); on PostgreSQL each has its own.
    const firstDir = await dirs();
    const a = await open(configOf(firstDir, database, secret));
    const b = await open(configOf(database ? await dirs() : firstDir, database, secret));
    expect(b.signer.current().kid).toBe(a.signer.current().kid);
    expect(b.signer.jwks()).toEqual(a.signer.jwks());
    const jwks = registryJwksSchema.parse(a.signer.jwks());
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]?.status).toBe('current');
    // The private half never reaches the JWKS.
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  it('refuses to start with another secret, and says why', async () => {
    const { database, dirs } = await setup();
    const dir = await dirs();
    await open(configOf(dir, database, randomBytes(32).toString('base64url')));
    const wrong = createServerContext(
      configOf(dir, database, randomBytes(32).toString('base64url')),
      { clock: () => NOW },
    );
    await expect(wrong).rejects.toThrow(StartupRefusal);
    await expect(wrong).rejects.toThrow(/another registry secret/);
  });

  it('rotates: the new key signs everywhere, the old one stays published as retired', async () => {
    const { database, dirs } = await setup();
    const secret = randomBytes(32).toString('base64url');
    const dir = await dirs();
    const a = await open(configOf(dir, database, secret));
    const b = await open(configOf(database ? await dirs() : dir, database, secret));
    const oldKid = a.signer.current().kid;
    const oldToken = await signQrToken(qrDocument(oldKid), a.signer.current().signingKey);

    const newKid = await rotateSigningKey(a.storage, a.secretKey, NOW);
    // Process b learns the new key on the first token that names it, before its periodic read.
    expect(await b.signer.resolve(newKid)).toMatchObject({ kid: newKid });
    expect(b.signer.current().kid).toBe(newKid);
    await a.signer.refresh();
    expect(a.signer.current().kid).toBe(newKid);

    const jwks = registryJwksSchema.parse(b.signer.jwks());
    expect(jwks.keys.map((key) => [key.kid, key.status])).toEqual([
      [oldKid, 'retired'],
      [newKid, 'current'],
    ]);
    // The compact token names its key by a hint: the candidates are the published keys.
    const verified = await verifyQrToken(oldToken, (kid) => b.signer.resolve(kid), {
      checkExpiry: false,
      number: 'T-2026-000001',
      candidateKids: jwks.keys.map((key) => key.kid),
    });
    expect(verified.kid).toBe(oldKid);
  });

  it('revokes: the key leaves the published keys, is listed revoked, and a new one signs', async () => {
    const { database, dirs } = await setup();
    const secret = randomBytes(32).toString('base64url');
    const a = await open(configOf(await dirs(), database, secret));
    const oldKid = a.signer.current().kid;
    const oldToken = await signQrToken(qrDocument(oldKid), a.signer.current().signingKey);
    const first = await revokeSigningKey(a.storage, a.secretKey, oldKid, 'leaked', NOW);
    const again = await revokeSigningKey(a.storage, a.secretKey, oldKid, 'leaked', NOW);
    expect(first.isKnown && first.newKid).toBeTruthy();
    expect(again).toEqual({ isKnown: true });
    await a.signer.refresh();
    expect(a.signer.current().kid).toBe(first.newKid);
    expect(a.signer.isRevoked(oldKid)).toBe(true);
    const jwks = registryJwksSchema.parse(a.signer.jwks());
    expect(jwks.keys.map((key) => key.kid)).toEqual([first.newKid]);
    expect(jwks.revoked).toEqual([{ kid: oldKid, revokedAt: NOW.toISOString() }]);
    await expect(
      verifyQrToken(oldToken, (kid) => a.signer.resolve(kid), {
        checkExpiry: false,
        number: 'T-2026-000001',
        candidateKids: [oldKid, first.newKid ?? ''],
      }),
    ).rejects.toThrow();
    // The public page says why: the (compact) token names a key the registry revoked.
    const verdict = await verifyPublic(a, 'T-2026-000001', oldToken, {
      clientAddress: '192.0.2.1',
    });
    expect(verdict).toMatchObject({ verdict: 'forged', token: 'revoked' });
  });

  it("imports an earlier version's key file once: papers signed today keep verifying", async () => {
    const { database, dirs } = await setup();
    const secret = randomBytes(32).toString('base64url');
    const dir = await dirs();
    const legacy = await generateSigningKeyPair();
    await writeFile(join(dir, LEGACY_KEY_FILE), JSON.stringify(legacy.privateJwk));
    const logs: string[] = [];
    const spy = (message: string) => logs.push(message);
    const original = console.log;
    console.log = spy;
    try {
      const a = await open(configOf(dir, database, secret));
      expect(a.signer.current().kid).toBe(legacy.kid);
      a.signer.close();
      await a.storage.close();
      opened.splice(opened.indexOf(a), 1);
      const again = await open(configOf(dir, database, secret));
      expect(again.signer.jwks().keys.map((key) => key.kid)).toEqual([legacy.kid]);
    } finally {
      console.log = original;
    }
    expect(logs.filter((line) => line.includes('imported'))).toHaveLength(1);
    // Only the key id is ever logged, never key material.
    expect(logs.join('\n')).not.toContain(String(legacy.privateJwk.d));
    expect(await readFile(join(dir, LEGACY_KEY_FILE), 'utf8')).toContain(legacy.kid);
  });

  if (engine === 'postgres') {
    it('refuses to start on PostgreSQL without a registry secret', async () => {
      const { database, dirs } = await setup();
      await expect(
        createServerContext(configOf(await dirs(), database), { clock: () => NOW }),
      ).rejects.toThrow(/COMPTOIR_SECRET_KEY/);
    });
  } else {
    it('needs nothing set on one SQLite process: the data dir keeps the secret', async () => {
      const { dirs } = await setup();
      const dir = await dirs();
      const a = await open(configOf(dir, undefined));
      const kid = a.signer.current().kid;
      a.signer.close();
      await a.storage.close();
      opened.splice(opened.indexOf(a), 1);
      const again = await open(configOf(dir, undefined));
      expect(again.signer.current().kid).toBe(kid);
      expect((await readFile(join(dir, 'secret.key'), 'utf8')).trim()).toHaveLength(43);
    });
  }
});
