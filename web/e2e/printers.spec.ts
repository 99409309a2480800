import { signInAs } from './page-models/accounts.page';
import { createAtac } from './page-models/forms.page';
import { pairAgent } from './page-models/registration.page';
import { startPrintAgent, type AgentProcess } from './print-agent-process';
import { expect, test } from './fixtures';

let agent: AgentProcess | undefined;

test.afterEach(async () => {
  await agent?.stop();
  agent = undefined;
});

test('the printers screen shows each printer of the real agent, its queue and recent jobs', async ({
  page,
  baseURL,
}) => {
  await signInAs(page, 'demo-generic');
  await page.goto('/imprimantes');
  await expect(page.getByTestId('printers-unpaired')).toBeVisible();

  agent = await startPrintAgent(baseURL ?? '');
  await pairAgent(page, agent.url, agent.pairingCode);
  await page.goto('/imprimantes');
  const printer = page.getByTestId('printer-file');
  await expect(printer.getByRole('heading', { level: 2 })).toHaveText('Fichier PDF / PDF file');
  await expect(printer.getByTestId('printer-state')).toHaveText('Prête');
  await expect(printer).toContainText('Aucun travail en cours.');

  await createAtac(page, 8401);
  const number = /Document\s+(\S+)/.exec(
    (await page.getByTestId('document-number').textContent({ timeout: 30_000 })) ?? '',
  )?.[1];
  if (!number) throw new Error('The ATAC has no number');
  await page.getByRole('button', { name: 'Imprimer', exact: true }).click();
  await expect.poll(() => agent?.printedFiles().length).toBe(1);

  await page.goto('/imprimantes');
  const recent = page.getByTestId('recent-jobs');
  await expect(recent.getByRole('row', { name: new RegExp(number) })).toContainText(
    /Imprimé|Transmis/,
  );
  await expect(printer).toContainText('Aucun travail en cours.');

  // The agent goes away: the screen says so and where it looked.
  const url = agent.url;
  await agent.stop();
  agent = undefined;
  await page.getByRole('button', { name: 'Actualiser' }).click();
  await expect(page.getByRole('alert')).toContainText(
    `L'agent d'impression ne répond pas (${url})`,
  );
});
