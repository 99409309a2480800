import type {
  BilingualText,
  PrinterDriver as DriverKind,
  PrintReason,
  PrinterState,
  PrinterStatus,
} from '@comptoir/shared';

// A driver reports the shared `PrinterStatus` (what `GET /printers` answers and the kiosk parses).
export type { PrinterState, PrinterStatus };

/** Options for one send. */
export interface SendOptions {
  /** A unique, human-readable title (the document number and job id). */
  title: string;
  /** Grows with the job's size: a 2 MB PDF takes longer than a receipt. */
  timeoutMs: number;
}

/**
 * One printer driver. `send` resolves with what the driver can honestly know: `printed` when
 * the device reported completion (IPP job completed, file written), `spooled` when the bytes
 * only left for a spooler or a socket. It rejects with a `DriverError` when nothing printed.
 */
export interface PrinterDriver {
  readonly kind: DriverKind;
  /** The bytes it takes: a PDF, or ESC/POS for thermal receipt printers. */
  readonly format: 'pdf' | 'escpos';
  send(bytes: Uint8Array, options: SendOptions): Promise<'spooled' | 'printed'>;
  status(): Promise<PrinterStatus>;
}

/**
 * A send that failed. `isHold`: the printer cannot take jobs now (off, unreachable, out of
 * paper) and nothing reached it: the queue holds. `isUncertain`: bytes may have reached the
 * printer (it stopped answering mid-job): printing again could make a second ORIGINAL, so a
 * person decides (`to_check`). Otherwise nothing printed and the queue retries.
 */
export class DriverError extends Error {
  readonly code: string;
  readonly isHold: boolean;
  readonly isUncertain: boolean;
  readonly bilingual: BilingualText;

  constructor(
    code: string,
    bilingual: BilingualText,
    options: { isHold?: boolean; isUncertain?: boolean; cause?: unknown } = {},
  ) {
    super(`${code}: ${bilingual.en}`, { cause: options.cause });
    this.name = 'DriverError';
    this.code = code;
    this.isHold = options.isHold ?? false;
    this.isUncertain = options.isUncertain ?? false;
    this.bilingual = bilingual;
  }
}

/** Builds a status with a reason. */
export function statusOf(
  state: PrinterState,
  code?: string,
  fr?: string,
  en?: string,
): PrinterStatus {
  return { state, reason: code && fr && en ? { code, fr, en } : null };
}

/** Why a send failed, for a job or a test page: the driver's own reason, else the error's text. */
export function sendFailureReason(error: unknown): PrintReason {
  if (error instanceof DriverError) return { code: error.code, ...error.bilingual };
  const why = describeFailure(error);
  return { code: 'send_failed', fr: `Erreur : ${why}`, en: `Error: ${why}` };
}

/** The reason text of any thrown value (some libraries reject with plain strings). */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
