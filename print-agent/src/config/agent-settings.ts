import {
  agentAllowedOrigins,
  agentJwksUrl,
  agentSiteSchema,
  printerRoles,
  type AgentSite,
  type PinnedKey,
  type Printer,
} from '@comptoir/shared';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ensurePrivateDir } from '../storage/private-files.js';

/** Everything the agent needs to run, resolved from env and the optional site file. */
export interface AgentSettings {
  host: string;
  port: number;
  dataDir: string;
  adminSecret: string;
  /** True when the admin secret was generated now (printed once on the console). */
  isAdminSecretNew: boolean;
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
  AGENT_HOST: z.string().min(1).default('127.0.0.1'),
  AGENT_PORT: z.coerce.number().int().min(0).max(65535).default(9631),
  AGENT_DATA_DIR: z.string().min(1).optional(),
  COMPTOIR_DATA_DIR: z.string().min(1).optional(),
  AGENT_ADMIN_SECRET: z.string().min(12).optional(),
  AGENT_ALLOWED_ORIGINS: z.string().min(1).optional(),
  AGENT_ALLOWED_HOSTS: z.string().min(1).optional(),
  AGENT_JWKS_URL: z.url().optional(),
  AGENT_SITE: z.string().optional(),
  ORIGIN: z.url().optional(),
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Reads the Configuration table's variables; a site file (`--site <file>` on the command line,
 * else `AGENT_SITE`, parsed by the shared `agentSiteSchema`) overrides them. An empty site path
 * means no site file. Throws a readable error on a bad value or an unknown argument.
 */
export function loadAgentSettings(
  env: NodeJS.ProcessEnv = process.env,
  args: readonly string[] = [],
): AgentSettings {
  const cli = parseArgs({ args: [...args], options: { site: { type: 'string' } }, strict: true });
  // An empty variable (`AGENT_SITE=`) means unset, as shells and service files write it.
  const vars = envSchema.parse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  const sitePath = cli.values.site ?? vars.AGENT_SITE;
  const site = sitePath ? readSiteFile(sitePath) : undefined;
  const dataDir = resolve(
    site?.agent.dataDir ??
      vars.AGENT_DATA_DIR ??
      join(vars.COMPTOIR_DATA_DIR ?? join(repoRoot, '.data'), 'agent'),
  );
  ensurePrivateDir(dataDir);
  const origin = vars.ORIGIN ?? 'http://127.0.0.1:3000';
  const { secret, isNew } = adminSecret(site, vars.AGENT_ADMIN_SECRET, dataDir, env);
  return {
    host: site?.agent.host ?? vars.AGENT_HOST,
    port: site?.agent.port ?? vars.AGENT_PORT,
    dataDir,
    adminSecret: secret,
    isAdminSecretNew: isNew,
    allowedOrigins: site
      ? agentAllowedOrigins(site)
      : (vars.AGENT_ALLOWED_ORIGINS ?? origin).split(',').map((o) => o.trim()),
    allowedHosts: [
      ...(site?.agent.publicHost === undefined ? [] : [site.agent.publicHost]),
      ...(site?.agent.altNames ?? []),
      ...(vars.AGENT_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ],
    jwksUrl: site
      ? agentJwksUrl(site)
      : (vars.AGENT_JWKS_URL ?? new URL('/.well-known/jwks.json', origin).href),
    pinnedKeys: site?.agent.pinnedKeys ?? [],
    printers: site ? site.printers : [defaultFilePrinter(dataDir)],
    tls: site?.agent.tls,
  };
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

function adminSecret(
  site: AgentSite | undefined,
  fromEnv: string | undefined,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): { secret: string; isNew: boolean } {
  const ref = site?.agent.adminSecretRef;
  if (ref && 'env' in ref) {
    const value = env[ref.env];
    if (!value)
      throw new Error(`The site file reads the admin secret from ${ref.env}, which is unset`);
    return { secret: value, isNew: false };
  }
  if (ref && 'file' in ref) return { secret: readFileSync(ref.file, 'utf8').trim(), isNew: false };
  if (fromEnv) return { secret: fromEnv, isNew: false };
  const path = join(dataDir, 'admin-secret');
  if (existsSync(path)) return { secret: readFileSync(path, 'utf8').trim(), isNew: false };
  const secret = randomBytes(18).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  // The umask may have narrowed or widened the mode at creation: set it outright.
  chmodSync(path, 0o600);
  return { secret, isNew: true };
}
