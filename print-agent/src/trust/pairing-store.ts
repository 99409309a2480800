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

  hasKioskToken(tokenHash: string): boolean {
    return (
      this.#db.prepare(`select 1 from kiosk_tokens where token_hash = ?`).get(tokenHash) !==
      undefined
    );
  }
}
