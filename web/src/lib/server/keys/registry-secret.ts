import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tx } from '../db/engine.js';
import { StartupRefusal } from './startup-refusal.js';

/** Where the registry secret comes from (never its value: configs may end up in logs). */
export interface SecretSource {
  /** `COMPTOIR_SECRET_KEY`: 32 bytes, base64url. */
  fromEnv?: string | undefined;
  /** `COMPTOIR_SECRET_KEY_FILE`: a file holding the same. */
  file?: string | undefined;
  /** Set when several processes share one database: the data dir of one of them will not do. */
  isShared: boolean;
  dataDir: string;
}

const DATA_DIR_FILE = 'secret.key';

/**
 * The registry secret: it seals bank accounts and operator PINs, keys the access-code hashes
 * and, through {@link keyEncryptionKey}, seals the signing keys. Every process of one registry
 * must hold the same one. On one SQLite process with nothing set it lives in the data dir
 * (created on first start, mode 0600), as before; with `DATABASE_URL` it must be given.
 */
export async function loadRegistrySecret(source: SecretSource): Promise<Buffer> {
  if (source.fromEnv?.trim()) return decodeSecret(source.fromEnv, 'COMPTOIR_SECRET_KEY');
  if (source.file?.trim()) {
    let text: string;
    try {
      text = await readFile(source.file.trim(), 'utf8');
    } catch (error) {
      throw new StartupRefusal(
        `COMPTOIR_SECRET_KEY_FILE cannot be read (${errorCode(error)}): ${source.file.trim()}`,
      );
    }
    return decodeSecret(text, 'COMPTOIR_SECRET_KEY_FILE');
  }
  if (source.isShared) {
    throw new StartupRefusal(
      'DATABASE_URL is set, so several processes may share this registry: give every one the ' +
        'same secret in COMPTOIR_SECRET_KEY or COMPTOIR_SECRET_KEY_FILE (32 random bytes, ' +
        'base64url; see docs/operating.md). A secret of one data dir is never used then.',
    );
  }
  return dataDirSecret(source.dataDir);
}

function decodeSecret(text: string, name: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64url');
  if (key.length !== 32) {
    throw new StartupRefusal(
      `${name} must hold 32 bytes in base64url (43 characters); it holds ${String(key.length)} ` +
        'bytes. Make one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"',
    );
  }
  return key;
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
}

async function dataDirSecret(dataDir: string): Promise<Buffer> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, DATA_DIR_FILE);
  try {
    return decodeSecret(await readFile(path, 'utf8'), path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    const key = randomBytes(32).toString('base64url');
    try {
      // `wx`: two processes starting on one data dir agree on the first one written.
      await writeFile(path, key, { mode: 0o600, flag: 'wx' });
      return Buffer.from(key, 'base64url');
    } catch {
      return decodeSecret(await readFile(path, 'utf8'), path);
    }
  }
}

/**
 * The key that seals the signing keys: derived from the registry secret (HKDF) so that a
 * signing key's ciphertext and a bank account's never share a key.
 */
export function keyEncryptionKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'comptoir signing keys v1', 32));
}

const CHECK_NAME = 'registry_secret';

/** A keyed hash of a constant: proves which secret wrote the database, reveals nothing of it. */
function checkValue(secret: Buffer): string {
  return createHmac('sha256', secret).update('comptoir registry secret check v1').digest('hex');
}

/** True when the database was written by holders of this very secret (a read only). */
export async function isRegistrySecret(db: Tx, secret: Buffer): Promise<boolean> {
  const mine = checkValue(secret);
  const stored = await db
    .selectFrom('registry_checks')
    .select('value')
    .where('name', '=', CHECK_NAME)
    .executeTakeFirst();
  return (
    stored !== undefined &&
    stored.value.length === mine.length &&
    timingSafeEqual(Buffer.from(stored.value), Buffer.from(mine))
  );
}

/**
 * Records the secret's check value on the first start and, on every later start, refuses to
 * go on when this process holds another secret: two processes must never silently disagree
 * (one would refuse access codes the other accepts, and fail to open the other's ciphertexts).
 */
export async function assertSameRegistrySecret(tx: Tx, secret: Buffer, now: Date): Promise<void> {
  await tx
    .insertInto('registry_checks')
    .values({ name: CHECK_NAME, value: checkValue(secret), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  if (!(await isRegistrySecret(tx, secret))) {
    throw new StartupRefusal(
      'this process holds another registry secret than the one that wrote the database ' +
        '(COMPTOIR_SECRET_KEY / COMPTOIR_SECRET_KEY_FILE differ from the other processes, or ' +
        'the data dir secret.key was replaced): it cannot open the signing keys, bank accounts, ' +
        'operator PINs or access codes. Give it the same secret as the others.',
    );
  }
}
