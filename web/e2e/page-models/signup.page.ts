import { expect, type Page } from '@playwright/test';

/** The person who signs up: as the enterprise registry or the access code names them. */
export interface SignupPerson {
  firstName: string;
  lastName: string;
  driverLicence: string;
  username: string;
  password: string;
}

async function fillPerson(page: Page, person: SignupPerson): Promise<void> {
  await page.locator('#firstName').fill(person.firstName);
  await page.locator('#lastName').fill(person.lastName);
  await page.locator('#driverLicence').fill(person.driverLicence);
  await page.locator('#username').fill(person.username);
  await page.locator('#password').fill(person.password);
}

/** Fills and sends the administrator sign-up screen (`/inscription`). */
export async function signUpAdministrator(
  page: Page,
  neq: string,
  person: SignupPerson,
): Promise<void> {
  await page.goto('/inscription');
  await page.locator('#neq').fill(neq);
  await fillPerson(page, person);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
}

/** Fills and sends the employee sign-up screen (`/inscription/employe`). */
export async function signUpEmployee(
  page: Page,
  accessCode: string,
  person: SignupPerson,
): Promise<void> {
  await page.goto('/inscription/employe');
  await page.locator('#accessCode').fill(accessCode);
  await fillPerson(page, person);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
}

/** Signs in with a username and password on the sign-in screen (any account, not only demo ones). */
export async function signInWithPassword(
  page: Page,
  username: string,
  password: string,
): Promise<void> {
  await page.goto('/connexion');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Client-side navigation once the session is stored: wait for it to leave the sign-in page.
  await expect(page).not.toHaveURL(/\/connexion$/);
}

/** The staff screen that issues an access code; answers the code shown (once). */
export async function issueAccessCode(
  page: Page,
  neq: string,
  person: Pick<SignupPerson, 'firstName' | 'lastName' | 'driverLicence'>,
): Promise<string> {
  await page.goto('/autorite/codes');
  await page.locator('#neq').fill(neq);
  await page.locator('#firstName').fill(person.firstName);
  await page.locator('#lastName').fill(person.lastName);
  await page.locator('#driverLicence').fill(person.driverLicence);
  await page.getByRole('button', { name: 'Délivrer le code' }).click();
  // Asked first: who, for which dealer; then said done.
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText(`${person.firstName} ${person.lastName}`);
  await expect(dialog).toContainText(neq);
  await dialog.getByRole('button', { name: 'Oui, délivrer le code' }).click();
  await expect(page.getByTestId('done-notice')).toContainText('C’est fait : code d’accès délivré');
  const code = page.getByTestId('issued-code');
  await expect(code).toHaveText(/^[A-Z2-9]{8}$/);
  return (await code.textContent()) ?? '';
}
