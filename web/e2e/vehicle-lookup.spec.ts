import { expect, signIn, test } from './fixtures';
import { seriousViolations } from './page-models/a11y.page';
import { chooseLicence } from './page-models/registration.page';

// Demo registry vehicles (web/src/lib/server/demo/demo-seed.ts).
const CIVIC = '2HGFC2F55PH000101';
const TOTAL_LOSS_MAZDA = 'JM1BPAML3R1000404';
const SNOWMOBILE = '2BPSCEAA1PK000909';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
});

test('an ineligible VIN is refused beside the VIN before anything else is typed', async ({
  page,
}) => {
  await page.goto('/transit/nouveau');
  await page.locator('#vehicle-vin').fill(TOTAL_LOSS_MAZDA);
  await expect(page.getByTestId('vehicle-refusal')).toContainText(
    "Aucun certificat de transit n'est permis pour ce type ou cette catégorie de véhicule.",
  );
  await expect(page.getByTestId('vehicle-lookup')).toContainText('irrécupérable');
  // Nothing else typed: the holder is still empty.
  await expect(page.locator('#holder-first-name')).toHaveValue('');
  expect(await seriousViolations(page)).toEqual([]);

  await page.locator('#vehicle-vin').fill(SNOWMOBILE);
  await expect(page.getByTestId('vehicle-refusal')).toContainText(
    "Aucun certificat de transit n'est permis",
  );
  await page.goto('/immatriculation/nouvelle');
  await page.locator('#vehicle-vin').fill(SNOWMOBILE);
  await expect(page.getByTestId('vehicle-refusal')).toContainText(
    'Seuls les automobiles, camionnettes et VUS peuvent être immatriculés en ligne.',
  );
});

test('a registry-known VIN fills make, model, year, type and mass; a typed contradiction is offered the registry values', async ({
  page,
}) => {
  await page.goto('/transit/nouveau');
  await page.locator('#vehicle-vin').fill(CIVIC);
  await expect(page.locator('#vehicle-make')).toHaveValue('Honda');
  await expect(page.locator('#vehicle-model')).toHaveValue('Civic');
  await expect(page.locator('#vehicle-year')).toHaveValue('2023');
  await expect(page.locator('#vehicle-mass')).toHaveValue('1300');
  await expect(page.locator('#vehicle-type')).toHaveValue('automobile');
  await expect(page.getByTestId('vehicle-refusal')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Typed first, then the VIN: what was typed stays, and the registry's values are offered.
  await page.goto('/atac/nouvelle');
  await page.locator('#vehicle-make').fill('Ferrari');
  await page.locator('#vehicle-model').fill('F40');
  await page.locator('#vehicle-vin').fill(CIVIC);
  await expect(page.getByTestId('vehicle-conflicts')).toContainText('Honda');
  await expect(page.locator('#vehicle-make')).toHaveValue('Ferrari');
  await page.getByRole('button', { name: 'Prendre les valeurs du registre' }).click();
  await expect(page.locator('#vehicle-make')).toHaveValue('Honda');
  await expect(page.locator('#vehicle-model')).toHaveValue('Civic');
  await expect(page.getByTestId('vehicle-conflicts')).toHaveCount(0);
});
