import { kioskKeyThumbprint, kioskPublicJwkSchema } from '@comptoir/shared/offline';
import type { ComptoirDb, KioskKeyRow } from './db';

/** The one row of `kioskKeys`. */
const KIOSK_KEY_ID = 'kiosk';

/** The kiosk key as the signing code uses it (`SigningKey` of the shared tokens: key + kid). */
export interface KioskKey {
  key: CryptoKey;
  kid: string;
  publicJwk: KioskKeyRow['publicJwk'];
}

/**
 * Why the kiosk has no key: its browser has no WebCrypto Ed25519 (older Safari and Firefox,
 * or an insecure origin where `crypto.subtle` is absent). The kiosk then says that offline
 * issuance is unavailable and queues as before.
 */
export class KioskKeyUnsupported extends Error {
  constructor(cause?: unknown) {
    super('This browser cannot make an Ed25519 key (WebCrypto)', { cause });
    this.name = 'KioskKeyUnsupported';
  }
}

function toKioskKey(row: KioskKeyRow): KioskKey {
  return { key: row.privateKey, kid: row.thumbprint, publicJwk: row.publicJwk };
}

/** The kiosk's key if it made one. */
export async function readKioskKey(db: ComptoirDb): Promise<KioskKey | undefined> {
  const row = await db.kioskKeys.get(KIOSK_KEY_ID);
  return row ? toKioskKey(row) : undefined;
}

/**
 * The kiosk's signing key, made once: WebCrypto Ed25519 with the private half NOT extractable
 * (no script, not even ours, can read it out; a stolen database holds a key handle that works
 * only in this browser profile), kept in IndexedDB as `CryptoKey` objects. Two tabs making it
 * at once both generate, one row wins and both use it. Throws {@link KioskKeyUnsupported}.
 *
 * @example
 * const key = await ensureKioskKey(kioskDb()); // { key, kid, publicJwk }
 */
export async function ensureKioskKey(
  db: ComptoirDb,
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null,
  now: number = Date.now(),
): Promise<KioskKey> {
  const existing = await readKioskKey(db);
  if (existing) return existing;
  if (!subtle) throw new KioskKeyUnsupported();
  let pair: CryptoKeyPair;
  try {
    // Ed25519 is not in TypeScript's key-pair overloads yet: the generic answer is narrowed.
    const generated = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    if (!('privateKey' in generated)) throw new Error('not a key pair');
    pair = generated;
  } catch (error) {
    throw new KioskKeyUnsupported(error);
  }
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = kioskPublicJwkSchema.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  const row: KioskKeyRow = {
    id: KIOSK_KEY_ID,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x },
    thumbprint: await kioskKeyThumbprint(publicJwk),
    createdAt: now,
  };
  // The crypto work is done outside the transaction (an IndexedDB transaction ends at the
  // first promise that is not its own); inside it, the first key written wins.
  return db.transaction('rw', db.kioskKeys, async () => {
    const winner = await db.kioskKeys.get(KIOSK_KEY_ID);
    if (winner) return toKioskKey(winner);
    await db.kioskKeys.add(row);
    return toKioskKey(row);
  });
}

/** Whether this browser can make the kiosk key (checked once, by making a throwaway pair). */
export async function canMakeKioskKey(
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null,
): Promise<boolean> {
  if (!subtle) return false;
  try {
    await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}
