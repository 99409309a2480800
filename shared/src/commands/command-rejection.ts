import { apiError, type ApiError, type ErrorCode } from '../errors.js';

/**
 * A rule refused the command. Handlers throw it (never an HTTP error); the pipeline stores it
 * as the command's `rejected` result and audits it. Anything else a handler throws is
 * transient: answered `retry`, never stored.
 */
export class CommandRejection extends Error {
  constructor(readonly error: ApiError) {
    super(error.code);
  }
}

/**
 * Refuses the command with a catalogue code, naming each field path with the same code.
 *
 * @example reject('transit_forbidden_category', ['payload.vehicle']);
 */
export function reject(code: ErrorCode, paths: string[] = []): never {
  throw new CommandRejection(
    apiError(
      code,
      paths.map((path) => ({ path, code, message: apiError(code).message })),
    ),
  );
}
