import type { Page } from '@playwright/test';
import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, signIn, test, waitForServiceWorker } from './fixtures';
import { seriousViolations, smallTouchTargets } from './page-models/a11y.page';
import { Effort } from './page-models/effort.page';
import { chooseLicence, openedRegistration } from './page-models/registration.page';

const QUEUE_ENTRY = /\/file-attente\/[0-9a-f-]+$/;
const REGISTRATION_QUEUED = /\/immatriculation\/commande\/[0-9a-f-]+$/;

/** Transits of vehicle `index` whose paper prints an ATAC number. */
function transitsNamingAnAtac(index: number): number {
  return countRows(
    `select count(*) as n from documents where kind = 'transit' and vin = ? and document_json like '%"atacNumber":"%'`,
    [vinFor(index)],
  );
}

/** The number of the ATAC the queue entry shows once the server issued it. */
async function issuedNumber(page: Page): Promise<string> {
  const heading = page.getByTestId('document-number');
  await expect(heading).toHaveText(/\d{6}/, { timeout: 30_000 });
  return /[A-Z]+-\d{4}-\d{6}/.exec(await heading.innerText())?.[0] ?? '';
}

test('an ATAC typed once becomes a transit and a registration, typing only what differs', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await waitForServiceWorker(page);
  const figures: Record<string, { before: string; after: string }> = {};

  // Before: the transit typed in full after the ATAC (as on main, a blank form).
  const transitBefore = new Effort(page);
  await page.goto('/atac/nouvelle');
  await transitBefore.atac(3701);
  await page.goto('/transit/nouveau');
  await transitBefore.vehicle(3701);
  await transitBefore.person('holder', 3701);
  await transitBefore.save(QUEUE_ENTRY);

  // After, offline: the ATAC waits in the outbox and the transit follows it by command id.
  await context.setOffline(true);
  const transitAfter = new Effort(page);
  await page.goto('/atac/nouvelle');
  await transitAfter.atac(3702);
  await expect(page.getByTestId('document-waiting')).toBeVisible();
  await transitAfter.click(page.getByRole('link', { name: 'Émettre un transit' }));
  await expect(page.getByTestId('follows-atac')).toContainText('en attente de synchronisation');
  await expect(page.locator('#vehicle-vin')).toHaveValue(vinFor(3702));
  await expect(page.locator('#holder-licence')).toHaveValue('T000000003702');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await smallTouchTargets(page)).toEqual([]);
  await transitAfter.save(QUEUE_ENTRY);
  await context.setOffline(false);
  // Pushed in order: the ATAC first, then the transit, whose paper names it.
  await expect.poll(() => transitsNamingAnAtac(3702), { timeout: 60_000 }).toBe(1);
  figures['ATAC + transit'] = { before: `${transitBefore}`, after: `${transitAfter}` };

  // Before: the registration typed in full, the ATAC number copied by hand.
  const registrationBefore = new Effort(page);
  await page.goto('/atac/nouvelle');
  await registrationBefore.atac(3703);
  const atacBefore = await issuedNumber(page);
  await page.goto('/immatriculation/nouvelle');
  await registrationBefore.vehicle(3703);
  await registrationBefore.person('buyer-0', 3703);
  await registrationBefore.type(page.locator('#atac-number'), atacBefore);
  await registrationBefore.save(REGISTRATION_QUEUED);
  await openedRegistration(page);

  // After, online: from the ATAC's page, "Immatriculer" opens the registration prefilled.
  const registrationAfter = new Effort(page);
  await page.goto('/atac/nouvelle');
  await registrationAfter.atac(3704);
  const atacAfter = await issuedNumber(page);
  expect(await smallTouchTargets(page)).toEqual([]);
  await registrationAfter.click(page.getByRole('link', { name: 'Immatriculer' }));
  await expect(page.getByTestId('follows-atac')).toContainText(atacAfter);
  await expect(page.locator('#buyer-0-licence')).toHaveValue('T000000003704');
  expect(await seriousViolations(page)).toEqual([]);
  await registrationAfter.save(REGISTRATION_QUEUED);
  const registration = await openedRegistration(page);
  expect(
    countRows(`select count(*) as n from registrations where number = ? and request_json like ?`, [
      registration,
      `%"atacNumber":"${atacAfter}"%`,
    ]),
  ).toBe(1);
  figures['ATAC + registration'] = {
    before: `${registrationBefore}`,
    after: `${registrationAfter}`,
  };

  // A transit alone: nothing to start from, the same form as before.
  const alone = new Effort(page);
  await page.goto('/transit/nouveau');
  await alone.vehicle(3705);
  await alone.person('holder', 3705);
  await alone.save(QUEUE_ENTRY);
  figures['transit alone'] = { before: `${alone}`, after: `${alone}` };

  console.log(
    'Keystrokes and clicks per flow (before: blank forms as on main; after: from the ATAC)',
  );
  console.table(figures);
  expect(transitAfter.keystrokes).toBeLessThan(transitBefore.keystrokes);
  expect(registrationAfter.keystrokes).toBeLessThan(registrationBefore.keystrokes);
});
