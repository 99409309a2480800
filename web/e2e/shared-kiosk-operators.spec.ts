import { operatorSchema } from '@comptoir/shared';
import type { Page } from '@playwright/test';
import { z } from 'zod';
import { vinFor } from '../src/lib/testing/command.factory';
import { expect, signIn, test } from './fixtures';
import { chooseLicence } from './page-models/registration.page';

/** Adds an operator from the settings screen (an administrator of Garage Beauce). */
async function addOperator(page: Page, name: string, pin: string): Promise<void> {
  await page.locator('#operator-name').fill(name);
  await page.locator('#operator-pin-new').fill(pin);
  await page.getByRole('button', { name: 'Ajouter' }).click();
}

/** Picks a name on the PIN screen and enters the PIN. */
async function unlockAs(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('operator-lock').getByLabel(name).check();
  await page.locator('#operator-pin').fill(pin);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
}

test('a shared kiosk forgets: one name and one PIN per person, drafts per person, "Pas moi", back where one was', async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.clock.install();
  await signIn(page, 'demo-admin2');
  await page.goto('/reglages');
  const list = page.getByTestId('operator-list');
  await addOperator(page, 'Luc Gagnon', '4821');
  await expect(list).toContainText('Luc Gagnon');
  await addOperator(page, 'Julie Roy', '1357');
  await expect(list).toContainText('Julie Roy');

  try {
    // A second "Julie Roy", and a PIN already in use: refused, without saying whose PIN.
    await addOperator(page, 'julie  roy', '9999');
    await expect(page.getByText('Un autre opérateur porte déjà ce nom')).toBeVisible();
    await addOperator(page, 'Marc Tremblay', '4821');
    await expect(page.getByText('Ce NIP est déjà utilisé')).toBeVisible();
    await expect(list).not.toContainText('Marc Tremblay');
    await expect(list.getByText('Julie Roy')).toHaveCount(1);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();

    await page.goto('/connexion');
    await page.locator('#username').fill('demo-generic');
    await page.locator('#password').fill('demo-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const pinScreen = page.getByTestId('operator-lock');
    await expect(pinScreen).toBeVisible();
    // A first sign-in is no lock: no reason is given.
    await expect(page.getByTestId('lock-reason')).toHaveCount(0);
    await unlockAs(page, 'Luc Gagnon', '4821');
    await expect(page.getByTestId('operator-name')).toHaveText('Opérateur : Luc Gagnon');

    // Luc starts an ATAC, locks by hand, and comes back to it as he left it.
    await page.goto('/atac/nouvelle');
    await page.locator('#vehicle-vin').fill(vinFor(4101));
    // The draft is written as he types (IndexedDB); give the write its moment before the lock.
    await page.waitForTimeout(1_000);
    await page.getByTestId('lock-now').click();
    await expect(pinScreen).toBeVisible();
    await expect(page.getByTestId('lock-reason')).toHaveText(
      'Verrouillé à la demande de la personne précédente.',
    );
    await expect(page.locator('main')).not.toContainText(vinFor(4101));
    await unlockAs(page, 'Luc Gagnon', '4821');
    await expect(page).toHaveURL(/\/atac\/nouvelle$/);
    await expect(page.locator('#vehicle-vin')).toHaveValue(vinFor(4101));

    // He walks away: the kiosk locks after 15 idle minutes and says so.
    await page.waitForTimeout(1_000);
    await page.clock.fastForward('16:00');
    await expect(pinScreen).toBeVisible();
    await expect(page.getByTestId('lock-reason')).toHaveText(
      'Verrouillé après une période sans activité.',
    );
    await expect(page.locator('main')).not.toContainText(vinFor(4101));

    // Julie picks Luc's name by mistake: "Pas moi" takes her back to the names, PIN cleared.
    await pinScreen.getByLabel('Luc Gagnon').check();
    await page.locator('#operator-pin').fill('13');
    await page.getByTestId('not-me').click();
    await expect(pinScreen.getByLabel('Luc Gagnon')).not.toBeChecked();
    await expect(page.locator('#operator-pin')).toHaveValue('');
    await expect(page.getByTestId('not-me')).toHaveCount(0);

    // Julie unlocks: home, not Luc's form; and his half-typed ATAC is not hers to see.
    await unlockAs(page, 'Julie Roy', '1357');
    await expect(page.getByTestId('operator-name')).toHaveText('Opérateur : Julie Roy');
    await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
    await page.goto('/atac/nouvelle');
    await expect(page.locator('#vehicle-vin')).toBeVisible();
    await expect(page.locator('#vehicle-vin')).toHaveValue('');
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
    for (const operator of operators) {
      await api.patch(`/api/operators/${operator.operatorId}`, { data: { disabled: true } });
    }
    await api.dispose();
  }
});

test('a kiosk enrolled by another dealer says so at sign-in, before any work is refused', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await chooseLicence(page, 'L-100001');
  await page.goto('/reglages');
  await page.locator('#kiosk-name').fill('Salle 3');
  await page.getByRole('button', { name: 'Inscrire ce poste' }).click();
  await expect(page.getByTestId('kiosk-enrolled')).toContainText('Salle 3');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // Before anyone signs in, the screen names the kiosk's dealer.
  await page.goto('/connexion');
  await expect(page.getByTestId('kiosk-dealer')).toContainText('Automobiles Laurentides');
  await page.locator('#username').fill('demo-admin2');
  await page.locator('#password').fill('demo-password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const warning = page.getByTestId('kiosk-other-dealer');
  await expect(warning).toContainText('inscrit au nom d’un autre commerçant');
  await warning.getByRole('button', { name: 'Continuer quand même' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
});
