import { vinFor } from '../src/lib/testing/command.factory';
import { expect, signIn, test } from './fixtures';
import { fillPerson, fillVehicle } from './page-models/forms.page';

test('a command the server refuses shows its reason, and can be corrected and resent', async ({
  page,
}) => {
  await signIn(page, 'demo-generic');
  // An all-terrain vehicle never gets a transit (docs/domain.md#transit-certificates): the form
  // accepts it, the server refuses.
  await page.goto('/transit/nouveau');
  await fillVehicle(page, 4001);
  await page.locator('#vehicle-type').selectOption('atv');
  await fillPerson(page, 'holder', 4001);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/\/file-attente\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Refusé par le serveur.' })).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByTestId('status-attention')).toHaveText('À corriger : 1');

  await page.goto('/file-attente');
  const attention = page.getByTestId('queue-attention');
  await expect(attention.getByTestId('rejection-reason')).not.toBeEmpty();
  await attention.getByRole('link', { name: 'Corriger et renvoyer' }).click();
  await expect(page.locator('#vehicle-vin')).toHaveValue(vinFor(4001));
  await page.locator('#vehicle-type').selectOption('automobile');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('document-number')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('status-attention')).toHaveText('À corriger : 0');

  // Discarding needs a confirmation and only applies to refused commands.
  await page.goto('/file-attente');
  await expect(page.getByTestId('queue-attention')).toContainText('Rien dans cette section.');
});
