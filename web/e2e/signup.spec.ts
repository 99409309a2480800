import { expect, signIn, test } from './fixtures';
import {
  issueAccessCode,
  signInWithPassword,
  signUpAdministrator,
  signUpEmployee,
} from './page-models/signup.page';

/*
 * The sign-up paths of docs/domain.md#accounts-and-sign-in, end to end in the browser: the
 * administrator per the enterprise registry, the accredited employee with an access code from
 * authority staff, and the generic accounts a non-accredited dealer's administrator manages.
 * Demo data: `db/demo-seed-accounts.ts`.
 */

const PASSWORD = 'un-mot-de-passe-42';

test('an enterprise administrator signs up per the enterprise registry, then signs in', async ({
  page,
}) => {
  const paul = {
    firstName: 'Pierre',
    lastName: 'Lavoie',
    driverLicence: 'L456789012345',
    username: 'paul.lavoie',
    password: PASSWORD,
  };
  // Not the listed administrator: the refusal says which rule failed.
  await signUpAdministrator(page, '4460000004', paul);
  await expect(page.getByTestId('error-notice')).toContainText(
    "n'est pas inscrite comme administrateur",
  );
  await expect(page.getByTestId('error-notice')).toHaveAttribute(
    'data-code',
    'signup_not_administrator',
  );

  await signUpAdministrator(page, '4460000004', { ...paul, firstName: 'Paul' });
  await expect(page.getByTestId('signup-done')).toContainText('paul.lavoie');
  await signInWithPassword(page, 'paul.lavoie', PASSWORD);
  await expect(page.getByTestId('current-licence')).toContainText('L-400001');
});

test('authority staff issue an access code; the employee signs up with it, once', async ({
  page,
  browser,
}) => {
  const nadia = { firstName: 'Nadia', lastName: 'Morin', driverLicence: 'M567890123457' };
  await signInWithPassword(page, 'demo-staff', 'demo-password');
  const code = await issueAccessCode(page, '1160000001', nadia);

  const employeeContext = await browser.newContext();
  const employee = await employeeContext.newPage();
  const person = { ...nadia, username: 'nadia.morin', password: PASSWORD };
  // The code is bound to its person: someone else cannot use it.
  await signUpEmployee(employee, code, { ...person, firstName: 'Natalie' });
  await expect(employee.getByTestId('error-notice')).toHaveAttribute(
    'data-code',
    'access_code_invalid',
  );
  await signUpEmployee(employee, code, person);
  await expect(employee.getByTestId('signup-done')).toContainText('nadia.morin');
  await signUpEmployee(employee, code, { ...person, username: 'nadia2' });
  await expect(employee.getByTestId('error-notice')).toHaveAttribute(
    'data-code',
    'access_code_invalid',
  );

  // One account for both licences of the dealer: the licence picker shows them.
  await signInWithPassword(employee, 'nadia.morin', PASSWORD);
  await expect(employee.getByRole('button', { name: /L-100001/ })).toBeVisible();
  await expect(employee.getByRole('button', { name: /L-100002/ })).toBeVisible();
  await employeeContext.close();
});

test('a non-accredited dealer administrator creates a generic account and ends its session', async ({
  page,
  browser,
}) => {
  await signIn(page, 'demo-admin2');
  await page.goto('/comptes');
  await page.locator('#username').fill('comptoir-3');
  await page.locator('#displayName').fill('Comptoir 3');
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('comptoir-3');

  const showroomContext = await browser.newContext();
  const showroom = await showroomContext.newPage();
  await signInWithPassword(showroom, 'comptoir-3', PASSWORD);
  await expect(showroom.getByTestId('current-licence')).toContainText('L-200001');

  await page.reload();
  const row = page.locator('li[data-session="comptoir-3"]');
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Terminer' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText('Session terminée');
  expect((await showroomContext.request.get('/api/auth/session')).status()).toBe(401);

  // Disabling: it cannot sign in again.
  await page
    .locator('li[data-account="comptoir-3"]')
    .getByRole('button', { name: 'Désactiver' })
    .click();
  await expect(page.locator('li[data-account="comptoir-3"]')).toContainText('désactivé');
  const refused = await showroomContext.request.post('/api/auth/login', {
    data: { username: 'comptoir-3', password: PASSWORD },
  });
  expect(refused.status()).toBe(401);
  await showroomContext.close();
});
