import ipp from 'ipp';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import {
  DriverError,
  describeFailure,
  statusOf,
  type PrinterDriver,
  type PrinterStatus,
} from '../printer-driver.js';

const keywords = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const printJobResponse = z.object({
  statusCode: z.string(),
  'job-attributes-tag': z.object({ 'job-id': z.number().int() }).loose().optional(),
});
const jobStateResponse = z.object({
  statusCode: z.string(),
  'job-attributes-tag': z
    .object({ 'job-state': z.string(), 'job-state-reasons': keywords.optional() })
    .loose()
    .optional(),
});
const printerStateResponse = z.object({
  statusCode: z.string(),
  'printer-attributes-tag': z
    .object({
      'printer-state': z.string(),
      'printer-state-reasons': keywords.optional(),
      'printer-is-accepting-jobs': z.boolean().optional(),
    })
    .loose()
    .optional(),
});

function execute(
  url: string,
  operation: string,
  message: Record<string, unknown>,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    ipp
      .Printer(url)
      .execute(operation, message, (error, response) =>
        error ? reject(error) : resolve(response),
      );
  });
}

/** How often the driver asks whether the job finished. */
const POLL_INTERVAL_MS = 250;

/**
 * Driverless IPP (IPP Everywhere): Print-Job with `application/pdf`, then Get-Job-Attributes
 * until the printer says `completed`, so `printed` means printed. If the printer keeps the job
 * pending past the timeout, the honest answer is `spooled`.
 */
export function createIppDriver(url: string): PrinterDriver {
  return {
    kind: 'ipp',
    format: 'pdf',
    async send(bytes, options) {
      const deadline = Date.now() + options.timeoutMs;
      const submitted = printJobResponse.parse(
        await execute(url, 'Print-Job', {
          'operation-attributes-tag': {
            // The account the agent runs as: spoolers file and account jobs by it.
            'requesting-user-name': userInfo().username,
            'job-name': options.title,
            'document-format': 'application/pdf',
          },
          data: Buffer.from(bytes),
        }).catch((error: unknown) => {
          throw unreachable(url, error);
        }),
      );
      const jobId = submitted['job-attributes-tag']?.['job-id'];
      if (!submitted.statusCode.startsWith('successful') || jobId === undefined) {
        throw new DriverError(
          'ipp_refused',
          {
            fr: `L’imprimante a refusé le travail (${submitted.statusCode}).`,
            en: `The printer refused the job (${submitted.statusCode}).`,
          },
          { isHold: /not-accepting|busy/.test(submitted.statusCode) },
        );
      }
      while (Date.now() < deadline) {
        let answer: z.infer<typeof jobStateResponse>;
        try {
          answer = jobStateResponse.parse(
            await execute(url, 'Get-Job-Attributes', {
              'operation-attributes-tag': {
                'job-id': jobId,
                'requested-attributes': ['job-state', 'job-state-reasons'],
              },
            }),
          );
        } catch {
          // The printer accepted the job; only its progress is unknown: never send it again.
          return 'spooled';
        }
        const state = answer['job-attributes-tag']?.['job-state'];
        if (state === 'completed') return 'printed';
        if (state === 'canceled' || state === 'aborted') {
          const reasons = answer['job-attributes-tag']?.['job-state-reasons']?.join(', ') ?? '';
          throw new DriverError('ipp_job_' + state, {
            fr: `Travail ${state === 'canceled' ? 'annulé' : 'abandonné'} par l’imprimante (${reasons}).`,
            en: `Job ${state} by the printer (${reasons}).`,
          });
        }
        await sleep(POLL_INTERVAL_MS);
      }
      return 'spooled';
    },
    async status(): Promise<PrinterStatus> {
      let answer: z.infer<typeof printerStateResponse>;
      try {
        answer = printerStateResponse.parse(
          await execute(url, 'Get-Printer-Attributes', {
            'operation-attributes-tag': {
              'requested-attributes': [
                'printer-state',
                'printer-state-reasons',
                'printer-is-accepting-jobs',
              ],
            },
          }),
        );
      } catch (error) {
        const { bilingual } = unreachable(url, error);
        return statusOf('offline', 'printer_offline', bilingual.fr, bilingual.en);
      }
      const attributes = answer['printer-attributes-tag'];
      const reasons = attributes?.['printer-state-reasons'] ?? [];
      if (reasons.some((r) => r.startsWith('media-empty') || r.startsWith('media-needed'))) {
        return statusOf('out_of_paper', 'out_of_paper', 'Plus de papier.', 'Out of paper.');
      }
      if (
        attributes?.['printer-state'] === 'stopped' ||
        attributes?.['printer-is-accepting-jobs'] === false
      ) {
        const why = reasons.join(', ') || 'stopped';
        return statusOf(
          'offline',
          'printer_stopped',
          `Imprimante arrêtée (${why}).`,
          `Printer stopped (${why}).`,
        );
      }
      return statusOf(attributes?.['printer-state'] === 'processing' ? 'busy' : 'ready');
    },
  };
}

function unreachable(url: string, error: unknown): DriverError {
  const why = describeFailure(error);
  return new DriverError(
    'printer_offline',
    {
      fr: `Imprimante IPP injoignable (${url}) : ${why}`,
      en: `IPP printer unreachable (${url}): ${why}`,
    },
    { isHold: true, cause: error },
  );
}
