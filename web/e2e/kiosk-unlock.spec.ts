import { operatorSchema } from '@comptoir/shared';
import { z } from 'zod';
import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, signIn, test, waitForServiceWorker, waitingCount } from './fixtures';
import { createTransit } from './page-models/forms.page';

test('an enrolled kiosk: a person unlocks offline with their secret, queues, and it syncs under them', async ({
  page,
  context,
}) => {
  // An administrator enrols the kiosk once: delivery bay.
  await signIn(page, 'demo-admin2');
  await waitForServiceWorker(page);
  await page.goto('/reglages');
  await page.locator('#kiosk-name').fill('Livraison 1');
  await page.locator('#kiosk-location').selectOption('delivery_bay');
  await page.getByRole('button', { name: 'Inscrire ce poste' }).click();
  await expect(page.getByTestId('kiosk-enrolled')).toContainText('Livraison 1');
  expect(
    countRows(
      "select count(*) as n from kiosks where name = 'Livraison 1' and location = 'delivery_bay' and revoked_at is null",
    ),
  ).toBe(1);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // A person signs in online and sets their offline-unlock secret on this kiosk.
  await signIn(page, 'demo-generic');
  // The optional step after an online sign-in is offered until it is done.
  await page.getByTestId('suggest-secret').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toBeVisible();
  await page.locator('#offline-secret').fill('tulipe-2026');
  await page.locator('#offline-secret-confirmation').fill('tulipe-2026');
  await page.getByRole('button', { name: 'Enregistrer le secret' }).click();
  await expect(page.getByTestId('secret-set')).toBeVisible();
  await page.getByRole('link', { name: "File d'attente" }).click();
  await expect(page.getByTestId('suggest-secret')).toHaveCount(0);

  // The link drops; the kiosk locks.
  await context.setOffline(true);
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toHaveCount(0);

  await page.locator('#unlock-username').fill('demo-generic');
  await page.locator('#unlock-secret').fill('pas-le-bon');
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await expect(page.getByTestId('lock-screen').getByRole('alert')).toHaveText('Secret incorrect.');
  await page.locator('#unlock-secret').fill('tulipe-2026');
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  // Back where the person was when they locked.
  await expect(page.getByRole('heading', { level: 1, name: "File d'attente" })).toBeVisible();

  await createTransit(page, 3101);
  await expect(waitingCount(page)).toHaveText('En attente : 1');

  await context.setOffline(false);
  await expect(waitingCount(page)).toHaveText('En attente : 0', { timeout: 30_000 });
  // Issued under that person: the audit names their account as the issuer.
  expect(
    countRows(
      `select count(*) as n from documents d
         join audit_log a on a.subject = d.number and a.event = 'document.issued'
         join accounts ac on ac.id = a.actor
       where d.kind = 'transit' and d.vin = ? and ac.username = 'demo-generic'`,
      [vinFor(3101)],
    ),
  ).toBe(1);
});

test('a generic account with operators: each person unlocks with their PIN and works in their name', async ({
  page,
  playwright,
  baseURL,
}) => {
  // The administrator adds an operator to the dealer's generic account.
  await signIn(page, 'demo-admin2');
  await page.goto('/reglages');
  await page.locator('#operator-name').fill('Sophie');
  await page.locator('#operator-pin-new').fill('2468');
  await page.locator('#operator-pin-new').press('Enter');
  await expect(page.getByTestId('operator-list')).toContainText('Sophie');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  try {
    await page.goto('/connexion');
    await page.locator('#username').fill('demo-generic');
    await page.locator('#password').fill('demo-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // The shared login is signed in, but nothing shows before a person unlocks with a PIN.
    const pinScreen = page.getByTestId('operator-lock');
    await expect(pinScreen).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toHaveCount(0);
    await page.getByLabel('Sophie').check();
    await page.locator('#operator-pin').fill('1111');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await expect(pinScreen.getByRole('alert')).toHaveText('NIP incorrect.');
    await page.locator('#operator-pin').fill('2468');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
    await expect(page.getByTestId('operator-name')).toHaveText('Opérateur : Sophie');

    await createTransit(page, 3201);
    await expect(waitingCount(page)).toHaveText('En attente : 0', { timeout: 30_000 });
    expect(
      countRows(
        `select count(*) as n from audit_log a
           join documents d on instr(a.detail_json, d.number) > 0
           join operators o on instr(a.detail_json, o.id) > 0
         where a.event = 'command.operator' and d.vin = ? and o.display_name = 'Sophie'`,
        [vinFor(3201)],
      ),
    ).toBe(1);

    // Her turn ends: the PIN screen again, with nothing of her work.
    await page.getByTestId('lock-now').click();
    await expect(pinScreen).toBeVisible();
    await expect(page.getByTestId('operator-name')).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText(vinFor(3201));
  } finally {
    // The other specs use the same generic account without operators.
    const api = await playwright.request.newContext({ baseURL });
    await api.post('/api/auth/login', {
      data: { username: 'demo-admin2', password: 'demo-password' },
    });
    const listed = await api.get('/api/operators?licence=L-200001');
    const { operators } = z
      .object({ operators: z.array(operatorSchema) })
      .parse(await listed.json());
    const ids = operators.map((operator) => operator.operatorId);
    for (const id of ids) await api.patch(`/api/operators/${id}`, { data: { disabled: true } });
    await api.dispose();
  }
});
