import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir, expect, signIn, test } from './fixtures';
import { seriousViolations } from './page-models/a11y.page';
import { chooseLicence } from './page-models/registration.page';

/** The `.eml` files the server wrote (no SMTP server set: `npm start`'s default). */
async function emlFiles(): Promise<string[]> {
  const dir = join(dataDir(), 'mail');
  const names = await readdir(dir).catch(() => []);
  return Promise.all(
    names.filter((name) => name.endsWith('.eml')).map((name) => readFile(join(dir, name), 'utf8')),
  );
}

test('an administrator sets their own address and language; the next notice uses them', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await chooseLicence(page, 'L-100001');
  await page.goto('/reglages');
  const form = page.getByTestId('notice-contact-form');
  // The seed's professional address is shown, ready to change.
  await expect(form.getByLabel('Adresse courriel')).toHaveValue(
    'administration@automobiles-laurentides.example',
  );
  expect(await seriousViolations(page)).toEqual([]);

  // A wrong address is refused beside its field, in French.
  await form.getByLabel('Adresse courriel').fill('pas une adresse');
  await form.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
  await expect(page.locator('#notice-email-error')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await form.getByLabel('Adresse courriel').fill('Direction@Automobiles-Laurentides.example');
  await form.getByLabel('Langue des avis').selectOption('en');
  await form.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
  await expect(page.getByTestId('notice-contact-saved')).toHaveText(
    'Adresse enregistrée : direction@automobiles-laurentides.example.',
  );
  await page.reload();
  await expect(form.getByLabel('Adresse courriel')).toHaveValue(
    'direction@automobiles-laurentides.example',
  );
  await expect(form.getByLabel('Langue des avis')).toHaveValue('en');

  // Enrolling this kiosk tells the administrators: this one at the new address, in English.
  await page.locator('#kiosk-name').fill('Comptoir avis');
  await page.getByRole('button', { name: 'Inscrire ce poste' }).click();
  await expect(page.getByTestId('kiosk-enrolled')).toBeVisible();
  await expect(async () => {
    const mails = await emlFiles();
    const mail = mails.find(
      (text) =>
        text.includes('To: direction@automobiles-laurentides.example') &&
        text.includes('Comptoir avis'),
    );
    expect(mail).toContain('Content-Language: en');
    expect(mail).toContain('Kiosk enrolled: Comptoir avis');
  }).toPass({ timeout: 30_000 });
});
