import Database from 'better-sqlite3';
import { join } from 'node:path';

/** The agent's one SQLite file in its data dir: the job ledger and the paired kiosks. */
export const AGENT_DATABASE_FILE = 'ledger.sqlite';

/**
 * Opens the agent's SQLite file (WAL, synchronous=FULL: a write is acknowledged only once it
 * is on disk) and creates the tables `schema` names when they are missing. Each store opens its
 * own connection; SQLite serialises their writes.
 */
export function openAgentDatabase(dataDir: string, schema: string): Database.Database {
  const db = new Database(join(dataDir, AGENT_DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  return db;
}
