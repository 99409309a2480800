import Dexie, { type EntityTable } from 'dexie';
import type { ApiError, Command, IssuedDocument } from '@comptoir/shared';

/**
 * Where a queued command stands. `held`: the server refused the batch because the command's
 * author is not the signed-in person (`actor_not_session`); it waits for its author.
 * `flagged`: a paper issued offline that the server kept and counted but that broke a rule the
 * kiosk could not see (terminal, like `applied`; `error` says why, `result` what it became).
 */
export type OutboxState = 'waiting' | 'sending' | 'applied' | 'rejected' | 'held' | 'flagged';

/** One command in the durable outbox. Its id is the command id (UUIDv7, the idempotency key). */
export interface OutboxRow {
  id: string;
  /** The shared envelope, exactly as it will be (or was) sent: never rewritten once sent. */
  command: Command;
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which the command is not sent again (backoff). */
  nextAttemptAt: number;
  error?: ApiError;
  result?: unknown;
  /** The number of the document the server issued for this command, once applied. */
  documentNumber?: string;
  /** Set when a correction (a new command naming this one in `supersedes`) was queued. */
  supersededBy?: string;
  actorAccountId: string;
  licence: string;
  createdAt: number;
  /** Epoch ms of the first send; a sent command's envelope is frozen. */
  firstSentAt?: number;
  acknowledgedAt?: number;
}

/** A form in progress, private to its author; survives reloads and idle locks. */
export interface DraftRow {
  /** `${actorAccountId}:${form}`, or `${actorAccountId}/${operatorId}:${form}` under an operator */
  key: string;
  actorAccountId: string;
  form: string;
  values: unknown;
  updatedAt: number;
}

/** A server-issued document kept for offline viewing and reprinting. */
export interface DocumentRow {
  number: string;
  licence: string;
  kind: string;
  issuedAt: string;
  document: IssuedDocument;
  status: string;
  /** Compact JWS from `GET /api/documents/:number`, needed by the print agent. */
  jws?: string;
  qrToken?: string;
  printCount?: number;
  /** The per-licence change counter of the pull that brought it. */
  seq?: number;
  /**
   * Set on a paper this kiosk issued offline: the lease it drew on (compact JWS), which the
   * print agent needs beside `jws` (the kiosk's signature) to check the chain.
   */
  offlineLease?: string;
}

/** Small key/value facts about this kiosk: its id, the session, sync cursors, agent pairing. */
export interface KioskStateRow {
  key: string;
  value: unknown;
}

/**
 * A vehicle look-up this kiosk received (the server's answer, as parsed), kept so that the
 * forms still fill a vehicle seen recently while offline. No person in it: the answer never
 * names one.
 */
export interface VehicleLookupRow {
  vin: string;
  answer: unknown;
  /** When it was received (ms): the oldest are dropped first. */
  seenAt: number;
}

/** Cached reference data (makes, reasons...) keyed by name. */
export interface ReferenceRow {
  key: string;
  value: unknown;
  fetchedAt: number;
}

/**
 * What lets a person who signed in online on this kiosk unlock it again while offline: a
 * salted slow hash of the offline-unlock secret they chose then, and the session facts they
 * work under. Never the secret itself.
 */
export interface OfflineUnlockRow {
  accountId: string;
  username: string;
  displayName: string;
  /** PBKDF2-SHA-256 of the secret, base64url. */
  hash: string;
  /** Random, base64url. */
  salt: string;
  iterations: number;
  /** The session as the server answered it at the online sign-in (parsed again when read). */
  info: unknown;
  licence?: string;
  /** Epoch ms of the online sign-in: the offline window runs from it. */
  signedInAt: number;
  /** Wrong secrets in a row, and the instant before which no new try is taken. */
  failures: number;
  retryAfter: number;
}

/**
 * A person who works under a generic account, with the PIN verifier the server salted for
 * this kiosk: the lock screen checks PINs offline against it.
 */
export interface OperatorRow {
  operatorId: string;
  /** The generic account the operator works under. */
  accountId: string;
  displayName: string;
  salt: string;
  iterations: number;
  /** PBKDF2-SHA-256 of the PIN, base64url. */
  verifier: string;
}

/**
 * The kiosk's own signing key (issue "Offline issuance"): WebCrypto Ed25519, the private half
 * not extractable, kept as `CryptoKey` objects (IndexedDB stores them as they are; the key
 * bytes never reach JavaScript). One row, `id: 'kiosk'`.
 */
export interface KioskKeyRow {
  id: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as the lease names it (`kty`, `crv`, `x`). */
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  /** RFC 7638 thumbprint of `publicJwk`: the `kid` of what the kiosk signs. */
  thumbprint: string;
  createdAt: number;
}

/**
 * A lease the server granted this kiosk, and how many numbers of each block were taken. The
 * counters move only inside one IndexedDB transaction (`takeOfflineNumber`), so a number is
 * never taken twice, by two tabs or across a reload.
 */
export interface LeaseRow {
  leaseId: string;
  /** The lease as the server signed it (compact JWS), attached to every paper issued from it. */
  jws: string;
  /** Its payload, parsed again with the shared schema when read. */
  lease: unknown;
  licence: string;
  /** Epoch ms: `lease.expiresAt`. */
  expiresAt: number;
  receivedAt: number;
  /** Numbers taken per kind (issued, printed or not). */
  used: { transit: number; atac: number };
  /** Set when a newer lease replaced it (the server retired it at the renewal). */
  retiredAt?: number;
}

/** The kiosk's IndexedDB database. Only `src/lib/offline/` may touch it. */
export type ComptoirDb = Dexie & {
  outbox: EntityTable<OutboxRow, 'id'>;
  drafts: EntityTable<DraftRow, 'key'>;
  documents: EntityTable<DocumentRow, 'number'>;
  kioskState: EntityTable<KioskStateRow, 'key'>;
  reference: EntityTable<ReferenceRow, 'key'>;
  offlineUnlocks: EntityTable<OfflineUnlockRow, 'accountId'>;
  operators: EntityTable<OperatorRow, 'operatorId'>;
  vehicleLookups: EntityTable<VehicleLookupRow, 'vin'>;
  kioskKeys: EntityTable<KioskKeyRow, 'id'>;
  leases: EntityTable<LeaseRow, 'leaseId'>;
};

/** The database name used by the kiosk (tests pass their own). */
export const KIOSK_DB_NAME = 'comptoir';

/**
 * Every schema ever shipped, oldest first: each stays declared so Dexie upgrades a kiosk
 * from whatever it had (a kiosk offline for weeks still holds queued commands in the old
 * shape). An upgrade may migrate only rows not yet sent (`state: 'waiting'` and no
 * `firstSentAt`): a sent envelope is frozen, since the server hashes it to detect an id
 * reused with another body.
 */
export const schemaVersions: readonly { version: number; stores: Record<string, string> }[] = [
  {
    version: 1,
    stores: {
      outbox: 'id, state, actorAccountId, [actorAccountId+state], createdAt, licence',
      drafts: 'key, actorAccountId',
      documents: 'number, licence, kind, issuedAt, [licence+kind]',
      kioskState: 'key',
      reference: 'key',
    },
  },
  {
    // The sync picks due commands by index (person, state, due time) instead of reading
    // every waiting row; an index-only change, no row is rewritten.
    version: 2,
    stores: {
      outbox:
        'id, state, actorAccountId, [actorAccountId+state], [actorAccountId+state+nextAttemptAt], createdAt, licence',
    },
  },
  {
    // An enrolled kiosk sends every person's due commands (by state and due time), and keeps
    // the offline-unlock hashes of the people who signed in on it and the PIN verifiers of
    // generic accounts' operators. Index and new tables only: no row is rewritten.
    version: 3,
    stores: {
      outbox:
        'id, state, actorAccountId, [actorAccountId+state], [actorAccountId+state+nextAttemptAt], [state+nextAttemptAt], createdAt, licence',
      offlineUnlocks: 'accountId, username',
      operators: 'operatorId, accountId',
    },
  },
  {
    // The last vehicle look-ups, so that a form fills a vehicle seen recently while offline
    // (issue "The counter"). A new table only: no row is rewritten.
    version: 4,
    stores: { vehicleLookups: 'vin, seenAt' },
  },
  {
    // Offline issuance: the kiosk's key and its leases (number counters inside). New tables
    // only: no row is rewritten.
    version: 5,
    stores: { kioskKeys: 'id', leases: 'leaseId, licence, expiresAt' },
  },
];

/**
 * Opens the kiosk database with every schema version up to `upTo` (tests open an old
 * version to prove the upgrade path).
 */
export function openComptoirDb(
  name: string = KIOSK_DB_NAME,
  upTo: number = schemaVersions.length,
): ComptoirDb {
  const db = new Dexie(name) as ComptoirDb;
  for (const { version, stores } of schemaVersions.slice(0, upTo)) {
    db.version(version).stores(stores);
  }
  return db;
}
