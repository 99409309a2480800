import { spawn } from 'node:child_process';
import {
  DriverError,
  describeFailure,
  statusOf,
  type PrinterDriver,
  type PrinterStatus,
} from '../printer-driver.js';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CUPS command with an argument list (never a shell string: titles and queue names are
 * data), feeding `input` on stdin.
 */
function run(
  command: string,
  args: string[],
  input: Uint8Array | null,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
  });
}

/**
 * CUPS through `lp` (Linux, macOS). `lp` returning means CUPS spooled the job: `spooled`.
 * `address` is the queue name.
 */
export function createCupsDriver(queue: string): PrinterDriver {
  return {
    kind: 'cups',
    format: 'pdf',
    async send(bytes, options) {
      let result: RunResult;
      try {
        // `-` reads the document from stdin: no temporary file to clean up.
        result = await run(
          'lp',
          ['-d', queue, '-n', '1', '-t', options.title, '-'],
          bytes,
          options.timeoutMs,
        );
      } catch (error) {
        throw new DriverError('cups_unavailable', {
          fr: `Commande lp indisponible : ${describeFailure(error)}`,
          en: `lp command unavailable: ${describeFailure(error)}`,
        });
      }
      if (result.code !== 0) {
        throw new DriverError(
          'cups_refused',
          {
            fr: `CUPS a refusé le travail : ${result.stderr.trim()}`,
            en: `CUPS refused the job: ${result.stderr.trim()}`,
          },
          { isHold: /not accepting|disabled|does not exist/i.test(result.stderr) },
        );
      }
      return 'spooled';
    },
    async status(): Promise<PrinterStatus> {
      let result: RunResult;
      try {
        result = await run('lpstat', ['-p', queue], null, 5000);
      } catch (error) {
        const why = describeFailure(error);
        return statusOf(
          'unavailable',
          'cups_unavailable',
          `CUPS indisponible : ${why}`,
          `CUPS unavailable: ${why}`,
        );
      }
      const text = result.stdout + result.stderr;
      if (result.code !== 0 || /invalid destination|does not exist/i.test(text)) {
        return statusOf(
          'offline',
          'cups_queue_unknown',
          `File CUPS inconnue : ${queue}`,
          `Unknown CUPS queue: ${queue}`,
        );
      }
      if (/disabled/i.test(text)) {
        return statusOf(
          'offline',
          'cups_queue_disabled',
          `File CUPS désactivée : ${queue}`,
          `CUPS queue disabled: ${queue}`,
        );
      }
      return statusOf(/printing/i.test(text) ? 'busy' : 'ready');
    },
  };
}
