import { expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { dataDir } from '../fixtures';

/** The question a money or irreversible act asks first (a modal dialog). */
export function askDialog(page: Page) {
  return page.getByTestId('confirm-dialog');
}

/**
 * Opens the confirmation summary of the registration on screen and confirms it as shown;
 * does not wait for the answer.
 */
export async function confirmWithSummary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Confirmer (client présent)' }).click();
  const dialog = askDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^Confirmer et prélever/ }).click();
}

/**
 * Sets this year's fee of a vehicle type in the e2e server's own database, as the authority
 * changing its schedule between the summary and the confirmation would. Test-only: it writes
 * the SQLite file of the server the config started; the application has no way to do it.
 */
export function setRegistrationFee(vehicleType: string, amountCents: number): void {
  const db = new Database(join(dataDir(), 'comptoir.sqlite'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db
      .prepare('update fee_schedule set amount_cents = ? where vehicle_type = ? and year = ?')
      .run(amountCents, vehicleType, new Date().getFullYear()).changes;
    if (changed !== 1) throw new Error(`no ${vehicleType} fee for this year to change`);
  } finally {
    db.close();
  }
}
