import { newId } from '@comptoir/shared';
import { countRows, expect, signIn, test } from './fixtures';
import { seriousViolations } from './page-models/a11y.page';
import { askDialog, setRegistrationFee } from './page-models/counter.page';
import {
  chooseLicence,
  fillRegistration,
  openedRegistration,
  saveOnHold,
} from './page-models/registration.page';

/*
 * Money and irreversible acts at the counter: the summary shown before a confirmation, a fee
 * that moved between the summary and the tap, a cancellation asked first (its reason "Autre"
 * described), each said done.
 */

const SCHEDULE_FEE_CENTS = 22_500;

test.afterEach(() => {
  setRegistrationFee('automobile', SCHEDULE_FEE_CENTS);
});

test('a registration is confirmed from its summary, a moved fee refused, then cancelled after a question', async ({
  page,
}) => {
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await fillRegistration(page, 3811, ['T000000003811']);
  await saveOnHold(page);
  const number = await openedRegistration(page);

  // The summary: the fee by line and its total, the masked account, the plate series, the
  // papers, and (no printer paired) how they will be printed.
  const open = page.getByRole('button', { name: 'Confirmer (client présent)' });
  await open.click();
  const dialog = askDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('fee-summary')).toContainText('Droits d’immatriculation');
  await expect(dialog.getByTestId('fee-total')).toHaveText(/225,00\s\$/);
  await expect(dialog.getByTestId('fee-account')).toContainText('•••');
  await expect(dialog.getByTestId('fee-papers').locator('li')).toHaveText([
    'Plaque provisoire',
    "Certificat d'immatriculation",
    'Preuve de service',
  ]);
  await expect(dialog).toContainText('Promenade');
  await expect(dialog).toContainText('Aucune imprimante n’est jumelée');
  expect(await seriousViolations(page)).toEqual([]);

  // Escape closes the question without acting; focus is back on what opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  await expect(page.getByTestId('registration-status')).toHaveText('En attente');

  // The schedule changes while the client reads the summary: refused, nothing debited, the
  // summary now shows the new amount.
  await open.click();
  setRegistrationFee('automobile', 23_000);
  await dialog.getByRole('button', { name: /^Confirmer et prélever 225,00/ }).click();
  await expect(dialog.getByTestId('error-notice')).toContainText('Les frais ont changé');
  await expect(dialog.getByTestId('error-notice')).toContainText('230,00');
  await expect(dialog.getByTestId('fee-total')).toHaveText(/230,00\s\$/);
  await expect(page.getByTestId('registration-status')).toHaveText('En attente');
  expect(
    countRows('select count(*) as n from bank_debits where transaction_number = ?', [number]),
  ).toBe(0);

  // Confirmed at the amount shown; said done, and how to print without a printer.
  await dialog.getByRole('button', { name: /^Confirmer et prélever 230,00/ }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Confirmée');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('done-notice')).toContainText('Immatriculation confirmée');
  await expect(page.getByTestId('done-notice')).toContainText('230,00');
  await expect(page.getByTestId('how-to-print')).toContainText('Imprimer tous les documents');
  expect(
    countRows(
      "select count(*) as n from bank_debits where transaction_number = ? and direction = 'debit' and amount_cents = 23000",
      [number],
    ),
  ).toBe(1);

  // "Autre" alone is refused beside the field, before any question.
  await page.locator('#cancel-reason').selectOption('other');
  await page.getByRole('button', { name: "Annuler l'immatriculation" }).click();
  await expect(page.locator('#cancel-reason-text-error')).toContainText('Précisez la raison');
  await expect(dialog).toBeHidden();

  // Described, the question shows the papers voided and the fee refunded.
  await page.locator('#cancel-reason-text').fill('Le client part vivre en Ontario');
  await page.getByRole('button', { name: "Annuler l'immatriculation" }).click();
  const preview = dialog.getByTestId('cancel-preview');
  await expect(preview).toContainText('Plaque provisoire PP-');
  await expect(preview).toContainText("Certificat d'immatriculation CI-");
  await expect(dialog.getByTestId('cancel-refund')).toHaveText(/230,00\s\$/);
  await expect(preview).toContainText('Autre — Le client part vivre en Ontario');
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Oui, annuler l’immatriculation' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Annulée');
  await expect(page.getByTestId('done-notice')).toContainText('Immatriculation annulée');
  await expect(page.getByTestId('done-notice')).toContainText('230,00');
  expect(
    countRows(
      "select count(*) as n from registrations where number = ? and status = 'cancelled' and cancel_reason_text = ?",
      [number, 'Le client part vivre en Ontario'],
    ),
  ).toBe(1);
});

test('a staff suspension shows the licence looked up, before and after, and says it is done', async ({
  page,
  browser,
}) => {
  const suspensions = () =>
    countRows("select count(*) as n from audit_log where event = 'licence.suspended'");
  const suspendedBefore = suspensions();
  await signIn(page, 'demo-staff');
  await page.goto('/autorite/licences');
  await page.locator('#staff-licence').fill('L-100002');
  await page.locator('#staff-reason').fill('Vérification de conformité');
  const suspend = page.getByRole('button', { name: 'Suspendre', exact: true });
  await suspend.click();

  const dialog = askDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Suspendre la licence L-100002 ?');
  const change = dialog.getByTestId('licence-change');
  await expect(change.locator('tbody tr').first()).toHaveText(/État\s*Active\s*Suspendue/);
  await expect(dialog).toContainText('Vérification de conformité');
  expect(await seriousViolations(page)).toEqual([]);

  // Going back changes nothing.
  await dialog.getByRole('button', { name: 'Retour' }).click();
  await expect(dialog).toBeHidden();
  await expect(suspend).toBeFocused();
  expect(suspensions()).toBe(suspendedBefore);

  await suspend.click();
  await dialog.getByRole('button', { name: 'Oui, suspendre' }).click();
  await expect(page.getByTestId('done-notice')).toHaveText(
    'C’est fait : licence L-100002 suspendue.',
  );
  await expect(page.getByTestId('licence-state')).toContainText('Licence L-100002 suspendue.');

  // The dealer's kiosk: the picker and the home page say it, its issuing services say why.
  const dealer = await browser.newContext();
  const kiosk = await dealer.newPage();
  await signIn(kiosk, 'demo-admin');
  const suspendedChoice = kiosk.getByRole('button', { name: /L-100002/ });
  await expect(suspendedChoice.getByTestId('licence-suspended-badge')).toHaveText('Suspendue');
  await expect(
    kiosk.getByRole('button', { name: /L-100001/ }).getByTestId('licence-suspended-badge'),
  ).toHaveCount(0);
  expect(await seriousViolations(kiosk)).toEqual([]);
  await suspendedChoice.click();
  await expect(kiosk.getByTestId('licence-suspended')).toContainText(
    'La licence L-100002 est suspendue par la SAAQ',
  );
  const disabled = kiosk.getByTestId('tile-disabled');
  await expect(disabled.filter({ hasText: 'Attestation' })).toContainText(
    'Indisponible : licence suspendue',
  );
  await expect(disabled.filter({ hasText: 'Transit' })).toHaveAttribute('aria-disabled', 'true');
  await expect(kiosk.getByRole('link', { name: 'Certificat de transit' })).toHaveCount(0);
  // Checks stay open.
  await expect(kiosk.getByRole('link', { name: /Validité du permis/ })).toBeVisible();
  expect(await seriousViolations(kiosk)).toEqual([]);

  // Reinstated the same way (the demo licence serves other specs).
  await page.getByRole('button', { name: 'Rétablir' }).click();
  await expect(dialog.getByTestId('licence-change').locator('tbody tr').first()).toHaveText(
    /État\s*Suspendue\s*Active/,
  );
  await dialog.getByRole('button', { name: 'Oui, rétablir' }).click();
  await expect(page.getByTestId('done-notice')).toHaveText(
    'C’est fait : licence L-100002 rétablie.',
  );
  // The dealer's kiosk hears it again (here at its next start; a sync says it too).
  await kiosk.reload();
  await expect(kiosk.getByTestId('licence-suspended')).toHaveCount(0);
  await expect(kiosk.getByRole('link', { name: 'Certificat de transit' })).toBeVisible();
  await dealer.close();
});

test('a staff decision on a cap request asks first with the request and the reasons, and says it is done', async ({
  page,
  browser,
}) => {
  // The dealer's administrator asks for two more provisional plates this week.
  const dealer = await browser.newContext();
  const admin = await dealer.newPage();
  await signIn(admin, 'demo-admin');
  const asked = await admin.request.post('/api/cap-requests?licence=L-100001', {
    headers: { origin: new URL(admin.url()).origin },
    data: {
      id: newId(),
      licence: 'L-100001',
      kind: 'provisional_plate',
      extraUnits: 2,
      reason: 'Salon de l’auto ce week-end',
    },
  });
  expect(asked.status()).toBe(201);
  await dealer.close();
  const decisions = () =>
    countRows("select count(*) as n from cap_requests where status <> 'pending'");
  const decidedBefore = decisions();

  await signIn(page, 'demo-staff');
  await page.goto('/autorite/demandes');
  const request = page.locator('li', { hasText: 'Salon de l’auto ce week-end' });
  await request.getByLabel(/Mot pour le commerçant/).fill('Volume habituel du salon');
  await request.getByRole('button', { name: 'Approuver' }).click();
  const dialog = askDialog(page);
  await expect(dialog.getByRole('heading')).toHaveText(
    'Approuver la demande de la licence L-100001 ?',
  );
  await expect(dialog).toContainText('2 plaques provisoires de plus');
  await expect(dialog).toContainText('Salon de l’auto ce week-end');
  await expect(dialog).toContainText('Volume habituel du salon');
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Retour' }).click();
  await expect(dialog).toBeHidden();
  expect(decisions()).toBe(decidedBefore);

  await request.getByRole('button', { name: 'Approuver' }).click();
  await dialog.getByRole('button', { name: 'Oui, approuver' }).click();
  await expect(page.getByTestId('done-notice')).toHaveText(
    'C’est fait : demande de la licence L-100001 approuvée.',
  );
  expect(decisions()).toBe(decidedBefore + 1);
});
