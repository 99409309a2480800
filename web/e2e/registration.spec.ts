import { vinFor } from '../src/lib/testing/command.factory';
import { countRows, expect, signIn, test, waitForServiceWorker } from './fixtures';
import {
  chooseLicence,
  fillRegistration,
  openedRegistration,
  pairAgent,
  saveOnHold,
} from './page-models/registration.page';
import { fillVehicle } from './page-models/forms.page';
import { startPrintAgent, type AgentProcess } from './print-agent-process';
import { askDialog, confirmWithSummary } from './page-models/counter.page';

let agent: AgentProcess | undefined;

test.afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

test('a registration saved on hold offline, confirmed online with its papers printed, then cancelled the same day', async ({
  page,
  context,
  baseURL,
}) => {
  agent = await startPrintAgent(baseURL ?? '');
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await waitForServiceWorker(page);
  await pairAgent(page, agent.url, agent.pairingCode);

  // Saved on hold with no connection: it waits in the outbox.
  await context.setOffline(true);
  await fillRegistration(page, 3101, ['T000000003101']);
  await saveOnHold(page);
  await expect(page.getByTestId('command-waiting')).toBeVisible();

  // Back online, the hold syncs and the kiosk opens the transaction.
  await context.setOffline(false);
  const number = await openedRegistration(page);
  expect(
    countRows("select count(*) as n from registrations where number = ? and status = 'on_hold'", [
      number,
    ]),
  ).toBe(1);

  // Confirming is online only: offline, the kiosk says so and nothing happens.
  await context.setOffline(true);
  await confirmWithSummary(page);
  await expect(askDialog(page).getByTestId('error-notice')).toContainText(
    'exige une connexion Internet',
  );
  await expect(page.getByTestId('registration-status')).toHaveText('En attente');
  await context.setOffline(false);

  await askDialog(page)
    .getByRole('button', { name: /^Confirmer et prélever/ })
    .click();
  await expect(page.getByTestId('registration-status')).toHaveText('Confirmée');
  await expect(page.getByTestId('plate-number')).toHaveText(/^[A-Z]\d{2} [A-Z]{3}$/);
  const issued = page.getByTestId('issued-documents');
  await expect(issued).toContainText('Plaque provisoire');
  await expect(issued).toContainText("Certificat d'immatriculation");
  await expect(issued).toContainText('Preuve de service');

  // Printed at once on the paired agent's file printer, as the summary said.
  await expect(issued.getByTestId('print-status')).toHaveText(['Imprimé', 'Imprimé', 'Imprimé'], {
    timeout: 60_000,
  });
  expect(agent.printedFiles()).toHaveLength(3);

  // Same-day cancellation: offline it keeps the reason typed; online it is done, with its proof.
  await page.locator('#cancel-reason').selectOption('sale_cancelled');
  await page.locator('#cancel-reason-text').fill('Le client a changé d’idée');
  await context.setOffline(true);
  await page.getByRole('button', { name: "Annuler l'immatriculation" }).click();
  await askDialog(page).getByRole('button', { name: 'Oui, annuler l’immatriculation' }).click();
  await expect(askDialog(page).getByTestId('error-notice')).toContainText(
    'exige une connexion Internet',
  );
  await context.setOffline(false);
  await askDialog(page).getByRole('button', { name: 'Oui, annuler l’immatriculation' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Annulée');
  await expect(page.locator('#cancel-reason-text')).toHaveCount(0);
  await expect(issued).toContainText("Preuve d'annulation");

  const proof = issued.locator('li', { hasText: "Preuve d'annulation" });
  await proof.getByRole('button', { name: 'Imprimer' }).click();
  await expect(proof.getByTestId('print-status')).toHaveText('Imprimé', { timeout: 60_000 });
  expect(agent.printedFiles()).toHaveLength(4);

  expect(
    countRows(
      "select count(*) as n from registrations where number = ? and status = 'cancelled' and vin = ?",
      [number, vinFor(3101)],
    ),
  ).toBe(1);
});

test('the other registry services: inventory proof, checks, plate X numbers', async ({ page }) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');

  await page.getByRole('link', { name: 'Enregistrer en inventaire' }).click();
  await page.getByRole('link', { name: 'Nouvel enregistrement' }).click();
  await fillVehicle(page, 3401);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByTestId('issued-documents')).toContainText("Preuve d'enregistrement", {
    timeout: 30_000,
  });

  // Checks: the answer on screen, what was typed still in the field.
  await page.goto('/verifications');
  await page.locator('#right-subject').fill('B567890123456');
  await page.getByRole('button', { name: 'Vérifier' }).nth(1).click();
  await expect(page.getByTestId('right-result')).toContainText("Droit d'immatriculer bloqué");
  await expect(page.locator('#right-subject')).toHaveValue('B567890123456');
  await page.locator('#check-licence').fill('R345678901234');
  await page.getByRole('button', { name: 'Vérifier' }).first().click();
  await expect(page.getByTestId('licence-result')).toHaveText('Permis suspendu.');

  // Only the administrator orders dealer plates; the numbers come from the registry.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, 'demo-admin');
  await chooseLicence(page, 'L-100001');
  await page.getByRole('link', { name: 'Commander des plaques X' }).click();
  await page.locator('#platex-quantity').fill('2');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  // Asked first: the quantity, the cost and where the plates go.
  const ask = page.getByTestId('confirm-dialog');
  await expect(ask.getByRole('heading')).toHaveText('Commander 2 plaque(s) X ?');
  await expect(ask).toContainText('Aucuns frais prélevés au compte à la commande');
  await expect(ask.getByTestId('platex-address')).toContainText('Saint-Jérôme');
  await ask.getByRole('button', { name: 'Oui, commander' }).click();
  await expect(page.getByTestId('plate-numbers').locator('li')).toHaveText(
    [/^X\d{5}$/, /^X\d{5}$/],
    {
      timeout: 30_000,
    },
  );
});
