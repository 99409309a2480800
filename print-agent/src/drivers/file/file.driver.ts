import { randomUUID } from 'node:crypto';
import {
  access,
  chmod,
  constants,
  copyFile,
  link,
  mkdir,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../storage/private-files.js';
import {
  statusOf,
  type PrinterDriver,
  type PrinterStatus,
  type SendOptions,
} from '../printer-driver.js';

/** Far more outputs under one title than any reprint makes; past it, something loops. */
const MAX_OUTPUTS_PER_TITLE = 1000;

function isCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && 'code' in error && codes.includes(String(error.code));
}

/**
 * Puts the finished file at `path` only if nothing is there: a hard link cannot replace a file,
 * so two sends racing for one name cannot both win. A folder that refuses hard links (some
 * network shares) gets an exclusive copy instead.
 */
async function placeWithoutReplacing(part: string, path: string): Promise<boolean> {
  try {
    await link(part, path);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV')) throw error;
  }
  try {
    await copyFile(part, path, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}

/**
 * The demo printer: writes each job as a PDF into a folder (by default
 * `AGENT_DATA_DIR/printed/`). Written to a temporary name, then given its final name, so a
 * reader never sees half a file; the file existing is the whole print, hence `printed`.
 *
 * A printer never loses an earlier output: a reprint of a job "to check" comes back under the
 * same title, and gets `<title>~2.pdf` (then `~3`...) rather than replacing the first sheet,
 * which may be the ORIGINAL. Folder 0700 when the driver creates it, files 0600: they are signed
 * documents with customers' names and addresses.
 */
export function createFileDriver(directory: string): PrinterDriver {
  return {
    kind: 'file',
    format: 'pdf',
    async send(bytes: Uint8Array, options: SendOptions) {
      await mkdir(directory, { recursive: true, mode: PRIVATE_DIR_MODE });
      const name = options.title.replace(/[^A-Za-z0-9._-]+/g, '_');
      const part = join(directory, `.${name}.${randomUUID()}.part`);
      await writeFile(part, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      await chmod(part, PRIVATE_FILE_MODE);
      try {
        for (let n = 1; n <= MAX_OUTPUTS_PER_TITLE; n++) {
          const path = join(directory, n === 1 ? `${name}.pdf` : `${name}~${n}.pdf`);
          if (await placeWithoutReplacing(part, path)) return 'printed';
        }
        throw new Error(`more than ${MAX_OUTPUTS_PER_TITLE} outputs named ${name}`);
      } finally {
        await unlink(part);
      }
    },
    async status(): Promise<PrinterStatus> {
      try {
        await mkdir(directory, { recursive: true, mode: PRIVATE_DIR_MODE });
        await access(directory, constants.W_OK);
        return statusOf('ready');
      } catch {
        return statusOf(
          'error',
          'folder_not_writable',
          `Dossier non accessible en écriture : ${directory}`,
          `Folder not writable: ${directory}`,
        );
      }
    },
  };
}
