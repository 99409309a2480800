import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ArchiveError,
  openArchive,
  sealArchive,
  type BackupManifest,
} from '@comptoir/shared/backup';
import { loadBackupKey, writeArchive } from './archive-files';

const manifest: BackupManifest = {
  format: 1,
  product: 'server',
  engine: 'sqlite',
  takenAt: '2026-03-10T15:00:00.000Z',
  epoch: 1,
};

describe('backup archive (AES-256-GCM)', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives back the manifest and every file, byte for byte', async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const key = await loadBackupKey(join(dir, 'backup.key'), true);
    const files = [
      { name: 'comptoir.sqlite', bytes: Buffer.from('SQLite format 3\0 pages') },
      { name: 'secret.key', bytes: Buffer.from('c2VjcmV0') },
      { name: 'empty', bytes: Buffer.alloc(0) },
    ];
    const opened = openArchive(key, sealArchive(key, manifest, files));
    expect(opened.manifest).toEqual(manifest);
    expect(opened.files.map((file) => [file.name, file.bytes.toString()])).toEqual(
      files.map((file) => [file.name, file.bytes.toString()]),
    );
  });

  it('hides the content and refuses a wrong key or an altered byte', async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const key = await loadBackupKey(join(dir, 'backup.key'), true);
    const other = await loadBackupKey(join(dir, 'other.key'), true);
    const archive = sealArchive(key, manifest, [
      { name: 'secret.key', bytes: Buffer.from('the-secret-bytes') },
    ]);
    expect(archive.includes(Buffer.from('the-secret-bytes'))).toBe(false);
    expect(archive.includes(Buffer.from('secret.key'))).toBe(false);
    expect(() => openArchive(other, archive)).toThrow(ArchiveError);
    const altered = Buffer.from(archive);
    altered[40] = (altered[40] ?? 0) ^ 1;
    expect(() => openArchive(key, altered)).toThrow(ArchiveError);
    expect(() => openArchive(key, archive.subarray(0, archive.length - 1))).toThrow(ArchiveError);
  });

  it('writes the key and the archive readable by their owner only, never over another', async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-'));
    const keyPath = join(dir, 'backup.key');
    const key = await loadBackupKey(keyPath, true);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect(await loadBackupKey(keyPath, false)).toEqual(key);
    expect(Buffer.from((await readFile(keyPath, 'utf8')).trim(), 'base64url')).toHaveLength(32);
    const path = join(dir, 'a.backup');
    await writeArchive(path, sealArchive(key, manifest, []));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await expect(writeArchive(path, Buffer.from('x'))).rejects.toThrow(/EEXIST/);
    await expect(loadBackupKey(join(dir, 'missing.key'), false)).rejects.toThrow(/ENOENT/);
  });
});
