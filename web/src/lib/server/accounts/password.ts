import { hash, verify } from '@node-rs/argon2';

/** Hashes a password with argon2id (the library's default algorithm) and a random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real hash of a throwaway password, verified when the username is unknown so that a
// wrong username costs the same time as a wrong password (no account enumeration by timing).
const decoyHash = hash('decoy-password-never-used');

/** Checks a password against a stored hash; `undefined` runs a decoy verification. */
export async function verifyPassword(
  stored: string | undefined,
  password: string,
): Promise<boolean> {
  if (stored === undefined) {
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
