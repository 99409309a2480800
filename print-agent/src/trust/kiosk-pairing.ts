import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { PairingStore } from './pairing-store.js';

const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes tolerated before the code rotates: guessing 8 digits then needs a new console. */
const MAX_WRONG_CODES = 5;

/** The one-time code shown on the console and the admin page. */
export interface PairingCode {
  code: string;
  expiresAt: Date;
}

/**
 * Pairing: a one-time code (shown on the console and the admin page, rotated after each use,
 * after expiry and after a few wrong tries) buys a kiosk token. Tokens are stored hashed, in
 * their own store.
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
    if (this.#current.expiresAt <= this.#now()) this.#rotate();
    return this.#current;
  }

  /** Exchanges the code for a new kiosk token, or undefined when the code is wrong. */
  redeem(code: string, label: string): string | undefined {
    const expected = Buffer.from(this.current().code);
    const given = Buffer.from(code.replace(/\D/g, ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.#wrongTries += 1;
      if (this.#wrongTries >= MAX_WRONG_CODES) this.#rotate();
      return undefined;
    }
    this.#rotate();
    const token = `cpk_${randomBytes(32).toString('base64url')}`;
    this.#store.addKioskToken(hashToken(token), label);
    return token;
  }

  /** True for a token a pairing gave out. */
  isValidToken(token: string): boolean {
    return this.#store.hasKioskToken(hashToken(token));
  }

  #rotate(): void {
    this.#current = this.#newCode();
    this.#wrongTries = 0;
    this.#onRotate(this.#current);
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
