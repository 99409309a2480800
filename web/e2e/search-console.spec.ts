import type { Page } from '@playwright/test';
import { vinFor } from '../src/lib/testing/command.factory';
import { expect, signIn, test } from './fixtures';
import { seriousViolations, smallTouchTargets } from './page-models/a11y.page';
import { createTransit } from './page-models/forms.page';
import { chooseLicence } from './page-models/registration.page';

/*
 * Finding a paper and the staff console, on the production build: the home screen's one box
 * finds a transit by the VIN's last 6 and by the customer's name typed without its case; a
 * list's reversed dates say so and clear the old rows; staff land on their console, look a
 * licence and a paper up, and read the journal as sentences (no id, no JSON on screen).
 * Searches older than 30 days, every reading and both engines are the server tests'
 * (search.service.test.ts).
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function search(page: Page, box: string, text: string) {
  await page.locator(box).fill(text);
  await page.getByRole('button', { name: 'Chercher', exact: true }).click();
  return page.getByTestId('search-results');
}

test('the search box finds a paper by VIN and name; reversed dates say so; staff land on their console', async ({
  page,
  browser,
}) => {
  const index = 4711;
  const vin = vinFor(index);
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await createTransit(page, index);

  // Once synced, the home screen's box finds it by the VIN's last 6 (any period, server-side).
  await page.goto('/');
  await expect(async () => {
    const results = await search(page, '#search-home', vin.slice(-6).toLowerCase());
    await expect(results.locator('tbody tr')).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  const results = page.getByTestId('search-results');
  await expect(results).toContainText('Certificat de transit');
  await expect(results).toContainText('Valide');
  const number = (await results.locator('tbody tr td a').first().textContent())?.trim() ?? '';
  expect(number).toMatch(/^T-\d{4}-\d{6}$/);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await smallTouchTargets(page)).toEqual([]);

  // By the customer's name, whatever the case and accents typed.
  await search(page, '#search-home', `MARIÉ tremblay${String(index)}`);
  await expect(results.locator('tbody tr')).toHaveCount(1);
  await expect(results).toContainText(`Marie Tremblay${String(index)}`);
  // Wildcards alone are refused with one message at the field, the old rows cleared.
  await search(page, '#search-home', '%_');
  await expect(page.getByTestId('search-results')).toHaveCount(0);
  await expect(page.locator('#search-home')).toHaveAttribute('aria-invalid', 'true');

  // A list's reversed dates give the right message and clear the rows shown before.
  await page.goto('/transit');
  await expect(page.getByTestId('list-views')).toBeVisible();
  await page.locator('#from').fill('2026-03-10');
  await page.locator('#to').fill('2026-03-01');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page.getByTestId('window-error')).toHaveText(
    'La date de début doit précéder la date de fin.',
  );
  await expect(page.getByTestId('document-list')).toHaveCount(0);
  // The list's own box finds the transit too.
  const inList = await search(page, '#search-transit', vin);
  await expect(inList.locator('tbody tr')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  // Staff land on their console, not on an empty licence picker.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, 'demo-staff');
  await expect(staff).toHaveURL(/\/autorite$/);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText("Console de l'autorité");
  await staff.locator('#staff-lookup').fill('l100001');
  await staff.getByRole('button', { name: 'Trouver', exact: true }).click();
  await expect(staff.getByTestId('staff-lookup-results')).toContainText('Licence L-100001');
  await staff.locator('#staff-lookup').fill(number);
  await staff.getByRole('button', { name: 'Trouver', exact: true }).click();
  const found = staff.getByTestId('staff-lookup-results');
  await expect(found.locator('tbody tr')).toHaveCount(1);
  expect(await seriousViolations(staff)).toEqual([]);
  expect(await smallTouchTargets(staff)).toEqual([]);

  // The journal about that paper, as sentences; the raw record one click away.
  await found.getByRole('link', { name: 'Voir son journal' }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Journal de vérification');
  const sentences = staff.getByTestId('audit-sentence');
  await expect(sentences.first()).toBeVisible();
  await expect(sentences.filter({ hasText: `a émis le document ${number}` })).toHaveCount(1);
  const visible = await staff.locator('main').innerText();
  expect(visible).not.toMatch(UUID);
  expect(visible).not.toContain('{"');
  await staff.getByText("Voir l'enregistrement brut").first().click();
  await expect(staff.locator('details[open] pre')).toContainText('"event"');
  expect(await seriousViolations(staff)).toEqual([]);
  await staffContext.close();
});
