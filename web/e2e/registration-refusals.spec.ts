import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, signIn, test } from './fixtures';
import {
  chooseLicence,
  fillRegistration,
  openedRegistration,
  saveOnHold,
} from './page-models/registration.page';
import { confirmWithSummary } from './page-models/counter.page';

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

test('a blocked right to register is refused at confirmation, with its reason beside the buyer', async ({
  page,
}) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await fillRegistration(page, 3301, [BLOCKED_LICENCE]);
  await saveOnHold(page);
  const number = await openedRegistration(page);

  await confirmWithSummary(page);
  await expect(page.getByTestId('error-notice')).toContainText(
    "Cette personne n'a pas le droit d'immatriculer",
  );
  await expect(page.getByTestId('registration-status')).toHaveText('En attente');
  expect(
    countRows("select count(*) as n from registrations where number = ? and status = 'on_hold'", [
      number,
    ]),
  ).toBe(1);

  // What was typed is kept: the saved request opens for editing, the reason beside the field.
  await page.getByRole('button', { name: 'Modifier la transaction' }).click();
  await expect(page.locator('#buyer-0-licence')).toHaveValue(BLOCKED_LICENCE);
  await expect(page.locator('#vehicle-vin')).toHaveValue(vinFor(3301));
  await expect(page.locator('#buyer-0-licence-error')).toContainText(
    "Cette personne n'a pas le droit d'immatriculer",
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
