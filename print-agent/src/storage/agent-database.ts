import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile } from './private-files.js';

/** The agent's one SQLite file in its data dir: the job ledger and the paired kiosks. */
export const AGENT_DATABASE_FILE = 'ledger.sqlite';

/**
 * Opens the agent's SQLite file (WAL, synchronous=FULL: a write is acknowledged only once it
 * is on disk) and creates the tables `schema` names when they are missing. Each store opens its
 * own connection; SQLite serialises their writes.
 */
export function openAgentDatabase(dataDir: string, schema: string): Database.Database {
  const path = join(dataDir, AGENT_DATABASE_FILE);
  ensurePrivateDir(dataDir);
  // SQLite creates its file with the umask's mode (0644); created first, it keeps 0600, and
  // SQLite gives the -wal and -shm files the database file's mode.
  ensurePrivateFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const companion of [`${path}-wal`, `${path}-shm`]) {
    if (existsSync(companion)) ensurePrivateFile(companion);
  }
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  return db;
}
