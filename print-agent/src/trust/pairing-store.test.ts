import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobLedger } from '../queue/job-ledger.js';
import { AGENT_DATABASE_FILE } from '../storage/agent-database.js';
import { PairingStore } from './pairing-store.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'comptoir-pairing-store-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pairing store', () => {
  it('keeps the kiosks paired in a file written when the ledger held the tokens', () => {
    // The table as the job ledger created it, with a kiosk paired then.
    const legacy = new Database(join(dataDir, AGENT_DATABASE_FILE));
    legacy.exec(`create table kiosk_tokens (
      token_hash text primary key, label text not null, created_at text not null)`);
    legacy
      .prepare(`insert into kiosk_tokens (token_hash, label, created_at) values (?, ?, ?)`)
      .run('a'.repeat(64), 'Borne 1', '2026-11-26T12:00:00.000Z');
    legacy.close();

    const store = new PairingStore(dataDir);
    expect(store.hasKioskToken('a'.repeat(64))).toBe(true);
    expect(store.hasKioskToken('b'.repeat(64))).toBe(false);
    store.close();
  });

  it('shares the file with the job ledger, each open at the same time', () => {
    const ledger = new JobLedger(dataDir);
    const store = new PairingStore(dataDir);
    store.addKioskToken('c'.repeat(64), 'Borne 2');
    expect(ledger.list()).toEqual([]);
    ledger.close();
    store.close();

    const file = new Database(join(dataDir, AGENT_DATABASE_FILE), { readonly: true });
    const tables = file
      .prepare<[], { name: string }>(`select name from sqlite_master where type = 'table'`)
      .all()
      .map((row) => row.name);
    file.close();
    expect(tables).toEqual(expect.arrayContaining(['jobs', 'kiosk_tokens']));
    const reopened = new PairingStore(dataDir);
    expect(reopened.hasKioskToken('c'.repeat(64))).toBe(true);
    reopened.close();
  });
});
