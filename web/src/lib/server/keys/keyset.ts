import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryJwks } from '@comptoir/shared';
import {
  generateSigningKeyPair,
  importSigningKey,
  publicJwkOf,
  type RawSigningKey,
  type SigningKey,
} from '@comptoir/shared/tokens';
import type { JWK } from 'jose';
import { appendAudit } from '../audit.js';
import type { Storage, Tx } from '../db/engine.js';
import { decryptSecret } from '../secret-box.js';
import { workerSigner } from '../signing-worker.js';
import { assertSameRegistrySecret, keyEncryptionKey } from './registry-secret.js';
import { StartupRefusal } from './startup-refusal.js';
import {
  insertSigningKey,
  listSigningKeys,
  markRevoked,
  type StoredSigningKey,
} from './signing-keys.repo.js';

/** The key a batch signs with: the same key for a document's `issuedBy.kid` and its JWS. */
export interface ActiveKey {
  kid: string;
  signingKey: SigningKey;
  /** The same key as a Node signer on worker threads (see `workerSigner`). */
  rawSigningKey: RawSigningKey;
}

/**
 * The registry's one keyset, as this process holds it: the same rows for every process (the
 * database), re-read every `refreshMs` and whenever a token names a key id not seen yet, so a
 * rotation or a revocation made anywhere reaches every process.
 */
export interface Keyset {
  /** The newest key not revoked: what new documents are signed with. */
  current(): ActiveKey;
  /** The signer of a key this process holds (a batch keeps the key it started with). */
  signerFor(kid: string): RawSigningKey | undefined;
  /** What `/.well-known/jwks.json` publishes. */
  jwks(): RegistryJwks;
  /** The public key of a key id still vouched for; re-reads the keyset once when unknown. */
  resolve(kid: string): Promise<JWK | undefined>;
  /** True when the key was revoked: what it signed is not genuine. */
  isRevoked(kid: string): boolean;
  /** Re-reads the keyset from the database. */
  refresh(): Promise<void>;
  /** Stops the periodic re-read. */
  close(): void;
}

/** The file where earlier versions kept one process's signing key, imported once. */
export const LEGACY_KEY_FILE = 'signing-key.jwk.json';

/** At most one re-read for unknown key ids per this many ms (a flood of forged kids costs one query). */
const MISS_REFRESH_MS = 1000;

/**
 * Opens the keyset at start: checks that this process holds the registry's secret, imports the
 * data dir's key file of an earlier version (once: by key id), makes the first key when there
 * is none, and opens every private key not revoked. Refuses to start (a {@link StartupRefusal})
 * when the secret or any private key does not open.
 */
export async function openKeyset(options: {
  storage: Storage;
  secret: Buffer;
  dataDir: string;
  now: () => Date;
  refreshMs?: number;
  log?: (message: string) => void;
}): Promise<Keyset> {
  const { storage, secret, now } = options;
  const log = options.log ?? ((message: string) => console.log(`comptoir: ${message}`));
  const kek = keyEncryptionKey(secret);
  const legacy = await readLegacyKey(options.dataDir);
  await storage.writeTransaction(async (tx) => {
    // Processes starting together take turns: one makes the first key, the others read it.
    await storage.lockKeys(tx, ['keyset']);
    await assertSameRegistrySecret(tx, secret, now());
    const rows = await listSigningKeys(tx);
    let hasUsableKey = rows.some((row) => row.revoked_at === null);
    if (legacy && !rows.some((row) => row.kid === legacy.kid)) {
      // An upgraded single process keeps its key id; a second process's own old key joins
      // after it (and is current until a rotation: both stay published), so nothing it
      // signed stops verifying.
      await insertSigningKey(tx, kek, legacy.privateJwk, now(), 'imported');
      log(`imported the signing key ${legacy.kid} from ${LEGACY_KEY_FILE} of the data dir`);
      hasUsableKey = true;
    }
    if (!hasUsableKey) {
      const { privateJwk, kid } = await generateSigningKeyPair();
      await insertSigningKey(tx, kek, privateJwk, now(), 'generated');
      log(`made the registry's first signing key ${kid}`);
    }
  });

  const state = { keys: await loadKeys(storage, kek) };
  let lastMissRefresh = 0;
  const refresh = async () => {
    state.keys = await loadKeys(storage, kek, state.keys);
  };
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => {
      // The last keyset read stays in use; the next tick tries again.
      console.error('comptoir: the keyset could not be re-read', errorMessage(error));
    });
  }, options.refreshMs ?? 30_000);
  timer.unref();

  return {
    current() {
      return state.keys.current;
    },
    signerFor(kid) {
      return state.keys.byKid.get(kid)?.active.rawSigningKey;
    },
    jwks() {
      return state.keys.jwks;
    },
    async resolve(kid) {
      const known = state.keys.byKid.get(kid);
      if (known) return known.publicJwk;
      if (state.keys.revoked.has(kid)) return undefined;
      if (Date.now() - lastMissRefresh < MISS_REFRESH_MS) return undefined;
      lastMissRefresh = Date.now();
      await refresh();
      return state.keys.byKid.get(kid)?.publicJwk;
    },
    isRevoked(kid) {
      return state.keys.revoked.has(kid);
    },
    refresh,
    close() {
      clearInterval(timer);
    },
  };
}

interface OpenKey {
  publicJwk: JWK;
  active: ActiveKey;
}

interface LoadedKeys {
  current: ActiveKey;
  byKid: Map<string, OpenKey>;
  revoked: Map<string, string>;
  jwks: RegistryJwks;
}

async function loadKeys(storage: Storage, kek: Buffer, previous?: LoadedKeys): Promise<LoadedKeys> {
  const rows = await listSigningKeys(storage.db);
  const byKid = new Map<string, OpenKey>();
  const revoked = new Map<string, string>();
  for (const row of rows) {
    if (row.revoked_at) {
      revoked.set(row.kid, row.revoked_at);
      continue;
    }
    // A key already open keeps its signer (its worker threads), so a re-read costs no thread.
    byKid.set(row.kid, previous?.byKid.get(row.kid) ?? (await openKey(row, kek)));
  }
  // Rows come oldest first: the last one not revoked signs.
  const newest = [...byKid.values()].at(-1);
  if (!newest) throw new StartupRefusal('the keyset holds no signing key that is not revoked');
  return {
    current: newest.active,
    byKid,
    revoked,
    jwks: {
      keys: [...byKid.values()].map(({ publicJwk, active }) => ({
        ...publicJwk,
        kid: active.kid,
        kty: String(publicJwk.kty),
        status: active === newest.active ? 'current' : 'retired',
      })),
      revoked: [...revoked].map(([kid, revokedAt]) => ({ kid, revokedAt })),
    },
  };
}

async function openKey(row: StoredSigningKey, kek: Buffer): Promise<OpenKey> {
  let privateJwk: JWK;
  try {
    privateJwk = parseJwk(decryptSecret(kek, row.private_cipher));
  } catch {
    throw new StartupRefusal(
      `the key-encryption key cannot open the signing key ${row.kid}: this process was given ` +
        'another registry secret (COMPTOIR_SECRET_KEY / COMPTOIR_SECRET_KEY_FILE) than the ' +
        'one that sealed the keyset',
    );
  }
  const signingKey = await importSigningKey(privateJwk);
  if (signingKey.kid !== row.kid) {
    throw new StartupRefusal(`the stored signing key ${row.kid} does not match its key id`);
  }
  return {
    publicJwk: await publicJwkOf(privateJwk),
    active: {
      kid: row.kid,
      signingKey,
      rawSigningKey: { kid: row.kid, sign: workerSigner(privateJwk) },
    },
  };
}

/**
 * Adds a signing key, which becomes current on every process at its next re-read; the keys
 * before it stay published as retired (see docs/operating.md, "Rotating keys").
 */
export async function rotateSigningKey(
  storage: Storage,
  secret: Buffer,
  now: Date,
): Promise<string> {
  const kek = keyEncryptionKey(secret);
  const { privateJwk, kid } = await generateSigningKeyPair();
  await storage.writeTransaction(async (tx) => {
    await storage.lockKeys(tx, ['keyset']);
    await assertSameRegistrySecret(tx, secret, now);
    await insertSigningKey(tx, kek, privateJwk, now, 'generated');
    await appendAudit(tx, now, { event: 'keyset.rotated', subject: kid, detail: { kid } });
  });
  return kid;
}

/**
 * Revokes a key (it leaked): it leaves the published keys, joins the revoked list, and every
 * paper it signed stops verifying at `/verifier` and at the print agents. Revoking the current
 * key adds a new one at once, so that signing goes on. Revoking twice changes nothing.
 */
export async function revokeSigningKey(
  storage: Storage,
  secret: Buffer,
  kid: string,
  reason: string,
  now: Date,
): Promise<{ isKnown: boolean; newKid?: string }> {
  const kek = keyEncryptionKey(secret);
  return storage.writeTransaction(async (tx: Tx) => {
    await storage.lockKeys(tx, ['keyset']);
    await assertSameRegistrySecret(tx, secret, now);
    const rows = await listSigningKeys(tx);
    if (!rows.some((row) => row.kid === kid)) return { isKnown: false };
    if (rows.some((row) => row.kid === kid && row.revoked_at === null)) {
      await markRevoked(tx, kid, reason, now);
      await appendAudit(tx, now, {
        event: 'keyset.revoked',
        subject: kid,
        detail: { kid, reason },
      });
    }
    const isAnyLeft = rows.some((row) => row.kid !== kid && !row.revoked_at);
    const wasCurrent = rows.filter((row) => !row.revoked_at).at(-1)?.kid === kid;
    if (isAnyLeft && !wasCurrent) return { isKnown: true };
    const { privateJwk, kid: newKid } = await generateSigningKeyPair();
    await insertSigningKey(tx, kek, privateJwk, now, 'generated');
    await appendAudit(tx, now, {
      event: 'keyset.rotated',
      subject: newKid,
      detail: { kid: newKid, replaces: kid },
    });
    return { isKnown: true, newKid };
  });
}

async function readLegacyKey(
  dataDir: string,
): Promise<{ kid: string; privateJwk: JWK } | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, LEGACY_KEY_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const privateJwk = parseJwk(text);
  const { kid } = await importSigningKey(privateJwk);
  return { kid, privateJwk };
}

function parseJwk(text: string): JWK {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('a signing key is not a JWK object');
  }
  // JWK is an open record of optional strings; importSigningKey checks the key itself.
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => typeof v === 'string'),
  ) satisfies JWK;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
