import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
} from 'node:fs';

/** The agent's folders: only the account running it may list or enter them. */
export const PRIVATE_DIR_MODE = 0o700;
/** The agent's files (ledger, kiosk tokens, keys, secret, printed PDFs): owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the folder 0700 when missing and sets it 0700 when it exists: the data dir holds the
 * kiosk tokens' hashes and every document printed, readable by no other account of the box.
 * The mode is set outright because the umask narrows (or a copy widens) what `mkdir` asked.
 *
 * @example ensurePrivateDir('/var/lib/comptoir/agent')
 */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/**
 * Creates the file 0600 when missing (empty), else sets it 0600: for files another library then
 * opens (SQLite), which would create them with the umask's mode.
 */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Writes the file 0600 under a temporary name then renames it: a reader never sees half of it. */
export function writePrivateFileAtomically(path: string, data: string | Uint8Array): void {
  const part = `${path}.part`;
  writeFileSync(part, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(part, PRIVATE_FILE_MODE);
  renameSync(part, path);
}
