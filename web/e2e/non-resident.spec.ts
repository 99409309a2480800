import { expect, signIn, test } from './fixtures';
import { seriousViolations } from './page-models/a11y.page';
import { fillVehicle } from './page-models/forms.page';

test('a 4-day non-resident transit issued to an Ontario licence holder, picked from the lists', async ({
  page,
}) => {
  await signIn(page, 'demo-generic');
  await page.goto('/transit/nouveau');
  await page.locator('#days').selectOption('4');
  await page.locator('#reason').selectOption('non_resident_driving_home');
  await fillVehicle(page, 5101);
  await page.locator('#holder-first-name').fill('Emily');
  await page.locator('#holder-last-name').fill('Walsh');
  // Québec is the default; the person picks Ontario and types the licence as printed.
  await expect(page.locator('#holder-jurisdiction')).toHaveValue('CA-QC');
  await page.locator('#holder-jurisdiction').selectOption('CA-ON');
  await page.locator('#holder-licence').fill('A1234-56789-01234');
  await page.locator('#holder-line1').fill('80 Wellington St');
  await page.locator('#holder-city').fill('Ottawa');
  await page.locator('#holder-province').selectOption('ON');
  await page.locator('#holder-postal').fill('K1A 0A2');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/file-attente\/[0-9a-f-]+$/);
  await expect(page.getByTestId('document-number')).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page)).toEqual([]);
});
