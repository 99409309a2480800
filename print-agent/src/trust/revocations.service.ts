import {
  apiError,
  fieldError,
  type ApiError,
  type RevocationsRequest,
  type RevocationsResponse,
} from '@comptoir/shared';
import { TokenError, verifyRevocationFeed } from '@comptoir/shared/tokens';
import type { RevocationStore } from './revocation-store.js';
import type { ServerKeys } from './server-keys.js';

/** A kept feed, or a refusal with its HTTP status. */
export type ReceiveFeedOutcome =
  { ok: true; answer: RevocationsResponse } | { ok: false; status: 409 | 422; error: ApiError };

/**
 * `POST /revocations`: keeps a dealer's revocation feed when it verifies against the server
 * keys the agent trusts (pinned and learned, never a revoked one), carries the feed `typ`,
 * and is newer than the feed kept for that dealer. The same sequence again is a harmless
 * replay (200, `isNew: false`); a lower one is refused, so an older feed never undoes a void.
 */
export async function receiveRevocationFeed(
  deps: { keys: ServerKeys; revocations: RevocationStore },
  request: RevocationsRequest,
): Promise<ReceiveFeedOutcome> {
  let feed;
  try {
    ({ feed } = await verifyRevocationFeed(request.feed, (kid) => deps.keys.find(kid)));
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    const field = fieldError('feed', 'revocation_feed_invalid');
    return { ok: false, status: 422, error: apiError('revocation_feed_invalid', [field]) };
  }
  const kept = deps.revocations.feedOf(feed.dealer);
  if (kept !== undefined && feed.sequence < kept.sequence) {
    const field = fieldError('feed', 'revocation_feed_stale');
    return { ok: false, status: 409, error: apiError('revocation_feed_stale', [field]) };
  }
  const { kept: now, isNew } = deps.revocations.keep(feed);
  return {
    ok: true,
    answer: { dealer: now.dealer, sequence: now.sequence, revoked: now.revoked.length, isNew },
  };
}
