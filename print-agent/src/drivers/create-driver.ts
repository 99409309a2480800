import { join } from 'node:path';
import type { Printer } from '@comptoir/shared';
import { createCupsDriver } from './cups/cups.driver.js';
import { createEscPosDriver } from './escpos/escpos.driver.js';
import { createFileDriver } from './file/file.driver.js';
import { createIppDriver } from './ipp/ipp.driver.js';
import type { PrinterDriver } from './printer-driver.js';
import { createRaw9100Driver } from './raw9100/raw9100.driver.js';
import { createWindowsDriver } from './windows/windows.driver.js';

/** The driver for one configured printer; `dataDir` places the file printer's default folder. */
export function createDriver(printer: Printer, dataDir: string): PrinterDriver {
  switch (printer.driver) {
    case 'file':
      return createFileDriver(printer.directory ?? join(dataDir, 'printed'));
    case 'ipp':
      return createIppDriver(printer.uri);
    case 'raw9100':
      return createRaw9100Driver(printer.host, printer.port);
    case 'escpos':
      return createEscPosDriver(printer.host, printer.port);
    case 'cups':
      return createCupsDriver(printer.queue);
    case 'windows':
      return createWindowsDriver(printer.printerName);
  }
}
