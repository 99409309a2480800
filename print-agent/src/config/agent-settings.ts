import {
  AGENT_DEFAULT_HOST,
  AGENT_DEFAULT_PORT,
  agentAllowedOrigins,
  agentJwksUrl,
  agentSiteSchema,
  printerRoles,
  type AgentSite,
  type PinnedKey,
  pinnedKeySchema,
  type Printer,
} from '@comptoir/shared';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { z } from 'zod';
import { ensurePrivateDir } from '../storage/private-files.js';

/** Everything the agent needs to run, resolved from flags, env and the optional site file. */
export interface AgentSettings {
  host: string;
  port: number;
  dataDir: string;
  adminSecret: string;
  /** True when the admin secret was generated now (shown once on a terminal, else only its file). */
  isAdminSecretNew: boolean;
  /** The 0600 file the new admin secret was written to (set with `isAdminSecretNew`). */
  adminSecretFile: string | undefined;
  allowedOrigins: string[];
  /**
   * Names and addresses kiosks reach the agent by, besides the loopback ones and the machine's
   * own: the site file's `publicHost` and `altNames`, and `AGENT_ALLOWED_HOSTS`. Any other
   * `Host` is refused (DNS rebinding).
   */
  allowedHosts: string[];
  jwksUrl: string;
  pinnedKeys: PinnedKey[];
  printers: Printer[];
  tls: { certFile: string; keyFile: string } | undefined;
}

const envSchema = z.object({
  AGENT_HOST: z.string().min(1).optional(),
  AGENT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  AGENT_DATA_DIR: z.string().min(1).optional(),
  COMPTOIR_DATA_DIR: z.string().min(1).optional(),
  AGENT_ADMIN_SECRET: z.string().min(12).optional(),
  AGENT_ALLOWED_ORIGINS: z.string().min(1).optional(),
  AGENT_ALLOWED_HOSTS: z.string().min(1).optional(),
  AGENT_JWKS_URL: z.url().optional(),
  AGENT_PINNED_KEYS: z.string().min(1).optional(),
  AGENT_TLS_CERT_FILE: z.string().min(1).optional(),
  AGENT_TLS_KEY_FILE: z.string().min(1).optional(),
  AGENT_SITE: z.string().optional(),
  ORIGIN: z.url().optional(),
});

const portFlagSchema = z.coerce.number().int().min(0).max(65535);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * A trust setting (who may call the agent, whose signatures it believes, its certificate, its
 * admin secret) that the environment and the site file both set, differently. Guessing which
 * one the installer meant could make an agent trust another server's keys: it refuses to start.
 */
export class TrustSettingConflictError extends Error {
  constructor(
    readonly setting: string,
    readonly envName: string,
    readonly siteField: string,
    readonly sitePath: string,
  ) {
    super(
      `Trust setting "${setting}" differs between the environment (${envName}) and the site ` +
        `file ${sitePath} (${siteField}). Remove one of them or make them agree; the agent ` +
        `does not guess which to trust.`,
    );
    this.name = 'TrustSettingConflictError';
  }
}

/**
 * Resolves every setting by one rule (docs/configuration.md): command-line flag > environment >
 * site file > default. The trust settings have no flag (a flag shows in `ps`) and no
 * precedence: set by both the environment and the site file, they must agree, else
 * {@link TrustSettingConflictError}. The site file is `--site <file>`, else `AGENT_SITE` (an
 * empty path means none). Throws a readable error on a bad value or an unknown argument.
 */
export function loadAgentSettings(
  env: NodeJS.ProcessEnv = process.env,
  args: readonly string[] = [],
): AgentSettings {
  const cli = parseArgs({
    args: [...args],
    options: {
      site: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  }).values;
  // An empty variable (`AGENT_SITE=`) means unset, as shells and service files write it.
  const vars = envSchema.parse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  const sitePath = cli.site ?? vars.AGENT_SITE;
  const site = sitePath ? readSiteFile(sitePath) : undefined;
  const dataDir = resolve(
    cli['data-dir'] ??
      vars.AGENT_DATA_DIR ??
      site?.agent.dataDir ??
      join(vars.COMPTOIR_DATA_DIR ?? join(repoRoot, '.data'), 'agent'),
  );
  ensurePrivateDir(dataDir);
  const trust = <T>(setting: string, envName: string, siteField: string, fromEnv: T, fromSite: T) =>
    agreeing(setting, { envName, siteField, sitePath: sitePath ?? '' }, fromEnv, fromSite);
  const origin = vars.ORIGIN ?? 'http://127.0.0.1:3000';
  // The environment's view of the server: its own variables, else derived from ORIGIN when
  // ORIGIN is set (npm start and a one-box install set only ORIGIN).
  const envOrigins =
    vars.AGENT_ALLOWED_ORIGINS?.split(',').map((o) => o.trim()) ??
    (vars.ORIGIN === undefined ? undefined : [vars.ORIGIN]);
  const envJwksUrl =
    vars.AGENT_JWKS_URL ??
    (vars.ORIGIN === undefined ? undefined : new URL('/.well-known/jwks.json', vars.ORIGIN).href);
  const envTls =
    vars.AGENT_TLS_CERT_FILE !== undefined || vars.AGENT_TLS_KEY_FILE !== undefined
      ? agentTlsFromEnv(vars.AGENT_TLS_CERT_FILE, vars.AGENT_TLS_KEY_FILE)
      : undefined;
  const { secret, isNew } = adminSecret(site, sitePath, vars.AGENT_ADMIN_SECRET, dataDir, env);
  return {
    host: cli.host ?? vars.AGENT_HOST ?? site?.agent.host ?? AGENT_DEFAULT_HOST,
    port:
      (cli.port === undefined ? undefined : portFlagSchema.parse(cli.port)) ??
      vars.AGENT_PORT ??
      site?.agent.port ??
      AGENT_DEFAULT_PORT,
    dataDir,
    adminSecret: secret,
    isAdminSecretNew: isNew,
    adminSecretFile: isNew ? join(dataDir, ADMIN_SECRET_FILE) : undefined,
    allowedOrigins: trust(
      'allowed origins',
      vars.AGENT_ALLOWED_ORIGINS === undefined ? 'ORIGIN' : 'AGENT_ALLOWED_ORIGINS',
      'agent.allowedOrigins or server.origin',
      envOrigins,
      site && agentAllowedOrigins(site),
    ) ?? [origin],
    allowedHosts: [
      ...(site?.agent.publicHost === undefined ? [] : [site.agent.publicHost]),
      ...(site?.agent.altNames ?? []),
      ...(vars.AGENT_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ],
    jwksUrl:
      trust(
        'JWKS URL',
        vars.AGENT_JWKS_URL === undefined ? 'ORIGIN' : 'AGENT_JWKS_URL',
        'agent.jwksUrl or server.origin',
        envJwksUrl,
        site && agentJwksUrl(site),
      ) ?? new URL('/.well-known/jwks.json', origin).href,
    pinnedKeys:
      trust(
        'pinned keys',
        'AGENT_PINNED_KEYS',
        'agent.pinnedKeys',
        vars.AGENT_PINNED_KEYS === undefined
          ? undefined
          : pinnedKeysFromEnv(vars.AGENT_PINNED_KEYS),
        site?.agent.pinnedKeys,
      ) ?? [],
    printers: site ? site.printers : [defaultFilePrinter(dataDir)],
    tls: trust(
      'TLS',
      'AGENT_TLS_CERT_FILE/AGENT_TLS_KEY_FILE',
      'agent.tls',
      envTls,
      site?.agent.tls,
    ),
  };
}

/** The value both sources agree on (or the only one set); a disagreement refuses to start. */
function agreeing<T>(
  setting: string,
  where: { envName: string; siteField: string; sitePath: string },
  fromEnv: T | undefined,
  fromSite: T | undefined,
): T | undefined {
  if (fromEnv === undefined) return fromSite;
  if (fromSite !== undefined && !isDeepStrictEqual(fromEnv, fromSite))
    throw new TrustSettingConflictError(setting, where.envName, where.siteField, where.sitePath);
  return fromEnv;
}

function agentTlsFromEnv(certFile: string | undefined, keyFile: string | undefined) {
  if (certFile === undefined || keyFile === undefined)
    throw new Error('AGENT_TLS_CERT_FILE and AGENT_TLS_KEY_FILE go together: set both or neither');
  return { certFile: resolve(certFile), keyFile: resolve(keyFile) };
}

function pinnedKeysFromEnv(json: string): PinnedKey[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('AGENT_PINNED_KEYS must be a JSON array of Ed25519 public JWKs');
  }
  return z.array(pinnedKeySchema).parse(value);
}

/**
 * Parses a site file and makes its paths absolute. A relative path in a site file is relative
 * to the file's folder, not to wherever the agent was started: `kiosk-config` writes the
 * certificate next to the site file and names it `agent-cert.pem`.
 */
export function readSiteFile(path: string): AgentSite {
  const siteDir = dirname(resolve(path));
  const site = agentSiteSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const fromSite = (file: string): string => resolve(siteDir, file);
  const { tls, dataDir, adminSecretRef } = site.agent;
  return {
    ...site,
    agent: {
      ...site.agent,
      ...(tls && { tls: { certFile: fromSite(tls.certFile), keyFile: fromSite(tls.keyFile) } }),
      ...(dataDir !== undefined && { dataDir: fromSite(dataDir) }),
      ...(adminSecretRef &&
        'file' in adminSecretRef && { adminSecretRef: { file: fromSite(adminSecretRef.file) } }),
    },
    printers: site.printers.map((printer) =>
      printer.driver === 'file' && printer.directory !== undefined
        ? { ...printer, directory: fromSite(printer.directory) }
        : printer,
    ),
  };
}

/** What `npm start` prints to when nothing is configured: PDFs in `<data dir>/printed/`. */
export function defaultFilePrinter(dataDir: string): Printer {
  return {
    id: 'file',
    name: 'Fichier PDF / PDF file',
    driver: 'file',
    directory: join(dataDir, 'printed'),
    paper: 'letter',
    roles: [...printerRoles],
  };
}

/** The admin secret generated at first start, in the agent's data dir (mode 0600). */
const ADMIN_SECRET_FILE = 'admin-secret';

function adminSecret(
  site: AgentSite | undefined,
  sitePath: string | undefined,
  fromEnv: string | undefined,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): { secret: string; isNew: boolean } {
  const ref = site?.agent.adminSecretRef;
  let fromSite: string | undefined;
  if (ref && 'env' in ref) {
    fromSite = env[ref.env];
    if (!fromSite)
      throw new Error(`The site file reads the admin secret from ${ref.env}, which is unset`);
  } else if (ref && 'file' in ref) {
    fromSite = readFileSync(ref.file, 'utf8').trim();
  }
  const agreed = agreeing(
    'admin secret',
    { envName: 'AGENT_ADMIN_SECRET', siteField: 'agent.adminSecretRef', sitePath: sitePath ?? '' },
    fromEnv,
    fromSite,
  );
  if (agreed !== undefined) return { secret: agreed, isNew: false };
  const path = join(dataDir, ADMIN_SECRET_FILE);
  if (existsSync(path)) return { secret: readFileSync(path, 'utf8').trim(), isNew: false };
  const secret = randomBytes(18).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  // The umask may have narrowed or widened the mode at creation: set it outright.
  chmodSync(path, 0o600);
  return { secret, isNew: true };
}
