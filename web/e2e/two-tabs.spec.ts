import { vinFor } from '../src/lib/testing/command.factory';
import { expect, signIn, test, waitForServiceWorker, waitingCount } from './fixtures';
import { createAtacInApp } from './page-models/forms.page';

test('two tabs: only one sends, both show the same queue', async ({ page, context }) => {
  await signIn(page, 'demo-generic');
  const second = await context.newPage();
  await second.goto('/file-attente');
  await page.goto('/file-attente');
  await waitForServiceWorker(page);
  await waitForServiceWorker(second);

  const pushesFrom = new Map<string, number>([
    ['first', 0],
    ['second', 0],
  ]);
  page.on('request', (request) => {
    if (request.url().includes('/api/sync/push'))
      pushesFrom.set('first', (pushesFrom.get('first') ?? 0) + 1);
  });
  second.on('request', (request) => {
    if (request.url().includes('/api/sync/push'))
      pushesFrom.set('second', (pushesFrom.get('second') ?? 0) + 1);
  });

  await context.setOffline(true);
  await createAtacInApp(second, 3001);
  await createAtacInApp(page, 3002);
  await expect(waitingCount(page)).toHaveText('En attente : 2');
  await expect(waitingCount(second)).toHaveText('En attente : 2');

  await context.setOffline(false);
  await expect(waitingCount(page)).toHaveText('En attente : 0', { timeout: 30_000 });
  await expect(waitingCount(second)).toHaveText('En attente : 0');
  for (const tab of [page, second]) {
    await tab.getByRole('link', { name: "File d'attente" }).click();
    await expect(tab.getByTestId('queue-done')).toContainText(vinFor(3001));
    await expect(tab.getByTestId('queue-done')).toContainText(vinFor(3002));
  }
  const senders = [...pushesFrom.values()].filter((count) => count > 0);
  expect(senders).toHaveLength(1);
});
