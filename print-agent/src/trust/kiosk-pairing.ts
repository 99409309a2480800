import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { kioskIdOfHash, type PairedKiosk, type PairingStore } from './pairing-store.js';

const CODE_TTL_MS = 10 * 60_000;
/**
 * Wrong codes tolerated before the code locks until it expires: 5 guesses out of 10^8 per code.
 * It locks rather than rotates: a rotation anyone on the LAN can cause would let a neighbour
 * make the code on the admin page change under the person reading it, at will.
 */
const MAX_WRONG_CODES = 5;

/** The one-time code shown on the console and the admin page. */
export interface PairingCode {
  code: string;
  expiresAt: Date;
}

/**
 * Pairing: a one-time code (shown on the console and the admin page) buys a kiosk token. The code
 * changes only when it is used, when it expires, or when the admin asks (admin page); after a
 * few wrong tries it refuses even the right code until one of those. Tokens are stored hashed,
 * in their own store, listed and revoked from the admin page.
 */
export class KioskPairing {
  readonly #store: PairingStore;
  readonly #now: () => Date;
  readonly #onRotate: (code: PairingCode) => void;
  #current: PairingCode;
  #wrongTries = 0;

  constructor(
    store: PairingStore,
    options: { now?: () => Date; onRotate?: (code: PairingCode) => void } = {},
  ) {
    this.#store = store;
    this.#now = options.now ?? (() => new Date());
    this.#onRotate = options.onRotate ?? (() => undefined);
    this.#current = this.#newCode();
  }

  /** The code valid now (a new one once it expired). */
  current(): PairingCode {
    if (this.#current.expiresAt <= this.#now()) this.rotate();
    return this.#current;
  }

  /** True while too many wrong codes were tried on the current code. */
  isLocked(): boolean {
    this.current();
    return this.#wrongTries >= MAX_WRONG_CODES;
  }

  /**
   * Exchanges the code for a new kiosk token, or undefined when the code is wrong or locked
   * ({@link isLocked} tells which).
   */
  redeem(code: string, label: string): string | undefined {
    if (this.isLocked()) return undefined;
    const expected = Buffer.from(this.#current.code);
    const given = Buffer.from(code.replace(/\D/g, ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.#wrongTries += 1;
      return undefined;
    }
    this.rotate();
    const token = `cpk_${randomBytes(32).toString('base64url')}`;
    this.#store.addKioskToken(hashToken(token), label);
    return token;
  }

  /** A new code now, the lock lifted: the admin page's button (the admin is authenticated). */
  rotate(): PairingCode {
    this.#current = this.#newCode();
    this.#wrongTries = 0;
    this.#onRotate(this.#current);
    return this.#current;
  }

  /** True for a token a pairing gave out and nobody revoked. */
  isValidToken(token: string): boolean {
    return this.#store.hasKioskToken(hashToken(token));
  }

  /** The public id of the kiosk a token belongs to (the admin page's id), paired or not. */
  kioskIdOf(token: string): string {
    return kioskIdOfHash(hashToken(token));
  }

  /** True while the kiosk with this id is paired (false once revoked). */
  isPaired(kioskId: string): boolean {
    return this.#store.hasKioskId(kioskId);
  }

  /** The paired kiosks, oldest first, without their tokens. */
  kiosks(): PairedKiosk[] {
    return this.#store.listKiosks();
  }

  /** Revokes a kiosk's token: its next request is refused. False when no such kiosk is paired. */
  revoke(kioskId: string): boolean {
    return this.#store.removeKiosk(kioskId);
  }

  #newCode(): PairingCode {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    return { code, expiresAt: new Date(this.#now().getTime() + CODE_TTL_MS) };
  }
}

/** Tokens are 256 random bits: a fast hash is enough, no salt needed. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
