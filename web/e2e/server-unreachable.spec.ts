import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, signIn, test, waitForServiceWorker, waitingCount } from './fixtures';
import { createAtac } from './page-models/forms.page';
import { freePort, startServer, type OwnServer } from './server-process';

/*
 * The server process stops while the network stays up (issue "Offline issuance"): the status
 * bar said "En ligne" the whole time, and the queue waited 66 s after the server came back.
 */
test('server process stopped: "Serveur injoignable" within 5 s; back: the queue drains within 5 s', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-unreachable-'));
  const port = await freePort();
  let server: OwnServer | undefined = await startServer({ port, dataDir });
  // The same port after the restart: one origin, one kiosk (cookies, IndexedDB).
  const context = await browser.newContext({ baseURL: server.origin });
  const page = await context.newPage();
  const status = page.getByTestId('status-online');
  const atacs = (index: number) =>
    countRows(
      "select count(*) as n from documents where kind = 'atac' and vin = ?",
      [vinFor(index)],
      dataDir,
    );
  try {
    await signIn(page, 'demo-generic');
    await waitForServiceWorker(page);
    await expect(status).toHaveText('En ligne');

    await server.stop();
    server = undefined;
    // Nothing typed, no request of the person's: the probe alone tells.
    await expect(status).toHaveText('Serveur injoignable', { timeout: 5_000 });
    await expect(status).toHaveAttribute('data-reachability', 'server_unreachable');

    // Work goes on: two ATACs wait, through failed pushes and their backoff.
    await createAtac(page, 4101);
    await createAtac(page, 4102);
    await expect(waitingCount(page)).toHaveText('En attente : 2');
    await expect(status).toHaveText('Serveur injoignable');
    // Long enough for the backoff to outgrow the 5 s the drain is allowed once it is back.
    await page.waitForTimeout(20_000);
    await expect(waitingCount(page)).toHaveText('En attente : 2');

    server = await startServer({ port, dataDir });
    const back = Date.now();
    await expect(waitingCount(page)).toHaveText('En attente : 0', { timeout: 5_000 });
    const drainedMs = Date.now() - back;
    await expect(status).toHaveText('En ligne');
    test.info().annotations.push({
      type: 'drained after the server answered again (ms)',
      description: String(drainedMs),
    });
    expect(atacs(4101)).toBe(1);
    expect(atacs(4102)).toBe(1);
  } finally {
    await context.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
