import type { PinnedKey } from '@comptoir/shared';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivateFileAtomically } from '../storage/private-files.js';

const jwkSchema = z.object({ kty: z.string(), kid: z.string().min(1) }).loose();
const jwksSchema = z.object({ keys: z.array(jwkSchema) });
/** A public key of the server, as published in its JWKS. */
export type ServerKey = z.infer<typeof jwkSchema>;

/**
 * The server's public keys: pinned ones from the site file, plus the JWKS fetched from
 * `AGENT_JWKS_URL` and cached in the data dir, so that a restart while the internet is down
 * still verifies documents. An unknown key id triggers one refetch (at most every
 * `refetchIntervalMs`): that is how a key rotation reaches the agent.
 */
export class ServerKeys {
  readonly #cachePath: string;
  readonly #jwksUrl: string;
  readonly #pinned: ServerKey[];
  readonly #fetch: typeof fetch;
  readonly #refetchIntervalMs: number;
  #fetched: ServerKey[] = [];
  #lastFetchAt = 0;

  constructor(options: {
    dataDir: string;
    jwksUrl: string;
    pinnedKeys?: PinnedKey[];
    fetch?: typeof fetch;
    refetchIntervalMs?: number;
  }) {
    this.#cachePath = join(options.dataDir, 'server-jwks.json');
    this.#jwksUrl = options.jwksUrl;
    this.#pinned = (options.pinnedKeys ?? []).map((key) => jwkSchema.parse(key));
    this.#fetch = options.fetch ?? fetch;
    this.#refetchIntervalMs = options.refetchIntervalMs ?? 30_000;
    if (existsSync(this.#cachePath)) {
      const cached = jwksSchema.safeParse(JSON.parse(readFileSync(this.#cachePath, 'utf8')));
      if (cached.success) this.#fetched = cached.data.keys;
    }
  }

  /** The key for a key id, refetching the JWKS once if it is unknown. */
  async find(kid: string): Promise<ServerKey | undefined> {
    const known = this.#lookup(kid);
    if (known) return known;
    if (Date.now() - this.#lastFetchAt < this.#refetchIntervalMs) return undefined;
    await this.refresh();
    return this.#lookup(kid);
  }

  /** Fetches the JWKS and caches it; false (cache kept) when the server cannot be reached. */
  async refresh(): Promise<boolean> {
    this.#lastFetchAt = Date.now();
    try {
      const response = await this.#fetch(this.#jwksUrl, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) return false;
      const parsed = jwksSchema.safeParse(await response.json());
      if (!parsed.success) return false;
      this.#fetched = parsed.data.keys;
      writePrivateFileAtomically(this.#cachePath, JSON.stringify(parsed.data));
      return true;
    } catch {
      return false;
    }
  }

  /** How many keys are trusted now (for the health and admin pages). */
  count(): number {
    return this.#pinned.length + this.#fetched.length;
  }

  #lookup(kid: string): ServerKey | undefined {
    return this.#pinned.find((k) => k.kid === kid) ?? this.#fetched.find((k) => k.kid === kid);
  }
}
