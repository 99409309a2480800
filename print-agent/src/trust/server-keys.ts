import {
  publishedKeySchema,
  registryJwksSchema,
  type PinnedKey,
  type PublishedKey,
  type RegistryJwks,
} from '@comptoir/shared';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomically } from '../storage/private-files.js';

/** A public key of the server, as published in its JWKS. */
export type ServerKey = PublishedKey;

/**
 * The server's public keys: pinned ones from the site file, plus every key the registry's JWKS
 * (`AGENT_JWKS_URL`) ever listed, kept in the data dir so that a restart while the internet is
 * down still verifies documents. Keys are merged, never replaced: behind a load balancer or
 * after a rotation a fetch may list fewer keys than the agent knows, and a paper signed by a
 * retired key must still print. Only a revocation (the JWKS's `revoked` list) removes a key,
 * pinned ones included. An unknown key id triggers one refetch (at most every
 * `refetchIntervalMs`): that is how a new key reaches the agent.
 */
export class ServerKeys {
  readonly #cachePath: string;
  readonly #jwksUrl: string;
  readonly #pinned: ServerKey[];
  readonly #fetch: typeof fetch;
  readonly #refetchIntervalMs: number;
  #learned = new Map<string, ServerKey>();
  #revoked = new Map<string, string>();
  #lastFetchAt = 0;
  #inFlight: Promise<boolean> | undefined;

  constructor(options: {
    dataDir: string;
    jwksUrl: string;
    pinnedKeys?: PinnedKey[];
    fetch?: typeof fetch;
    refetchIntervalMs?: number;
  }) {
    this.#cachePath = join(options.dataDir, 'server-jwks.json');
    this.#jwksUrl = options.jwksUrl;
    this.#pinned = (options.pinnedKeys ?? []).map((key) => publishedKeySchema.parse(key));
    this.#fetch = options.fetch ?? fetch;
    this.#refetchIntervalMs = options.refetchIntervalMs ?? 30_000;
    if (existsSync(this.#cachePath)) {
      // A cache from an earlier version has no `revoked` list: the schema defaults it.
      const cached = registryJwksSchema.safeParse(
        JSON.parse(readFileSync(this.#cachePath, 'utf8')),
      );
      if (cached.success) this.#merge(cached.data);
    }
  }

  /** The key for a key id, refetching the JWKS once if it is unknown; never a revoked key. */
  async find(kid: string): Promise<ServerKey | undefined> {
    if (this.#revoked.has(kid)) return undefined;
    const known = this.#lookup(kid);
    if (known) return known;
    // A fetch under way (the one at start, say) may bring it: wait for it rather than refuse.
    if (this.#inFlight) {
      await this.#inFlight;
      return this.#lookup(kid);
    }
    if (Date.now() - this.#lastFetchAt < this.#refetchIntervalMs) return undefined;
    await this.refresh();
    return this.#lookup(kid);
  }

  /** True when the registry revoked the key: what it signed must not print. */
  isRevoked(kid: string): boolean {
    return this.#revoked.has(kid);
  }

  /** Fetches the JWKS, merges it and caches the union; false (cache kept) when unreachable. */
  refresh(): Promise<boolean> {
    this.#inFlight ??= this.#fetchAndMerge().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #fetchAndMerge(): Promise<boolean> {
    this.#lastFetchAt = Date.now();
    try {
      const response = await this.#fetch(this.#jwksUrl, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) return false;
      const parsed = registryJwksSchema.safeParse(await response.json());
      if (!parsed.success) return false;
      this.#merge(parsed.data);
      const union: RegistryJwks = {
        keys: [...this.#learned.values()],
        revoked: [...this.#revoked].map(([kid, revokedAt]) => ({ kid, revokedAt })),
      };
      writePrivateFileAtomically(this.#cachePath, JSON.stringify(union));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Re-reads the JWKS every `intervalMs` (a revocation of a key the agent already knows only
   * arrives this way); the timer never holds the process open. Returns the stop function.
   */
  refreshEvery(intervalMs: number): () => void {
    const timer = setInterval(() => void this.refresh(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** How many keys are trusted now (for the health and admin pages). */
  count(): number {
    const kids = new Set([...this.#pinned.map((key) => key.kid), ...this.#learned.keys()]);
    for (const kid of this.#revoked.keys()) kids.delete(kid);
    return kids.size;
  }

  #merge(jwks: RegistryJwks): void {
    for (const key of jwks.keys) this.#learned.set(key.kid, key);
    for (const { kid, revokedAt } of jwks.revoked) {
      this.#revoked.set(kid, revokedAt);
      this.#learned.delete(kid);
    }
  }

  #lookup(kid: string): ServerKey | undefined {
    if (this.#revoked.has(kid)) return undefined;
    return this.#pinned.find((k) => k.kid === kid) ?? this.#learned.get(kid);
  }
}
