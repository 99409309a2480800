import { access, mkdir, rename, writeFile, constants } from 'node:fs/promises';
import { join } from 'node:path';
import {
  statusOf,
  type PrinterDriver,
  type PrinterStatus,
  type SendOptions,
} from '../printer-driver.js';

/**
 * The demo printer: writes each job as a PDF into a folder (by default
 * `AGENT_DATA_DIR/printed/`). Written to a temporary name then renamed, so a reader never sees
 * half a file; the file existing is the whole print, hence `printed`.
 */
export function createFileDriver(directory: string): PrinterDriver {
  return {
    kind: 'file',
    format: 'pdf',
    async send(bytes: Uint8Array, options: SendOptions) {
      await mkdir(directory, { recursive: true });
      const name = options.title.replace(/[^A-Za-z0-9._-]+/g, '_');
      const path = join(directory, `${name}.pdf`);
      await writeFile(`${path}.part`, bytes);
      await rename(`${path}.part`, path);
      return 'printed';
    },
    async status(): Promise<PrinterStatus> {
      try {
        await mkdir(directory, { recursive: true });
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
