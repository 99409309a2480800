import { expect, signIn, test } from './fixtures';

test('a shared kiosk locks itself after 15 idle minutes and clears the screen', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, 'demo-generic');
  await page.clock.fastForward('10:00');
  await page.mouse.click(5, 300);
  await page.clock.fastForward('10:00');
  // 20 minutes in, but a touch 10 minutes ago: still signed in.
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await page.clock.fastForward('06:00');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toHaveCount(0);
});
