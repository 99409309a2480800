import { expect, type Page } from '@playwright/test';
import { fillPerson, fillVehicle } from './forms.page';

/** Works under `licence` (the person signed in has several). */
export async function chooseLicence(page: Page, licence: string): Promise<void> {
  await page.goto('/licence');
  await page.getByRole('button', { name: new RegExp(licence) }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
}

/** Pairs the kiosk with a print agent through the settings screen. */
export async function pairAgent(page: Page, url: string, code: string): Promise<void> {
  await page.goto('/reglages');
  await page.locator('#agent-url').fill(url);
  await page.locator('#pairing-code').fill(code);
  await page.getByRole('button', { name: 'Jumeler' }).click();
  await expect(page.getByText('Poste jumelé.')).toBeVisible();
}

/**
 * Fills a new registration: vehicle `index`, one buyer per driving licence given (the first
 * holds the registration). Does not save.
 */
export async function fillRegistration(
  page: Page,
  index: number,
  buyerLicences: string[],
): Promise<void> {
  await page.goto('/immatriculation/nouvelle');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nouvelle immatriculation' }),
  ).toBeVisible();
  await fillVehicle(page, index);
  for (const [position, licence] of buyerLicences.entries()) {
    if (position > 0) await page.getByRole('button', { name: 'Ajouter un copropriétaire' }).click();
    await fillPerson(page, `buyer-${position}`, index + position);
    await page.locator(`#buyer-${position}-licence`).fill(licence);
  }
}

/** Saves the registration on hold; lands on the page that follows the queued command. */
export async function saveOnHold(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.waitForURL(/\/immatriculation\/commande\/[0-9a-f-]+$/);
}

/** Waits for the registration's own page (after its hold was synced); returns its number. */
export async function openedRegistration(page: Page): Promise<string> {
  await page.waitForURL(/\/immatriculation\/R[^/]+$/, { timeout: 30_000 });
  await expect(page.getByTestId('registration-status')).toHaveText('En attente');
  const heading = await page.getByTestId('registration-number').innerText();
  return heading.replace('Transaction ', '').trim();
}
