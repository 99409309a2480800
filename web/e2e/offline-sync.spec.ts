import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, signIn, test, waitForServiceWorker, waitingCount } from './fixtures';
import { createAtac, createTransit } from './page-models/forms.page';

test('offline: the app and deep links open, ATAC and transit wait, then sync exactly once', async ({
  page,
  context,
}) => {
  await signIn(page, 'demo-generic');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await expect(page.getByTestId('status-online')).toHaveText('Hors ligne');
  await page.goto('/transit/nouveau');
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau transit' })).toBeVisible();

  await createAtac(page, 1001);
  await expect(page.getByTestId('document-waiting')).toBeVisible();
  await createTransit(page, 1002);
  await expect(page.getByTestId('document-waiting')).toBeVisible();
  const transitView = page.url();
  await expect(waitingCount(page)).toHaveText('En attente : 2');

  await context.setOffline(false);
  await expect(waitingCount(page)).toHaveText('En attente : 0', { timeout: 30_000 });
  await page.goto(transitView);
  await expect(page.getByTestId('document-number')).toContainText(/Document \S+/);
  await expect(page.getByTestId('document-data')).toContainText(vinFor(1002));
  // The faithful preview: the shared layouts' PDF, watermarked, rendered in the kiosk.
  await expect(page.getByTestId('document-pdf')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Télécharger le PDF (APERÇU)' })).toBeVisible();

  expect(
    countRows("select count(*) as n from documents where kind = 'atac' and vin = ?", [
      vinFor(1001),
    ]),
  ).toBe(1);
  expect(
    countRows("select count(*) as n from documents where kind = 'transit' and vin = ?", [
      vinFor(1002),
    ]),
  ).toBe(1);

  await page.goto('/atac');
  await expect(page.getByTestId('document-list')).toContainText(vinFor(1001));
});
