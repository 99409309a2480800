import type { Page } from '@playwright/test';
import { vinFor } from '../../src/lib/testing/command.factory';

/** Fills the vehicle fieldset for vehicle number `index` (valid VIN). */
export async function fillVehicle(page: Page, index: number, make = 'Honda'): Promise<void> {
  await page.locator('#vehicle-vin').fill(vinFor(index));
  await page.locator('#vehicle-make').fill(make);
  await page.locator('#vehicle-model').fill('Civic');
  await page.locator('#vehicle-year').fill('2019');
  await page.locator('#vehicle-mass').fill('1300');
  await page.locator('#vehicle-odometer').fill('42000');
}

/** Fills a person party whose ids start with `prefix` (`buyer-0`, `holder`). */
export async function fillPerson(page: Page, prefix: string, index: number): Promise<void> {
  await page.locator(`#${prefix}-first-name`).fill('Marie');
  await page.locator(`#${prefix}-last-name`).fill(`Tremblay${index}`);
  await page.locator(`#${prefix}-licence`).fill(`T${String(index).padStart(12, '0')}`);
  await page.locator(`#${prefix}-line1`).fill('123, rue Principale');
  await page.locator(`#${prefix}-city`).fill('Québec');
  await page.locator(`#${prefix}-postal`).fill('G1R 4P5');
}

/** Creates an ATAC through the form; returns when the waiting/issued view shows. */
export async function createAtac(page: Page, index: number, make = 'Honda'): Promise<void> {
  await page.goto('/atac/nouvelle');
  await fillAndSaveAtac(page, index, make);
}

/**
 * Creates an ATAC navigating inside the app (home, tile, "new"), as a person does: the page
 * is never reloaded, so the tab keeps its place in the sync election.
 */
export async function createAtacInApp(page: Page, index: number): Promise<void> {
  await page.getByRole('link', { name: 'Accueil' }).click();
  await page.getByRole('link', { name: 'Attestation de transaction (ATAC)' }).click();
  await page.getByRole('link', { name: 'Nouvelle ATAC' }).click();
  await fillAndSaveAtac(page, index, 'Honda');
}

async function fillAndSaveAtac(page: Page, index: number, make: string): Promise<void> {
  await fillVehicle(page, index, make);
  await fillPerson(page, 'buyer-0', index);
  await page.locator('#sale-price').fill('25000');
  await page.locator('#gst').fill('1250');
  await page.locator('#qst-base').fill('25000');
  await page.getByRole('button', { name: /Enregistrer|Save/ }).click();
  await page.waitForURL(/\/file-attente\/[0-9a-f-]+$/);
}

/** Issues a 10-day transit through the form. */
export async function createTransit(page: Page, index: number): Promise<void> {
  await page.goto('/transit/nouveau');
  await page.locator('#days').selectOption('10');
  await fillVehicle(page, index);
  await fillPerson(page, 'holder', index);
  await page.getByRole('button', { name: /Enregistrer|Save/ }).click();
  await page.waitForURL(/\/file-attente\/[0-9a-f-]+$/);
}
