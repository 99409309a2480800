import { connect } from 'node:net';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { PrinterStatus } from '@comptoir/shared';
import { statusOf, type PrinterDriver } from '../printer-driver.js';
import { midJobError, offlineError } from '../raw9100/tcp.js';

/** ESC/POS "transmit real-time status": DLE EOT 4 asks for the paper roll sensor. */
const PAPER_STATUS_REQUEST = Uint8Array.of(0x10, 0x04, 0x04);
/** Bits 5 and 6 of the paper status byte: roll end detected. */
const PAPER_END_BITS = 0x60;

/**
 * ESC/POS thermal receipt printers over TCP, through node-thermal-printer. Its `execute`
 * resolving means the bytes left the socket, not that paper came out: `spooled`. Status asks
 * the printer for its paper sensor (DLE EOT 4) where it answers; we do not use
 * `isPrinterConnected()`, which opens a connection some printers treat as an empty job.
 */
export function createEscPosDriver(host: string, port: number): PrinterDriver {
  return {
    kind: 'escpos',
    format: 'escpos',
    async send(bytes, options) {
      const printer = new ThermalPrinter({
        type: PrinterTypes.EPSON,
        interface: `tcp://${host}:${port}`,
        options: { timeout: options.timeoutMs },
      });
      try {
        await printer.raw(Buffer.from(bytes));
      } catch (error) {
        // node-thermal-printer connects then writes: a refused or unreachable connection
        // printed nothing; a timeout or reset may have printed part of the receipt.
        const code = error instanceof Error && 'code' in error ? String(error.code) : '';
        if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND'].includes(code)) {
          throw offlineError(host, port, error);
        }
        throw midJobError(host, port, error);
      }
      return 'spooled';
    },
    status: () => paperStatus(host, port),
  };
}

function paperStatus(host: string, port: number, timeoutMs = 1500): Promise<PrinterStatus> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (status: PrinterStatus): void => {
      socket.destroy();
      resolve(status);
    };
    socket.setTimeout(timeoutMs, () =>
      // Connected but silent: many printers do not answer real-time status over TCP.
      finish(
        socket.readyState === 'open' ? statusOf('ready') : offlineStatus(host, port, 'timeout'),
      ),
    );
    socket.on('connect', () => socket.write(PAPER_STATUS_REQUEST));
    socket.on('data', (data) => {
      const statusByte = data[0] ?? 0;
      finish(
        (statusByte & PAPER_END_BITS) !== 0
          ? statusOf('out_of_paper', 'out_of_paper', 'Plus de papier.', 'Out of paper.')
          : statusOf('ready'),
      );
    });
    socket.on('error', (error) => finish(offlineStatus(host, port, error)));
  });
}

function offlineStatus(host: string, port: number, error: unknown): PrinterStatus {
  const { bilingual } = offlineError(host, port, error);
  return statusOf('offline', 'printer_offline', bilingual.fr, bilingual.en);
}
