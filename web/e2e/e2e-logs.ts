import type { ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the e2e run keeps its servers' logs (`COMPTOIR_E2E_LOG_DIR`, set by the config): kept
 * after the run, so that `scripts/log-pii.mjs` can grep them for personal data and secrets.
 */
export function e2eLogDir(): string {
  const dir = process.env.COMPTOIR_E2E_LOG_DIR;
  if (!dir)
    throw new Error('Run the e2e tests through `npx playwright test -c web/playwright.config.ts`.');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Appends everything `child` writes to `<log dir>/<name>-<pid>.log`. */
export function keepLog(child: ChildProcess, name: string): void {
  const file = createWriteStream(join(e2eLogDir(), `${name}-${child.pid ?? 'unknown'}.log`), {
    flags: 'a',
  });
  child.stdout?.on('data', (chunk: Buffer | string) => file.write(chunk));
  child.stderr?.on('data', (chunk: Buffer | string) => file.write(chunk));
  child.once('close', () => file.end());
}

/**
 * Records a secret the run handed out (a session cookie, a kiosk credential): the log check
 * then proves no log holds it. The file stays beside the logs, on the test machine only.
 */
export function keepSecret(value: string): void {
  if (value) appendFileSync(join(e2eLogDir(), 'secrets.txt'), `${value}\n`, { mode: 0o600 });
}
