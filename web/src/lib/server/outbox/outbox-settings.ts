import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The outbox's settings (docs/configuration.md, "Plates by mail and notices"). */
export interface OutboxConfig {
  /** The plate supplier's base URL; undefined: the embedded stand-in supplier. */
  plateSupplierUrl: string | undefined;
  /** The secret shared with the supplier (HMAC); undefined: generated into the data dir. */
  plateSupplierSecret: string | undefined;
  /** The embedded supplier's clock: made, shipped, delivered after acceptance (ms). */
  embeddedSupplierTimings: SupplierTimings;
  /** `smtp://…` or `smtps://…`; undefined: `.eml` files in `<data dir>/mail/`. */
  smtpUrl: string | undefined;
  /** The notices' sender address. */
  mailFrom: string;
  /** The longest wait between two attempts (the backoff doubles from 1 s up to it). */
  retryMaxMs: number;
  /**
   * The idle worker's longest sleep: rows queued by another process are seen within it (this
   * process's own wake the worker at once). 0 turns the worker off (benchmarks only).
   */
  idleMs: number;
}

/** The idle outbox worker looks at the table at least this often (ms). */
export const DEFAULT_OUTBOX_IDLE_MS = 5000;

/** When the embedded supplier reports each step, counted from the order's acceptance. */
export interface SupplierTimings {
  madeMs: number;
  shippedMs: number;
  deliveredMs: number;
}

/** Made after a minute, shipped after two, delivered after five (the demo clock). */
export const DEFAULT_SUPPLIER_TIMINGS: SupplierTimings = {
  madeMs: 60_000,
  shippedMs: 120_000,
  deliveredMs: 300_000,
};

/** Parses `made=60,shipped=120,delivered=300` (seconds, fractions allowed). */
export function parseSupplierTimings(value: string | undefined): SupplierTimings {
  const timings = { ...DEFAULT_SUPPLIER_TIMINGS };
  for (const part of (value ?? '').split(',')) {
    const [name, seconds] = part.split('=').map((text) => text.trim());
    const ms = Math.round(Number(seconds) * 1000);
    if (!Number.isFinite(ms) || ms < 0) continue;
    if (name === 'made') timings.madeMs = ms;
    if (name === 'shipped') timings.shippedMs = ms;
    if (name === 'delivered') timings.deliveredMs = ms;
  }
  return timings;
}

/** Reads the outbox settings from the environment. */
export function readOutboxConfig(env: NodeJS.ProcessEnv): OutboxConfig {
  const retryMaxMs = Number(env.COMPTOIR_OUTBOX_RETRY_MAX_MS);
  const idleMs = Number(env.COMPTOIR_OUTBOX_IDLE_MS);
  return {
    plateSupplierUrl: env.PLATE_SUPPLIER_URL?.trim().replace(/\/+$/, '') || undefined,
    plateSupplierSecret: env.PLATE_SUPPLIER_SECRET?.trim() || undefined,
    embeddedSupplierTimings: parseSupplierTimings(env.PLATE_SUPPLIER_TIMINGS),
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.MAIL_FROM?.trim() || 'Comptoir <avis@comptoir.localhost>',
    retryMaxMs: Number.isFinite(retryMaxMs) && retryMaxMs >= 1000 ? retryMaxMs : 300_000,
    idleMs:
      env.COMPTOIR_OUTBOX_IDLE_MS?.trim() && Number.isFinite(idleMs) && idleMs >= 0
        ? idleMs
        : DEFAULT_OUTBOX_IDLE_MS,
  };
}

const loadedSecrets = new Map<string, Promise<string>>();

/** The supplier secret: the configured one, else one generated once into the data dir (0600). */
export function loadPlateSupplierSecret(
  dataDir: string,
  configured: string | undefined,
): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let loaded = loadedSecrets.get(dataDir);
  if (!loaded) {
    loaded = readOrCreateSecret(dataDir);
    loadedSecrets.set(dataDir, loaded);
  }
  return loaded;
}

async function readOrCreateSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'plate-supplier.secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    await chmod(file, 0o600).catch(() => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}
