import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; impact?: string | null; nodes: unknown[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${String(violation.nodes.length)})`);
  });
}

test('French by default, English on toggle (remembered), and no serious axe violation', async ({
  page,
}) => {
  await page.goto('/connexion');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  expect(await seriousViolations(page)).toEqual([]);

  await signIn(page, 'demo-generic');
  for (const path of [
    '/',
    '/atac',
    '/atac/nouvelle',
    '/transit',
    '/transit/nouveau',
    '/file-attente',
    '/reglages',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Services');
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});
