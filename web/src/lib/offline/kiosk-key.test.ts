import 'fake-indexeddb/auto';
import { newId } from '@comptoir/shared';
import { compactVerify, CompactSign, importJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import { canMakeKioskKey, ensureKioskKey, KioskKeyUnsupported, readKioskKey } from './kiosk-key';

let name: string;
let db: ComptoirDb;

beforeEach(async () => {
  name = `test-${newId()}`;
  db = openComptoirDb(name);
  await db.open();
});

afterEach(async () => {
  db.close();
  await openComptoirDb(name).delete();
});

/** A SubtleCrypto of a browser without Ed25519 (older Safari or Firefox). */
const noEd25519 = {
  generateKey: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
} as unknown as SubtleCrypto;

describe('the kiosk key', () => {
  it('is an Ed25519 pair whose private half cannot be read out', async () => {
    const key = await ensureKioskKey(db);
    expect(key.key.algorithm.name).toBe('Ed25519');
    expect(key.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', key.key)).rejects.toThrow();
    expect(key.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('survives a reload: the same key, still signing, from IndexedDB', async () => {
    const made = await ensureKioskKey(db);
    db.close();
    const reopened = openComptoirDb(name);
    await reopened.open();
    try {
      const read = await readKioskKey(reopened);
      expect(read?.kid).toBe(made.kid);
      const again = await ensureKioskKey(reopened);
      expect(again.kid).toBe(made.kid);
      if (!read) return;
      const jws = await new CompactSign(new TextEncoder().encode('paper'))
        .setProtectedHeader({ alg: 'EdDSA', kid: read.kid })
        .sign(read.key);
      const publicKey = await importJWK(made.publicJwk, 'EdDSA');
      const { payload } = await compactVerify(jws, publicKey);
      expect(new TextDecoder().decode(payload)).toBe('paper');
    } finally {
      reopened.close();
      db = openComptoirDb(name);
    }
  });

  it('two tabs making it at once end with one key', async () => {
    const other = openComptoirDb(name);
    await other.open();
    try {
      const [first, second] = await Promise.all([ensureKioskKey(db), ensureKioskKey(other)]);
      expect(first.kid).toBe(second.kid);
      expect(await db.kioskKeys.count()).toBe(1);
    } finally {
      other.close();
    }
  });

  it('a browser without Ed25519 gets no key, and says so', async () => {
    await expect(ensureKioskKey(db, noEd25519)).rejects.toBeInstanceOf(KioskKeyUnsupported);
    await expect(ensureKioskKey(db, null)).rejects.toBeInstanceOf(KioskKeyUnsupported);
    expect(await readKioskKey(db)).toBeUndefined();
    expect(await canMakeKioskKey(noEd25519)).toBe(false);
    expect(await canMakeKioskKey()).toBe(true);
  });
});
