import Database from 'better-sqlite3';
import { join } from 'node:path';
import { dataDir, expect, signIn, test } from './fixtures';
import {
  chooseLicence,
  fillRegistration,
  openedRegistration,
  saveOnHold,
} from './page-models/registration.page';
import { confirmWithSummary } from './page-models/counter.page';

/** Moves a registration's confirmation 21 days back, as if the plate had been waited for since. */
function ageConfirmation(registrationNumber: string): void {
  const db = new Database(join(dataDir(), 'comptoir.sqlite'), { fileMustExist: true });
  try {
    const past = new Date(Date.now() - 21 * 24 * 3600_000).toISOString();
    db.prepare('update plate_orders set confirmed_at = ? where registration_number = ?').run(
      past,
      registrationNumber,
    );
  } finally {
    db.close();
  }
}

test("the metal plate's journey and the late plates on the dealer's screens", async ({ page }) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await fillRegistration(page, 3601, ['T000000003601']);
  await page.locator('#client-email').fill('client@example.com');
  await saveOnHold(page);
  const number = await openedRegistration(page);

  await confirmWithSummary(page);
  await expect(page.getByTestId('registration-status')).toHaveText('Confirmée');
  await expect(page.getByTestId('metal-plate-state')).toBeVisible();

  // The stand-in supplier accepts, makes and ships it within seconds: the page shows it.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('metal-plate-state')).toHaveText('Expédiée par la poste', {
      timeout: 1000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('metal-plate-tracking')).toHaveText(/^[A-Z]{2}\d{9}CA$/);

  // The list of registrations shows the state and the tracking number too.
  await page.goto('/immatriculation');
  const row = page.locator('tr', { hasText: number });
  await expect(row.getByTestId('list-metal-plate')).toContainText('Expédiée par la poste');
  await expect(row.getByTestId('list-metal-plate')).toContainText(/[A-Z]{2}\d{9}CA/);

  // Not delivered 21 days after confirmation: late, on the home screen.
  ageConfirmation(number);
  await page.goto('/');
  const late = page.getByTestId('plates-late');
  await expect(late.getByRole('heading', { name: 'Plaques en retard' })).toBeVisible();
  const lateRow = late.getByTestId('plate-late-row').filter({ hasText: number });
  await expect(lateRow).toContainText('Non livrée 20 jours après la confirmation');
  await expect(lateRow).toContainText('Expédiée par la poste');

  // In English through the catalogue.
  await page.getByTestId('lang-toggle').click();
  await expect(late.getByRole('heading', { name: 'Plates late' })).toBeVisible();
  await expect(late.getByTestId('plate-late-row').filter({ hasText: number })).toContainText(
    'Not delivered 20 days after confirmation',
  );
});
