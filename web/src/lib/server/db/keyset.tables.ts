/**
 * One signing key of the registry. Every process signs with the newest key not revoked and
 * publishes every key not revoked; the private half is sealed under the key-encryption key
 * derived from the registry secret (`COMPTOIR_SECRET_KEY`), never stored in the clear.
 */
export interface SigningKeyTable {
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  /** 1, 2, 3...: the order keys were added in (the last one not revoked signs). */
  generation: number;
  /** The public JWK, as published. */
  public_jwk: string;
  /** The private JWK sealed with AES-256-GCM under the key-encryption key. */
  private_cipher: string;
  created_at: string;
  /** 'generated' (at first start or by a rotation) | 'imported' (a data dir's key file). */
  origin: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/**
 * Values that let a process check, before serving, that it holds the same secrets as the
 * processes that wrote the database (a keyed hash of a constant, never the secret).
 */
export interface RegistryCheckTable {
  name: string;
  value: string;
  created_at: string;
}

/** Table types of the registry's keyset (see schema.ts). */
export interface KeysetTables {
  signing_keys: SigningKeyTable;
  registry_checks: RegistryCheckTable;
}
