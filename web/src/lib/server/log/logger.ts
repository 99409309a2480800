import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';

/**
 * An error as the log may hold it: its kind, code, message and stack, never its other fields.
 * A database error's `detail` quotes the row it refused (a licence, a name): it stays out.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  };
}

/**
 * The server's logger: one JSON object a line on stdout (pino), for journald or any collector.
 * What may go in: methods, route patterns (never a raw path: paths and queries carry VINs,
 * licences and document numbers), statuses, durations, ids the system made. Never a body, a
 * header, a cookie, a name, a licence, a password or a code (docs/operating.md, "Logs").
 */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      base: { service: 'web' },
      timestamp: stdTimeFunctions.isoTime,
      serializers: { err: loggableError },
      // Defence in depth: were a header object ever logged, these would not be written.
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'headers.cookie',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** The process's logger. */
export const logger: Logger = createLogger();
