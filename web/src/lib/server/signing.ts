import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateSigningKeyPair,
  importSigningKey,
  publicJwkOf,
  type RawSigningKey,
  type SigningKey,
} from '@comptoir/shared/tokens';
import type { JWK } from 'jose';
import { workerSigner } from './signing-worker.js';

/** The server's document signer: the private key and the public keys it publishes. */
export interface Signer {
  signingKey: SigningKey;
  /**
   * The same key as a Node signer on a worker thread: a batch signs each command's documents
   * while it goes on applying the next commands, and Ed25519 gives the very same tokens as
   * jose over WebCrypto.
   */
  rawSigningKey: RawSigningKey;
  /** Public keys for `/.well-known/jwks.json` (current key; retired keys would join here). */
  jwks: { keys: JWK[] };
}

const KEY_FILE = 'signing-key.jwk.json';

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * Loads the Ed25519 signing key from the data dir, creating it (mode 0600) on first start.
 * `wx` makes creation race-safe when two server processes start on one data dir.
 */
export async function loadSigner(dataDir: string): Promise<Signer> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, KEY_FILE);
  let privateJwk: JWK;
  try {
    privateJwk = parseJwk(await readFile(path, 'utf8'));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const pair = await generateSigningKeyPair();
    try {
      await writeFile(path, JSON.stringify(pair.privateJwk), { mode: 0o600, flag: 'wx' });
      privateJwk = pair.privateJwk;
    } catch (writeError) {
      // Another process created it between our read and our write: use theirs.
      if (!(writeError instanceof Error && 'code' in writeError && writeError.code === 'EEXIST'))
        throw writeError;
      privateJwk = parseJwk(await readFile(path, 'utf8'));
    }
  }
  const signingKey = await importSigningKey(privateJwk);
  return {
    signingKey,
    rawSigningKey: { kid: signingKey.kid, sign: workerSigner(privateJwk) },
    jwks: { keys: [await publicJwkOf(privateJwk)] },
  };
}

function parseJwk(text: string): JWK {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${KEY_FILE} is not a JWK object`);
  }
  // JWK is an open record of optional strings; importSigningKey checks the key itself.
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => typeof v === 'string'),
  ) satisfies JWK;
}

/** Loads or creates the data dir's secret key (mode 0600), used to encrypt bank data. */
export async function loadSecretKey(dataDir: string, fromEnv?: string): Promise<Buffer> {
  if (fromEnv) return Buffer.from(fromEnv, 'base64url');
  const path = join(dataDir, 'secret.key');
  try {
    return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const key = randomBytes(32).toString('base64url');
    try {
      await writeFile(path, key, { mode: 0o600, flag: 'wx' });
      return Buffer.from(key, 'base64url');
    } catch {
      return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
    }
  }
}
