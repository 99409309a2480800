import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// CommonJS at run time: its named exports exist only on the default object.
import pdfToPrinter from 'pdf-to-printer';
import { DriverError, describeFailure, statusOf, type PrinterDriver } from '../printer-driver.js';

const notHere = statusOf(
  'unavailable',
  'windows_only',
  'Pilote Windows : non disponible sur ce système.',
  'Windows driver: not available here.',
);

/**
 * The Windows spooler through pdf-to-printer (SumatraPDF). It only works on Windows: elsewhere
 * the library rejects with a plain string, so we answer "not available here" up front.
 */
export function createWindowsDriver(
  printerName: string,
  platform = process.platform,
): PrinterDriver {
  const isWindows = platform === 'win32';
  return {
    kind: 'windows',
    format: 'pdf',
    // The spooler takes no timeout: SumatraPDF returns once the job is handed over.
    async send(bytes) {
      if (!isWindows) throw new DriverError('windows_only', notHere.reason ?? { fr: '', en: '' });
      const folder = await mkdtemp(join(tmpdir(), 'comptoir-print-'));
      const file = join(folder, 'job.pdf');
      try {
        await writeFile(file, bytes);
        await pdfToPrinter.print(file, { printer: printerName, silent: true });
      } catch (error) {
        throw new DriverError('windows_spooler', {
          fr: `Le spouleur Windows a refusé : ${describeFailure(error)}`,
          en: `The Windows spooler refused: ${describeFailure(error)}`,
        });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
      return 'spooled';
    },
    async status() {
      if (!isWindows) return notHere;
      try {
        const printers = await pdfToPrinter.getPrinters();
        return printers.some((p) => p.name === printerName)
          ? statusOf('ready')
          : statusOf(
              'offline',
              'printer_unknown',
              `Imprimante Windows inconnue : ${printerName}`,
              `Unknown Windows printer: ${printerName}`,
            );
      } catch (error) {
        const why = describeFailure(error);
        return statusOf(
          'unavailable',
          'windows_spooler',
          `Spouleur indisponible : ${why}`,
          `Spooler unavailable: ${why}`,
        );
      }
    },
  };
}
