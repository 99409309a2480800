/** An enrolled kiosk; only the hash of its device credential's secret is kept. */
export interface KioskTable {
  /** The UUIDv7 the kiosk made for itself and enrolled under. */
  id: string;
  dealer_id: string;
  /** The licence the administrator enrolled it under (the dealer's kiosks serve all its licences). */
  licence: string;
  name: string;
  /** 'showroom' | 'delivery_bay' (shared `kioskLocations`). */
  location: string;
  /** sha256 hex of the secret (32 random bytes: a slow hash adds nothing). */
  credential_hash: string;
  enrolled_by: string;
  enrolled_at: string;
  revoked_at: string | null;
}

/** An online sign-in made on an enrolled kiosk: opens that person's offline window there. */
export interface KioskSignInTable {
  id: string;
  kiosk_id: string;
  account_id: string;
  signed_in_at: string;
}

/** A person who works under a dealer's generic account and unlocks the kiosk with a PIN. */
export interface OperatorTable {
  id: string;
  dealer_id: string;
  display_name: string;
  /** argon2id of the PIN. */
  pin_hash: string;
  /** The PIN encrypted at rest (secret box), to derive per-kiosk verifiers. */
  pin_cipher: string;
  /** The name without case, accents or extra spaces: unique among enabled operators (0020). */
  name_key: string | null;
  /** Keyed HMAC of the dealer and the PIN: unique among enabled operators (0020). */
  pin_key: string | null;
  is_disabled: number;
  created_at: string;
  updated_at: string;
}

/** Table types of enrolled kiosks, device credentials, kiosk sign-ins and operators (see schema.ts). */
export interface KioskTables {
  kiosks: KioskTable;
  kiosk_sign_ins: KioskSignInTable;
  operators: OperatorTable;
}
