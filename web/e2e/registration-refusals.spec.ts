import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, signIn, test } from './fixtures';
import { chooseLicence, fillRegistration, saveOnHold } from './page-models/registration.page';
import { seriousViolations } from './page-models/a11y.page';

/** Isabelle Bouchard in the demo registry: valid licence, right to register blocked (unpaid fines). */
const BLOCKED_LICENCE = 'B567890123456';

test('a co-owned vehicle is refused at once, with its reason beside the owners, nothing lost', async ({
  page,
}) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await fillRegistration(page, 3201, ['T000000003201', 'T000000003202']);
  await expect(page.getByTestId('co-owned-warning')).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();

  await expect(page.getByTestId('error-buyers')).toContainText(
    'Un véhicule en copropriété ne peut être immatriculé en ligne',
  );
  await expect(page).toHaveURL(/\/immatriculation\/nouvelle$/);
  await expect(page.locator('#vehicle-vin')).toHaveValue(vinFor(3201));
  await expect(page.locator('#buyer-1-licence')).toHaveValue('T000000003202');
  // Kept as a draft too: a reload brings it back.
  await page.reload();
  await expect(page.locator('#buyer-1-licence')).toHaveValue('T000000003202');
  expect(countRows('select count(*) as n from registrations where vin = ?', [vinFor(3201)])).toBe(
    0,
  );

  // English too, from the same catalogue.
  await page.getByTestId('lang-toggle').click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('error-buyers')).toContainText(
    'A co-owned vehicle cannot be registered online',
  );
});

test('a blocked right to register is said beside the buyer as soon as typed, and refused at hold', async ({
  page,
}) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await fillRegistration(page, 3301, [BLOCKED_LICENCE]);
  // Said beside the field at once, before the registration is saved.
  await expect(page.locator('#buyer-0-licence-error')).toContainText(
    "Cette personne n'a pas le droit d'immatriculer",
  );
  await expect(page.locator('#buyer-0-licence')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);

  // Saved anyway: the server refuses the hold itself, nothing is held.
  await saveOnHold(page);
  await expect(page.getByTestId('rejection-reason')).toContainText(
    "Cette personne n'a pas le droit d'immatriculer",
  );
  expect(countRows('select count(*) as n from registrations where vin = ?', [vinFor(3301)])).toBe(
    0,
  );

  // A licence the registry lets register: the sentence goes away.
  await page.goto('/immatriculation/nouvelle');
  await page.locator('#buyer-0-licence').fill('T123456789012');
  await expect(page.locator('#buyer-0-licence-error')).toHaveCount(0);
  // A suspended licence on the transit holder: not valid, said beside it.
  await page.goto('/transit/nouveau');
  await page.locator('#holder-licence').fill('R345678901234');
  await expect(page.locator('#holder-licence-error')).toContainText(
    "Ce permis de conduire n'est pas valide",
  );
});

test('the registration screens fit a 10-inch tablet and a 24-inch screen, with 48 px targets', async ({
  page,
}) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  for (const viewport of [
    { width: 800, height: 1280 },
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto('/immatriculation/nouvelle');
    await expect(page.locator('#vehicle-vin')).toBeVisible();
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      smallTargets: [
        ...document.querySelectorAll(
          'main button, main input:not([type=radio]):not([type=checkbox]), main select, main a.button',
        ),
      ]
        .map((element) => element.getBoundingClientRect())
        .filter((box) => box.width > 0 && box.height < 48).length,
    }));
    expect(layout, JSON.stringify(viewport)).toEqual({ overflow: 0, smallTargets: 0 });
  }
  // Touch keyboards: numbers for the odometer, decimals for amounts.
  await expect(page.locator('#vehicle-odometer')).toHaveAttribute('inputmode', 'numeric');
  await page.getByText('Véhicule échangé').click();
  await expect(page.locator('#trade-in-allowance')).toHaveAttribute('inputmode', 'decimal');
});
