import { expect, signIn, test } from './fixtures';

test('a shared kiosk locks itself after 15 idle minutes and shows nothing of the last person', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, 'demo-generic');
  await page.getByRole('link', { name: "File d'attente" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "File d'attente" })).toBeVisible();
  await page.clock.fastForward('10:00');
  await page.mouse.click(5, 300);
  await page.clock.fastForward('10:00');
  // 20 minutes in, but a touch 10 minutes ago: still signed in.
  await expect(page.getByRole('heading', { level: 1, name: "File d'attente" })).toBeVisible();
  await page.clock.fastForward('06:00');

  const lockScreen = page.getByTestId('lock-screen');
  await expect(lockScreen).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Poste verrouillé');
  await expect(page.getByRole('link', { name: "File d'attente" })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('demo-generic');

  // Neither the back button nor a reload brings the last person's screen back.
  await page.goBack();
  await expect(lockScreen).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: "File d'attente" })).toHaveCount(0);
  await page.reload();
  await expect(lockScreen).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: "File d'attente" })).toHaveCount(0);

  await page.getByTestId('lock-sign-in').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
});
