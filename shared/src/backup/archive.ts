/// <reference types="node" />
// Node only (node:crypto): imported by the server's and the agent's backup commands, never by the kiosk.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/*
 * A backup archive is one file: `COMPTOIR-BACKUP-1` magic, a 12-byte IV, the AES-256-GCM
 * ciphertext and its 16-byte tag (node:crypto; the magic is authenticated as associated
 * data). The plaintext is a JSON header (its length first, 4 bytes big-endian) followed by
 * the files' bytes in the header's order. Held in memory: fine for a dealership agent's
 * ledger and a small server; a large PostgreSQL registry is dumped with pg_dump's own tools.
 */

const MAGIC = Buffer.from('COMPTOIR-BACKUP-1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The backup key's length: AES-256. */
export const BACKUP_KEY_BYTES = 32;

/** What a backup says about itself (read back at restore). */
export const backupManifestSchema = z.object({
  format: z.literal(1),
  /** `server` (registry) or `agent` (print agent's ledger). */
  product: z.enum(['server', 'agent']),
  engine: z.enum(['sqlite', 'postgres']),
  /** When the copy started (server clock): anything later may be missing from it. */
  takenAt: z.iso.datetime({ offset: true }),
  /** The epoch the copy belongs to (see docs/sync.md#epochs). */
  epoch: z.number().int().min(1),
});
/** What a backup says about itself. */
export type BackupManifest = z.infer<typeof backupManifestSchema>;

const headerSchema = z.object({
  manifest: backupManifestSchema,
  files: z.array(z.object({ name: z.string().min(1), size: z.number().int().min(0) })),
});

/** One file carried by an archive. */
export interface ArchiveFile {
  name: string;
  bytes: Buffer;
}

/** Thrown when an archive cannot be read: wrong key, tampered or truncated file, bad header. */
export class ArchiveError extends Error {}

/**
 * Encrypts a manifest and its files into one archive buffer.
 *
 * @example
 * const archive = sealArchive(key, manifest, [{ name: 'comptoir.sqlite', bytes }]);
 */
export function sealArchive(key: Buffer, manifest: BackupManifest, files: ArchiveFile[]): Buffer {
  assertKey(key);
  const header = Buffer.from(
    JSON.stringify({
      manifest,
      files: files.map((file) => ({ name: file.name, size: file.bytes.length })),
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(MAGIC);
  const parts = [length, header, ...files.map((file) => file.bytes)].map((part) =>
    cipher.update(part),
  );
  const final = cipher.final();
  return Buffer.concat([MAGIC, iv, ...parts, final, cipher.getAuthTag()]);
}

/** Decrypts and checks an archive; nothing is returned unless the tag verifies. */
export function openArchive(
  key: Buffer,
  archive: Buffer,
): { manifest: BackupManifest; files: ArchiveFile[] } {
  assertKey(key);
  if (
    archive.length < MAGIC.length + IV_BYTES + TAG_BYTES ||
    !archive.subarray(0, MAGIC.length).equals(MAGIC)
  ) {
    throw new ArchiveError('not a Comptoir backup archive');
  }
  const iv = archive.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = archive.subarray(archive.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([
      decipher.update(archive.subarray(MAGIC.length + IV_BYTES, archive.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (error) {
    throw new ArchiveError('the archive does not open with this key (wrong key or altered file)', {
      cause: error,
    });
  }
  const headerLength = plain.readUInt32BE(0);
  const parsed = headerSchema.safeParse(JSON.parse(plain.subarray(4, 4 + headerLength).toString()));
  if (!parsed.success) throw new ArchiveError('the archive header is not understood');
  let offset = 4 + headerLength;
  const files = parsed.data.files.map((file) => {
    const bytes = plain.subarray(offset, offset + file.size);
    offset += file.size;
    return { name: file.name, bytes };
  });
  if (offset !== plain.length)
    throw new ArchiveError('the archive length does not match its header');
  return { manifest: parsed.data.manifest, files };
}

function assertKey(key: Buffer): void {
  if (key.length !== BACKUP_KEY_BYTES) throw new ArchiveError('the backup key must be 32 bytes');
}
