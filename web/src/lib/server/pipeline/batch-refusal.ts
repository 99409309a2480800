import type { ApiError } from '@comptoir/shared';

/**
 * Why a whole submission is refused before any command runs: nobody sent it, it is not a
 * list of commands with ids, or it carries another person's commands. The transport turns it
 * into its answer (HTTP 401, 400 or 403); the pipeline knows no HTTP.
 */
export class BatchRefusal extends Error {
  constructor(
    readonly reason: 'unauthenticated' | 'invalid_input' | 'forbidden',
    readonly error: ApiError,
  ) {
    super(error.code);
  }
}
