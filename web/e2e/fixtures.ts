import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { keepSecret } from './e2e-logs';

/** The data dir of the server the config started (its SQLite file is the truth to count). */
export function dataDir(): string {
  const dir = process.env.COMPTOIR_E2E_DATA_DIR;
  if (!dir)
    throw new Error('Run the e2e tests through `npx playwright test -c web/playwright.config.ts`.');
  return dir;
}

/** Counts rows in the server's database (read-only). */
export function countRows(
  sql: string,
  params: unknown[] = [],
  directory: string = dataDir(),
): number {
  const db = new Database(join(directory, 'comptoir.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const row: unknown = db.prepare(sql).get(...params);
    const value = row && typeof row === 'object' && 'n' in row ? row.n : undefined;
    return typeof value === 'number' ? value : Number.NaN;
  } finally {
    db.close();
  }
}

/** Waits until the service worker controls the page (the shell is then cached). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
          once: true,
        });
      });
    }
  });
}

/** Signs in through the kiosk's sign-in screen; single-licence accounts land on the home screen, staff on their console. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/connexion');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('demo-password');
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  // Staff land on their console, dealers on the services or the licence picker.
  await expect(
    page.getByRole('heading', { level: 1, name: /Services|Choisir|Console/ }),
  ).toBeVisible();
  // The session this sign-in made: no server log may hold it (scripts/log-pii.mjs).
  for (const cookie of await page.context().cookies()) {
    if (cookie.name === 'comptoir_session') keepSecret(cookie.value);
  }
}

/** The status bar's waiting count ("En attente : N"). */
export function waitingCount(page: Page) {
  return page.getByTestId('status-waiting');
}

export const test = base.extend<{ kiosk: BrowserContext }>({
  kiosk: async ({ context }, use) => {
    await use(context);
  },
});
export { expect };
