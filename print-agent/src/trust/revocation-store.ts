import { revocationFeedSchema, type RevocationFeed, type RevokedDocument } from '@comptoir/shared';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivateFileAtomically } from '../storage/private-files.js';

/** The file in the agent's data dir that keeps the feeds across restarts (0600). */
export const REVOCATIONS_FILE = 'revocations.json';

const revocationsFileSchema = z.object({
  format: z.literal(1),
  /** Each dealer's latest feed, as it verified when received. */
  feeds: z.array(revocationFeedSchema),
});

/**
 * The revocation feeds the agent holds: the latest verified feed per dealer, kept in
 * `AGENT_DATA_DIR/revocations.json` (written atomically, 0600) so that a restart with the
 * server unreachable still refuses every paper it knew was voided. Only verified feeds reach
 * it (see `revocations.service.ts`); it decides only which feed is the newest.
 */
export class RevocationStore {
  readonly #path: string;
  readonly #feeds = new Map<string, RevocationFeed>();
  /** Every voided number of every kept feed (numbers are unique across the registry). */
  #voided = new Map<string, RevokedDocument>();
  /** Every revoked offline lease of every kept feed. */
  #revokedLeases = new Set<string>();

  constructor(dataDir: string) {
    this.#path = join(dataDir, REVOCATIONS_FILE);
    if (existsSync(this.#path)) {
      // A file that does not parse stops the start: printing voided papers is the risk here.
      const kept = revocationsFileSchema.parse(JSON.parse(readFileSync(this.#path, 'utf8')));
      for (const feed of kept.feeds) this.#feeds.set(feed.dealer, feed);
      this.#index();
    }
  }

  /** The feed kept for a dealer, if any. */
  feedOf(dealer: string): RevocationFeed | undefined {
    return this.#feeds.get(dealer);
  }

  /**
   * Keeps a verified feed when it is newer than the dealer's kept one (written to disk before
   * it counts); answers what is kept now and whether it changed.
   */
  keep(feed: RevocationFeed): { kept: RevocationFeed; isNew: boolean } {
    const current = this.#feeds.get(feed.dealer);
    if (current !== undefined && current.sequence >= feed.sequence) {
      return { kept: current, isNew: false };
    }
    const next = new Map(this.#feeds).set(feed.dealer, feed);
    writePrivateFileAtomically(
      this.#path,
      JSON.stringify({ format: 1, feeds: [...next.values()] } satisfies z.infer<
        typeof revocationsFileSchema
      >),
    );
    this.#feeds.set(feed.dealer, feed);
    this.#index();
    return { kept: feed, isNew: true };
  }

  /** The revocation of a document number, when a kept feed lists it. */
  voided(documentNumber: string): RevokedDocument | undefined {
    return this.#voided.get(documentNumber);
  }

  /** True when a kept feed lists this offline lease as revoked: its papers never print. */
  leaseRevoked(leaseId: string): boolean {
    return this.#revokedLeases.has(leaseId);
  }

  /** How many dealers' feeds, and voided numbers, are kept (health page). */
  counts(): { dealers: number; voided: number } {
    return { dealers: this.#feeds.size, voided: this.#voided.size };
  }

  #index(): void {
    const voided = new Map<string, RevokedDocument>();
    for (const feed of this.#feeds.values()) {
      for (const entry of feed.revoked) voided.set(entry.number, entry);
    }
    this.#voided = voided;
    this.#revokedLeases = new Set(
      [...this.#feeds.values()].flatMap((feed) =>
        (feed.revokedLeases ?? []).map((entry) => entry.leaseId),
      ),
    );
  }
}
