import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SUPPORT_LINE, supportLineSchema, type SupportLine } from '@comptoir/shared';
import { readOutboxConfig, type OutboxConfig } from './outbox/outbox-settings.js';

/** Server settings read from the environment (names as in docs/configuration.md). */
export interface ServerConfig {
  /** Where the SQLite file, the signing keys and the secret key live. */
  dataDir: string;
  /** `postgres://...` switches storage to PostgreSQL; undefined means embedded SQLite. */
  databaseUrl: string | undefined;
  /** Seed demo data and demo accounts into a fresh database. */
  isDemo: boolean;
  /** The public origin, used for origin checks, Secure cookies and verification links. */
  origin: string;
  /** Raw `COMPTOIR_FAULTS` value (test-only fault points). */
  faults: string | undefined;
  /** Read the client address from `X-Forwarded-For`. */
  trustProxy: boolean;
  /** Country assumed for loopback and private addresses (`COMPTOIR_HOME_COUNTRY`, default CA). */
  homeCountry?: string;
  /** Sign-in through an OpenID Connect provider, when `OIDC_ISSUER` and `OIDC_CLIENT_ID` are set. */
  oidc?: OidcConfig;
  /** The registry secret, how every process gets the same (see `keys/registry-secret.ts`). */
  secretKey?: { fromEnv?: string | undefined; file?: string | undefined };
  /** PostgreSQL connections per process (`COMPTOIR_DB_POOL_SIZE`, default 10). */
  dbPoolSize?: number;
  /** How often the keyset is re-read from the database (`COMPTOIR_KEYSET_REFRESH_MS`, default 30 s). */
  keysetRefreshMs?: number;
  /** Plates by mail and notices: the supplier, SMTP, the retry cap (unset: embedded defaults). */
  outbox?: OutboxConfig;
  /** The support line in every screen's help (`COMPTOIR_SUPPORT_*`; unset: the default line). */
  support?: SupportLine;
}

function positiveInteger(value: string | undefined): number | undefined {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/** An OpenID Connect relying party's settings (`OIDC_*`). */
export interface OidcConfig {
  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  /** Unset for a public client (PKCE alone). */
  clientSecret?: string;
  /** Scopes asked for (`OIDC_SCOPES`, default `openid profile`). */
  scopes: string;
  /** A display name for the button (`OIDC_NAME`, default the issuer's host). */
  name: string;
}

function readOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId) return undefined;
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  return {
    issuer,
    clientId,
    ...(clientSecret && { clientSecret }),
    scopes: env.OIDC_SCOPES?.trim() || 'openid profile',
    name: env.OIDC_NAME?.trim() || new URL(issuer).host,
  };
}

/** The repository root: the nearest ancestor holding `turbo.json`, else the working directory. */
function findRepoRoot(): string {
  const starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'turbo.json'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return process.cwd();
}

/** Reads the configuration once; callers pass the result down rather than re-reading env. */
export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const host = env.HOST ?? '127.0.0.1';
  const port = env.PORT ?? '3000';
  const databaseUrl = env.DATABASE_URL?.trim();
  return {
    dataDir: resolve(env.COMPTOIR_DATA_DIR ?? join(findRepoRoot(), '.data')),
    databaseUrl: databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? databaseUrl : undefined,
    isDemo: env.COMPTOIR_DEMO === '1',
    origin: env.ORIGIN ?? `http://${host}:${port}`,
    faults: env.COMPTOIR_FAULTS,
    trustProxy: env.COMPTOIR_TRUST_PROXY === '1',
    homeCountry: (env.COMPTOIR_HOME_COUNTRY?.trim() || 'CA').toUpperCase(),
    oidc: readOidcConfig(env),
    // The value stays here and in the loader only: a config is never logged whole.
    secretKey: { fromEnv: env.COMPTOIR_SECRET_KEY, file: env.COMPTOIR_SECRET_KEY_FILE },
    dbPoolSize: positiveInteger(env.COMPTOIR_DB_POOL_SIZE),
    keysetRefreshMs: positiveInteger(env.COMPTOIR_KEYSET_REFRESH_MS),
    outbox: readOutboxConfig(env),
    support: readSupportLine(env),
  };
}

/** The support line from `COMPTOIR_SUPPORT_*`, each part defaulting on its own. */
function readSupportLine(env: NodeJS.ProcessEnv): SupportLine {
  return supportLineSchema.parse({
    phone: env.COMPTOIR_SUPPORT_PHONE?.trim() || DEFAULT_SUPPORT_LINE.phone,
    hours: {
      fr: env.COMPTOIR_SUPPORT_HOURS_FR?.trim() || DEFAULT_SUPPORT_LINE.hours.fr,
      en: env.COMPTOIR_SUPPORT_HOURS_EN?.trim() || DEFAULT_SUPPORT_LINE.hours.en,
    },
  });
}
