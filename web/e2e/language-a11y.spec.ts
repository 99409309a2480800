import { seriousViolations } from './page-models/a11y.page';
import { expect, signIn, test } from './fixtures';

test('French by default, English on toggle (remembered), and no serious axe violation', async ({
  page,
}) => {
  await page.goto('/connexion');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  expect(await seriousViolations(page)).toEqual([]);

  await signIn(page, 'demo-generic');
  await page.goto('/reglages');
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
