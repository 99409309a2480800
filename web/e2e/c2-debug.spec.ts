import { test } from './fixtures';

test('c2 debug: console on /connexion', async ({ page }) => {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}\n${error.stack ?? ''}`));
  await page.goto('/connexion');
  await page.waitForTimeout(4000);
  console.log(lines.join('\n'));
  console.log((await page.content()).slice(0, 3000));
});
