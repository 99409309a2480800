import { connect } from 'node:net';
import type { PrinterStatus } from '@comptoir/shared';
import { DriverError, statusOf } from '../printer-driver.js';

/** A connection failure as a hold: the printer is off or unreachable. */
export function offlineError(host: string, port: number, error: unknown): DriverError {
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreachable';
  return new DriverError(
    'printer_offline',
    {
      fr: `Imprimante ${host}:${port} injoignable (${code}) : est-elle allumée ?`,
      en: `Printer ${host}:${port} unreachable (${code}): is it on?`,
    },
    { isHold: true, cause: error },
  );
}

/** A connection lost mid-job: part of the job may be on paper. */
export function midJobError(host: string, port: number, error: unknown): DriverError {
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'lost';
  return new DriverError(
    'printer_connection_lost',
    {
      fr: `Connexion à ${host}:${port} perdue pendant l’envoi (${code}).`,
      en: `Connection to ${host}:${port} lost while sending (${code}).`,
    },
    { isUncertain: true, cause: error },
  );
}

/**
 * Whether a TCP printer accepts connections. A connect without data is the least a raw
 * printer allows; it cannot tell paper state.
 */
export function probeTcp(host: string, port: number, timeoutMs = 1500): Promise<PrinterStatus> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(
        statusOf(
          'offline',
          'printer_timeout',
          `Pas de réponse de ${host}:${port}.`,
          `No answer from ${host}:${port}.`,
        ),
      );
    });
    socket.on('connect', () => {
      socket.end();
      resolve(statusOf('ready'));
    });
    socket.on('error', (error) => {
      const { bilingual } = offlineError(host, port, error);
      resolve(statusOf('offline', 'printer_offline', bilingual.fr, bilingual.en));
    });
  });
}
