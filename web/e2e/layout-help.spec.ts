import { DEFAULT_SUPPORT_LINE } from '@comptoir/shared';
import { signInAs } from './page-models/accounts.page';
import { expect, test } from './fixtures';

// Issue 19: the frame every screen shares (layout) and the help at hand.

test('a signed-out visit to the home screen shows the sign-in page, never an empty "Services" page first', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Reflect.set(window, '__headings', seen);
    new MutationObserver(() => {
      for (const heading of document.querySelectorAll('h1')) seen.push(heading.textContent ?? '');
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  const headings = await page.evaluate(() => Reflect.get(window, '__headings') as string[]);
  expect(headings.filter((text) => /Services/.test(text))).toEqual([]);
});

test('a refused form: one message per field, the first invalid field focused', async ({ page }) => {
  await signInAs(page, 'demo-generic');
  await page.goto('/atac/nouvelle');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#vehicle-vin')).toBeFocused();
  await expect(page.locator('#vehicle-vin')).toHaveAttribute('aria-invalid', 'true');
  // Each invalid field has exactly one message, and it is the one its input points to.
  const invalid = page.locator('form [aria-invalid="true"]');
  const count = await invalid.count();
  expect(count).toBeGreaterThan(3);
  for (let index = 0; index < count; index += 1) {
    const input = invalid.nth(index);
    const id = await input.getAttribute('id');
    await expect(page.locator(`[id="${id ?? ''}-error"]`)).toHaveCount(1);
    await expect(
      input.locator('xpath=ancestor::div[contains(@class,"field")][1]').locator('.field-error'),
    ).toHaveCount(1);
  }
});

test('the tablet header is one short row with a menu; the help and the support line are one touch away', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  await signInAs(page, 'demo-generic');
  const toggle = page.getByTestId('menu-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: "File d'attente" })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const queueLink = page.getByRole('link', { name: "File d'attente" });
  await expect(queueLink).toBeVisible();
  expect((await queueLink.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const header = await page.getByTestId('app-header').boundingBox();
  expect(header?.height ?? 999).toBeLessThanOrEqual(120);

  const help = page.getByTestId('screen-help');
  await expect(help).toContainText('choisissez un service');
  await help.locator('summary').click();
  await expect(page.getByTestId('support-line')).toContainText(DEFAULT_SUPPORT_LINE.phone);
});

test('a new administrator sees what is left to set up, read from the real state', async ({
  page,
}) => {
  await signInAs(page, 'demo-admin2');
  const checklist = page.getByTestId('first-run');
  await expect(checklist).toBeVisible();
  // Garage Beauce has its generic account (demo-generic); this browser is no enrolled kiosk
  // and has no paired agent.
  await expect(page.getByTestId('first-run-people')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('first-run-kiosk')).toHaveAttribute('data-state', 'todo');
  await expect(page.getByTestId('first-run-printer')).toHaveAttribute('data-state', 'todo');
  await expect(page.getByTestId('first-run-testPage')).toHaveAttribute('data-state', 'todo');
});
