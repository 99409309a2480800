import { apiError } from '@comptoir/shared';
import { HttpError } from '../http/responses.js';

/** A 429 that tells the client when to try again (`Retry-After`, whole seconds). */
export class RetryLaterError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, apiError('rate_limited'));
  }
}
