import { expect, type Page } from '@playwright/test';

/**
 * The demo accounts (password `demo-password`), least privileged first; single-licence
 * accounts before those that must choose a licence.
 */
export const DEMO_USERS = [
  'demo-generic',
  'demo-admin2',
  'demo-agree',
  'demo-admin',
  'demo-staff',
] as const;
/** A demo account's username. */
export type DemoUser = (typeof DEMO_USERS)[number];

/**
 * Signs in through the sign-in screen as any demo account; an account with several licences
 * takes its first one. Returns when a screen with a level-1 heading shows.
 */
export async function signInAs(page: Page, username: DemoUser): Promise<void> {
  await page.goto('/connexion');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('demo-password');
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  // Client-side navigations (no load event): poll the address instead of waiting for one.
  await expect(page).not.toHaveURL(/\/connexion$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (new URL(page.url()).pathname === '/licence') {
    const firstLicence = page.locator('main li button').first();
    if ((await firstLicence.count()) > 0) {
      await firstLicence.click();
      await expect(page, `${username} chose a licence`).not.toHaveURL(/\/licence$/, {
        timeout: 5_000,
      });
    }
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}
