import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { z } from 'zod';
import { openStorage } from '../db/engine.js';
import type { ArchiveFile, BackupManifest } from '@comptoir/shared/backup';
import { loadRegistrySecret } from '../keys/registry-secret.js';
import { currentEpoch, startNewEpoch, type NewEpoch } from './epoch.service.js';

/** Where the registry keeps its data (the server configuration's storage part). */
export interface StorageLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Where the registry secret comes from (`COMPTOIR_SECRET_KEY`, `_FILE`), as the server's config. */
  secretKey?: { fromEnv?: string | undefined; file?: string | undefined } | undefined;
}

const SQLITE_FILE = 'comptoir.sqlite';
const epochRowSchema = z.object({ epoch: z.number().int().nullable() });
const DUMP_FILE = 'comptoir.pgdump';
/**
 * The keys kept beside the database. The signing keys live in the database, sealed under the
 * registry secret (`secret.key`): without the secret neither they nor bank data can be opened.
 * `signing-key.jwk.json` is an earlier version's key file, copied while a data dir still has it.
 */
const SECRET_FILE = 'secret.key';
const KEY_FILES = ['signing-key.jwk.json', SECRET_FILE] as const;

/**
 * A consistent copy of the registry while it runs, with its keys: SQLite through its online
 * backup API (better-sqlite3 `.backup()`, page by page, writers keep going; the copy is the
 * database as of one instant), PostgreSQL through `pg_dump` (one snapshot). `takenAt` is read
 * before the copy starts, so anything the copy lacks happened after it.
 */
export async function takeServerBackup(
  location: StorageLocation,
  now: () => Date,
): Promise<{ manifest: BackupManifest; files: ArchiveFile[] }> {
  const takenAt = now().toISOString();
  const files: ArchiveFile[] = [];
  let epoch: number;
  if (location.databaseUrl) {
    const storage = await openStorage(location);
    try {
      epoch = (await currentEpoch(storage.db)).epoch;
    } finally {
      await storage.close();
    }
    files.push({
      name: DUMP_FILE,
      bytes: await run('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--dbname=${location.databaseUrl}`,
      ]),
    });
  } else {
    const scratch = await mkdtemp(join(tmpdir(), 'comptoir-backup-'));
    try {
      const copyPath = join(scratch, SQLITE_FILE);
      const live = new SqliteDatabase(join(location.dataDir, SQLITE_FILE), { fileMustExist: true });
      try {
        live.pragma('busy_timeout = 10000');
        await live.backup(copyPath);
      } finally {
        live.close();
      }
      const copy = new SqliteDatabase(copyPath, { readonly: true });
      try {
        const row = epochRowSchema.parse(
          copy.prepare('select max(epoch) as epoch from server_epochs').get(),
        );
        epoch = row.epoch ?? 1;
      } finally {
        copy.close();
      }
      files.push({ name: SQLITE_FILE, bytes: await readFile(copyPath) });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  for (const name of KEY_FILES) {
    const path = join(location.dataDir, name);
    if (existsSync(path)) files.push({ name, bytes: await readFile(path) });
  }
  // A secret given through the environment or its own file has no file in the data dir: the
  // (encrypted) archive carries it anyway, read the way the server reads it.
  if (!files.some((file) => file.name === SECRET_FILE)) {
    const secret = await loadRegistrySecret({
      ...location.secretKey,
      isShared: location.databaseUrl !== undefined,
      dataDir: location.dataDir,
    });
    files.push({ name: SECRET_FILE, bytes: Buffer.from(secret.toString('base64url')) });
  }
  return {
    manifest: {
      format: 1,
      product: 'server',
      engine: location.databaseUrl ? 'postgres' : 'sqlite',
      takenAt,
      epoch,
    },
    files,
  };
}

/**
 * Puts an archive's database and keys back (the server stopped), then starts a new epoch
 * (see {@link startNewEpoch}). Whatever was in the way is kept aside, never deleted:
 * `<file>.before-restore-<time>`. PostgreSQL: the dump is restored with `pg_restore --clean`
 * into the configured database, in one transaction.
 */
export async function restoreServerBackup(
  location: StorageLocation,
  archive: { manifest: BackupManifest; files: ArchiveFile[] },
  options: { now: () => Date; gap?: number },
): Promise<NewEpoch> {
  const { manifest, files } = archive;
  if (manifest.product !== 'server')
    throw new Error('this archive is a print agent backup, not a server backup');
  const wanted = location.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.engine !== wanted) {
    throw new Error(
      `this archive holds a ${manifest.engine} database; the configuration uses ${wanted}`,
    );
  }
  const stamp = options.now().toISOString().replace(/[:.]/g, '-');
  await mkdir(location.dataDir, { recursive: true, mode: 0o700 });
  const setAside = async (path: string) => {
    if (existsSync(path)) await rename(path, `${path}.before-restore-${stamp}`);
  };
  for (const file of files) {
    if (file.name === DUMP_FILE) {
      await run(
        'pg_restore',
        [
          '--clean',
          '--if-exists',
          '--no-owner',
          '--no-privileges',
          '--single-transaction',
          `--dbname=${location.databaseUrl ?? ''}`,
        ],
        file.bytes,
      );
      continue;
    }
    if (file.name !== SQLITE_FILE && !(KEY_FILES as readonly string[]).includes(file.name)) {
      throw new Error(`unexpected file in the archive: ${file.name}`);
    }
    const path = join(location.dataDir, file.name);
    await setAside(path);
    if (file.name === SQLITE_FILE) {
      // A WAL left by the database being replaced would be replayed into the restored file.
      await setAside(`${path}-wal`);
      await setAside(`${path}-shm`);
    }
    await writeFile(path, file.bytes, { mode: 0o600, flag: 'wx' });
  }
  const storage = await openStorage(location);
  try {
    return await startNewEpoch(storage, {
      backupTakenAt: new Date(manifest.takenAt),
      now: options.now(),
      ...(options.gap !== undefined && { gap: options.gap }),
    });
  } finally {
    await storage.close();
  }
}

/** Runs a PostgreSQL client tool; its stdout, or an error with its stderr. */
function run(command: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new Error(`${command} exited ${String(code)}: ${Buffer.concat(err).toString().trim()}`),
        );
    });
    child.stdin.end(input);
  });
}
