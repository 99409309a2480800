import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, test } from './fixtures';
import { createAtac } from './page-models/forms.page';
import { freePort, startServer, type OwnServer } from './server-process';

test('a crash before or after commit loses nothing and duplicates nothing', async ({ browser }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-e2e-crash-'));
  const port = await freePort();
  let server: OwnServer | undefined;
  // The port stays the same across restarts: one origin, one kiosk (cookies, IndexedDB).
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${String(port)}` });
  const page = await context.newPage();
  const count = (vin: string) =>
    countRows(
      "select count(*) as n from documents where kind = 'atac' and vin = ?",
      [vin],
      dataDir,
    );
  const countIdempotency = () => countRows('select count(*) as n from idempotency', [], dataDir);
  try {
    for (const [index, fault] of [
      [2001, 'push.before_commit=crash'],
      [2002, 'push.after_commit=crash'],
    ] as const) {
      server = await startServer({ port, dataDir, faults: fault });
      if (index === 2001) {
        await page.goto('/connexion');
        await page.locator('#username').fill('demo-generic');
        await page.locator('#password').fill('demo-password');
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
      }
      const idempotencyBefore = countIdempotency();
      await createAtac(page, index);
      // The push reached the fault point: the process died mid-request.
      expect(await server.exited).toBe(86);
      await expect(page.getByTestId('status-waiting')).toHaveText('En attente : 1');

      server = await startServer({ port, dataDir });
      await page.goto('/file-attente');
      await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
      await expect(page.getByTestId('status-waiting')).toHaveText('En attente : 0', {
        timeout: 30_000,
      });
      await expect(page.getByTestId('queue-done')).toContainText(vinFor(index));
      await server.stop();
      server = undefined;
      expect(count(vinFor(index))).toBe(1);
      expect(countIdempotency() - idempotencyBefore).toBe(1);
    }
  } finally {
    await context.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
