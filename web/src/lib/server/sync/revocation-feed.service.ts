import {
  documentKindSchema,
  REVOCATION_FEED_MAX_ENTRIES,
  type RevocationFeed,
} from '@comptoir/shared';
import { signRevocationFeedWith } from '@comptoir/shared/tokens';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import {
  dealerOfLicence,
  revocationSequenceOf,
  voidedDocumentsOfDealer,
} from '../registry/revocations.repo.js';
import { revokedLeasesOfDealer } from '../registry/offline-leases.repo.js';

/**
 * A voided paper stays listed until a day after its expiry: the print agent already refuses an
 * expired paper (`token_expired`, 2 minutes of tolerance), the day covers clocks far worse.
 */
const LISTED_AFTER_EXPIRY_MS = 86_400_000;

/**
 * A signed feed is reused while its dealer's counter has not moved and the signing key is the
 * same, for at most this long: papers that expired meanwhile then drop out of the list.
 */
const FEED_REUSE_MS = 10 * 60_000;

interface SignedFeed {
  sequence: number;
  kid: string;
  signedAt: number;
  jws: string;
}

/** The last feed signed per dealer, per process (one entry per dealer, so it stays small). */
const signedFeeds = new WeakMap<ServerContext, Map<string, SignedFeed>>();

/**
 * The latest revocation feed of a licence's dealer, signed by the server's current key
 * (docs/printing.md#revocation-feed), or undefined when the dealer never voided anything.
 *
 * @example
 * const revocations = await latestRevocationFeed(server, server.storage.db, 'L-100001');
 */
export async function latestRevocationFeed(
  server: ServerContext,
  tx: Tx,
  licence: string,
): Promise<string | undefined> {
  const dealer = await dealerOfLicence(tx, licence);
  if (dealer === undefined) return undefined;
  const sequence = await revocationSequenceOf(tx, dealer);
  if (sequence === undefined) return undefined;
  const now = server.clock();
  const { kid, rawSigningKey } = server.signer.current();
  let feeds = signedFeeds.get(server);
  if (!feeds) signedFeeds.set(server, (feeds = new Map()));
  const kept = feeds.get(dealer);
  if (
    kept?.sequence === sequence &&
    kept.kid === kid &&
    now.getTime() - kept.signedAt < FEED_REUSE_MS
  ) {
    return kept.jws;
  }
  const feed = await revocationFeedOf(tx, dealer, sequence, now);
  const jws = await signRevocationFeedWith(feed, rawSigningKey);
  feeds.set(dealer, { sequence, kid, signedAt: now.getTime(), jws });
  return jws;
}

/**
 * The feed's content: the dealer's voided documents still within their validity (plus a day),
 * and its offline leases revoked before their end (until a day after it).
 */
async function revocationFeedOf(
  tx: Tx,
  dealer: string,
  sequence: number,
  now: Date,
): Promise<RevocationFeed> {
  const expiringAfter = new Date(now.getTime() - LISTED_AFTER_EXPIRY_MS).toISOString();
  const rows = await voidedDocumentsOfDealer(
    tx,
    dealer,
    expiringAfter,
    REVOCATION_FEED_MAX_ENTRIES,
  );
  const revokedLeases = await revokedLeasesOfDealer(
    tx,
    dealer,
    expiringAfter,
    REVOCATION_FEED_MAX_ENTRIES,
  );
  return {
    dealer,
    sequence,
    issuedAt: now.toISOString(),
    ...(revokedLeases.length > 0 && { revokedLeases }),
    revoked: rows.map((row) => ({
      number: row.number,
      kind: documentKindSchema.parse(row.kind),
      ...(row.expiresAt !== null && { expiresAt: new Date(row.expiresAt).toISOString() }),
    })),
  };
}
