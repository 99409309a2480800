import type Database from 'better-sqlite3';
import { openAgentDatabase } from '../storage/agent-database.js';

// The table has lived in the agent's SQLite file since the first version (it was created with
// the job ledger's tables): an existing file keeps its paired kiosks.
const schema = `
create table if not exists kiosk_tokens (
  token_hash text primary key,
  label text not null,
  created_at text not null
);
`;

/** The length of a kiosk's public id: a prefix of its token's hash, unique in practice. */
const KIOSK_ID_LENGTH = 16;

/** A kiosk's public id from its token's hash. */
export function kioskIdOfHash(tokenHash: string): string {
  return tokenHash.slice(0, KIOSK_ID_LENGTH);
}

/** A paired kiosk as the admin page lists it: never its token, nor the whole hash. */
export interface PairedKiosk {
  /** A prefix of the token's hash: names the kiosk for revocation, useless to authenticate. */
  id: string;
  label: string;
  pairedAt: string;
}

/**
 * The kiosk tokens pairing gave out, kept only hashed, in the agent's SQLite file. Tokens do
 * not expire and survive restarts.
 */
export class PairingStore {
  readonly #db: Database.Database;
  readonly #now: () => Date;

  constructor(dataDir: string, now: () => Date = () => new Date()) {
    this.#db = openAgentDatabase(dataDir, schema);
    this.#now = now;
  }

  close(): void {
    this.#db.close();
  }

  addKioskToken(tokenHash: string, label: string): void {
    this.#db
      .prepare(`insert into kiosk_tokens (token_hash, label, created_at) values (?, ?, ?)`)
      .run(tokenHash, label, this.#now().toISOString());
  }

  listKiosks(): PairedKiosk[] {
    return this.#db
      .prepare<[], PairedKiosk>(
        `select substr(token_hash, 1, ${KIOSK_ID_LENGTH}) as id, label, created_at as pairedAt
         from kiosk_tokens order by created_at, rowid`,
      )
      .all();
  }

  /** Deletes the kiosk's token; false when no kiosk has that id. */
  removeKiosk(kioskId: string): boolean {
    if (!/^[0-9a-f]+$/.test(kioskId) || kioskId.length !== KIOSK_ID_LENGTH) return false;
    const result = this.#db
      .prepare(`delete from kiosk_tokens where substr(token_hash, 1, ${KIOSK_ID_LENGTH}) = ?`)
      .run(kioskId);
    return result.changes > 0;
  }

  /** True when a kiosk with this public id is paired. */
  hasKioskId(kioskId: string): boolean {
    return (
      this.#db
        .prepare(`select 1 from kiosk_tokens where substr(token_hash, 1, ${KIOSK_ID_LENGTH}) = ?`)
        .get(kioskId) !== undefined
    );
  }

  hasKioskToken(tokenHash: string): boolean {
    return (
      this.#db.prepare(`select 1 from kiosk_tokens where token_hash = ?`).get(tokenHash) !==
      undefined
    );
  }
}
