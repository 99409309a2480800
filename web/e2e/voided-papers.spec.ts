import { documentEnvelopeSchema, pairResponseSchema } from '@comptoir/shared';
import { z } from 'zod';
import { expect, signIn, test, waitForServiceWorker } from './fixtures';
import { askDialog, confirmWithSummary } from './page-models/counter.page';
import {
  chooseLicence,
  fillRegistration,
  openedRegistration,
  pairAgent,
  saveOnHold,
} from './page-models/registration.page';
import { startPrintAgent, type AgentProcess } from './print-agent-process';

let agent: AgentProcess | undefined;

test.afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

const healthSchema = z.object({
  revocations: z.object({ dealers: z.number(), voided: z.number() }),
});

// Issue 14: a voided paper never prints, at any door. The real server, the real agent and a
// real kiosk: after a same-day cancellation the kiosk offers no "Imprimer" for the plate, and
// the agent, told by the kiosk's next sync, refuses a job for it sent straight to it.
test('a provisional plate voided by a same-day cancellation: no print button, and the agent refuses it', async ({
  page,
  baseURL,
}) => {
  agent = await startPrintAgent(baseURL ?? '');
  await signIn(page, 'demo-agree');
  await chooseLicence(page, 'L-100001');
  await waitForServiceWorker(page);
  await pairAgent(page, agent.url, agent.pairingCode);

  await fillRegistration(page, 3801, ['T000000003801']);
  await saveOnHold(page);
  await openedRegistration(page);
  await confirmWithSummary(page);
  await expect(page.getByTestId('registration-status')).toHaveText('Confirmée');
  const issued = page.getByTestId('issued-documents');
  const plateRow = issued.locator('li', { hasText: 'Plaque provisoire' });
  await expect(plateRow.getByRole('button', { name: 'Imprimer' })).toBeVisible();
  const plateNumber = (await plateRow.getAttribute('data-document-number')) ?? '';
  expect(plateNumber).not.toBe('');

  await page.locator('#cancel-reason').selectOption('sale_cancelled');
  await page.locator('#cancel-reason-text').fill('Vente annulée');
  await page.getByRole('button', { name: "Annuler l'immatriculation" }).click();
  await askDialog(page).getByRole('button', { name: 'Oui, annuler l’immatriculation' }).click();
  const cancelledAt = Date.now();
  await expect(page.getByTestId('registration-status')).toHaveText('Annulée');

  // The kiosk offers no print for the voided plate, in the list and on its own page.
  await expect(plateRow.getByRole('button', { name: 'Imprimer' })).toHaveCount(0);
  await expect(plateRow.getByTestId('print-refused')).toHaveText(
    'Document annulé : il ne peut plus être imprimé.',
  );
  await page.goto(`/document/${plateNumber}`);
  await expect(page.getByTestId('document-status')).toHaveText(/annulé/i);
  await expect(page.getByRole('button', { name: /Imprimer|Réimprimer/ })).toHaveCount(0);
  await expect(page.getByTestId('print-refused')).toBeVisible();

  // The kiosk's next sync (every 15 s) hands the dealer's feed to the agent: within 60 s.
  const agentUrl = agent.url;
  await expect
    .poll(
      async () => {
        const health = healthSchema.parse(await (await fetch(`${agentUrl}/health`)).json());
        return health.revocations.voided;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBeGreaterThanOrEqual(2);
  test.info().annotations.push({
    type: 'void reached the agent after (ms)',
    description: String(Date.now() - cancelledAt),
  });

  // A job for the plate sent straight to the agent (another paired kiosk, the signed JWS the
  // server still serves) is refused with the stable code.
  const envelope = documentEnvelopeSchema.parse(
    await (await page.request.get(`/api/documents/${plateNumber}`)).json(),
  );
  const paired = await fetch(`${agentUrl}/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: agent.currentPairingCode() }),
  });
  const { token } = pairResponseSchema.parse(await paired.json());
  const printedBefore = agent.printedFiles().length;
  const refused = await fetch(`${agentUrl}/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ jobId: crypto.randomUUID(), document: envelope.jws, role: 'plate' }),
  });
  expect(refused.status).toBe(422);
  expect(await refused.json()).toMatchObject({ code: 'document_voided' });
  expect(agent.printedFiles()).toHaveLength(printedBefore);
});
