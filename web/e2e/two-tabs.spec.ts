import { vinFor } from '../src/lib/testing/command.factory';
import { expect, signIn, test, waitingCount } from './fixtures';
import { createAtac } from './page-models/forms.page';

test('two tabs: only one sends, both show the same queue', async ({ page, context }) => {
  await signIn(page, 'demo-generic');
  const second = await context.newPage();
  await second.goto('/file-attente');
  await page.goto('/file-attente');

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
  await createAtac(second, 3001);
  await createAtac(page, 3002);
  await expect(waitingCount(page)).toHaveText('En attente : 2');
  await expect(waitingCount(second)).toHaveText('En attente : 2');

  await context.setOffline(false);
  await expect(waitingCount(page)).toHaveText('En attente : 0', { timeout: 30_000 });
  await expect(waitingCount(second)).toHaveText('En attente : 0');
  await page.goto('/file-attente');
  await second.goto('/file-attente');
  for (const tab of [page, second]) {
    await expect(tab.getByTestId('queue-done')).toContainText(vinFor(3001));
    await expect(tab.getByTestId('queue-done')).toContainText(vinFor(3002));
  }
  const senders = [...pushesFrom.values()].filter((count) => count > 0);
  expect(senders).toHaveLength(1);
});
