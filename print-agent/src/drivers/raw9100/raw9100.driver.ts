import { connect } from 'node:net';
import {
  DriverError,
  type PrinterDriver,
  type PrinterStatus,
  type SendOptions,
} from '../printer-driver.js';
import { midJobError, offlineError, probeTcp } from './tcp.js';

/**
 * Raw TCP (JetDirect, port 9100): the PDF goes down a socket. The printer says nothing back,
 * so the best it can honestly report is `spooled` once the printer acknowledged every byte
 * (the socket closed cleanly after our end).
 */
export function createRaw9100Driver(host: string, port: number): PrinterDriver {
  return {
    kind: 'raw9100',
    format: 'pdf',
    send: (bytes, options) => sendRaw(host, port, bytes, options).then(() => 'spooled' as const),
    status: (): Promise<PrinterStatus> => probeTcp(host, port),
  };
}

/** Writes the bytes and waits for the printer to close its side (or the timeout). */
export function sendRaw(
  host: string,
  port: number,
  bytes: Uint8Array,
  options: SendOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let isDone = false;
    const fail = (error: DriverError): void => {
      if (isDone) return;
      isDone = true;
      socket.destroy();
      reject(error);
    };
    let isConnected = false;
    socket.setTimeout(options.timeoutMs, () =>
      fail(
        new DriverError(
          'printer_timeout',
          {
            fr: `L’imprimante ${host}:${port} ne répond plus.`,
            en: `Printer ${host}:${port} stopped answering.`,
          },
          // Connected: some or all of the job may be on paper.
          { isUncertain: isConnected, isHold: !isConnected },
        ),
      ),
    );
    socket.on('error', (error) =>
      fail(isConnected ? midJobError(host, port, error) : offlineError(host, port, error)),
    );
    socket.on('connect', () => {
      isConnected = true;
      socket.end(bytes);
    });
    // The printer closing after our FIN means it read everything we sent.
    socket.on('close', (hadError) => {
      if (isDone || hadError) return;
      isDone = true;
      resolve();
    });
    socket.resume();
  });
}
