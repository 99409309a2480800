import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRows, expect, signIn, test, waitForServiceWorker } from './fixtures';
import { createTransit } from './page-models/forms.page';
import { pairAgent } from './page-models/registration.page';
import { startPrintAgent, type AgentProcess } from './print-agent-process';
import { freePort, startServer, type OwnServer } from './server-process';

/** How many leases the kiosk keeps in IndexedDB (database `comptoir`, table `leases`). */
function kioskLeases(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('comptoir');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('leases')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('leases').objectStore('leases').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
        open.onerror = () => resolve(0);
      }),
  );
}

/*
 * Issue "Offline issuance", the kiosk side: an enrolled kiosk makes its key, gets a lease, and
 * while the server PROCESS is stopped (the network stays up) issues transits from it, numbered
 * from the lease's block, across a reload of the kiosk, and prints them through the real agent;
 * the server back, every paper is reconciled under its number, none issued twice.
 */
test('enrolled kiosk, server stopped: transits issued from the lease across a reload, printed, then reconciled', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-offline-issue-'));
  const port = await freePort();
  let server: OwnServer | undefined = await startServer({ port, dataDir });
  const context = await browser.newContext({ baseURL: server.origin });
  const page = await context.newPage();
  const status = page.getByTestId('status-online');
  let agent: AgentProcess | undefined;
  try {
    // The agent learns the server's keys while the server is up (it keeps them on disk).
    agent = await startPrintAgent(server.origin);
    // The dealer's administrator enrols the kiosk; it makes its key and asks for a lease.
    await signIn(page, 'demo-admin2');
    await waitForServiceWorker(page);
    await page.goto('/reglages');
    await page.locator('#kiosk-name').fill('Comptoir 1');
    await page.getByRole('button', { name: 'Inscrire ce poste' }).click();
    await expect(page.getByTestId('kiosk-enrolled')).toContainText('Comptoir 1');
    await pairAgent(page, agent.url, agent.pairingCode);
    await page.goto('/file-attente');
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    // The kiosk holds a lease (a page left while its request was on the wire may have
    // been granted one it never received: the server may count more).
    await expect.poll(() => kioskLeases(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(
      countRows('select count(*) as n from offline_leases', [], dataDir),
    ).toBeGreaterThanOrEqual(1);

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
      // Printed at once, through the agent's chain check.
      await page.getByRole('button', { name: 'Imprimer', exact: true }).click();
      await expect.poll(() => agent?.printedFiles().length).toBe(numbers.length);
      // Its outcome is queued too (before the reload, or it would be lost with the page).
      await expect(page.getByTestId('status-waiting')).toHaveText(
        `En attente : ${String(numbers.length * 2)}`,
      );
    }
    expect(agent.printedFiles().join(' ')).toContain(numbers[0]);
    const values = numbers.map((number) => Number(number.slice(-6)));
    expect(values).toEqual([values[0], (values[0] ?? 0) + 1, (values[0] ?? 0) + 2]);
    // Three transits and their three print outcomes wait.
    await expect(page.getByTestId('status-waiting')).toHaveText('En attente : 6');

    server = await startServer({ port, dataDir });
    const back = Date.now();
    await expect(page.getByTestId('status-waiting')).toHaveText('En attente : 0', {
      timeout: 60_000,
    });
    test.info().annotations.push({
      type: 'reconciled after the server answered again (ms)',
      description: String(Date.now() - back),
    });
    await expect(status).toHaveText('En ligne');
    for (const number of numbers) {
      expect(
        countRows('select count(*) as n from documents where number = ?', [number], dataDir),
      ).toBe(1);
    }
    // None issued twice: no online transit for these vehicles.
    expect(
      countRows(
        "select count(*) as n from documents where kind = 'transit' and number not like 'TH-%'",
        [],
        dataDir,
      ),
    ).toBe(0);
  } finally {
    await agent?.stop();
    await context.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
