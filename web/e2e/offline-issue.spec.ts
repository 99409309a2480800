import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRows, expect, signIn, test, waitForServiceWorker } from './fixtures';
import { createTransit } from './page-models/forms.page';
import { freePort, startServer, type OwnServer } from './server-process';

/*
 * Issue "Offline issuance", the kiosk side: an enrolled kiosk makes its key, gets a lease, and
 * while the server PROCESS is stopped (the network stays up) issues transits from it, numbered
 * from the lease's block, across a reload of the kiosk.
 */
test('enrolled kiosk, server stopped: transits issued from the lease, numbered in order across a reload', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-offline-issue-'));
  const port = await freePort();
  let server: OwnServer | undefined = await startServer({ port, dataDir });
  const context = await browser.newContext({ baseURL: server.origin });
  const page = await context.newPage();
  const status = page.getByTestId('status-online');
  try {
    // The dealer's administrator enrols the kiosk; it makes its key and asks for a lease.
    await signIn(page, 'demo-admin2');
    await waitForServiceWorker(page);
    await page.goto('/reglages');
    await page.locator('#kiosk-name').fill('Comptoir 1');
    await page.getByRole('button', { name: 'Inscrire ce poste' }).click();
    await expect(page.getByTestId('kiosk-enrolled')).toContainText('Comptoir 1');
    await page.goto('/file-attente');
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect
      .poll(() => countRows('select count(*) as n from offline_leases', [], dataDir), {
        timeout: 30_000,
      })
      .toBe(1);

    await server.stop();
    server = undefined;
    await expect(status).toHaveText('Serveur injoignable', { timeout: 5_000 });

    const numbers: string[] = [];
    for (const index of [4201, 4202, 4203]) {
      if (index === 4203) {
        // The kiosk reloads (a crash, a person pressing F5): the counter is in IndexedDB.
        await page.reload();
        await expect(status).toHaveText('Serveur injoignable', { timeout: 5_000 });
      }
      await createTransit(page, index);
      await expect(page.getByTestId('issued-offline')).toBeVisible();
      const heading = await page.getByTestId('document-number').innerText();
      const number = /TH-\d{4}-\d{6}/.exec(heading)?.[0];
      expect(number, heading).toBeDefined();
      numbers.push(number ?? '');
    }
    const values = numbers.map((number) => Number(number.slice(-6)));
    expect(values).toEqual([values[0], (values[0] ?? 0) + 1, (values[0] ?? 0) + 2]);
    await expect(page.getByTestId('status-waiting')).toHaveText('En attente : 3');
  } finally {
    await context.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
