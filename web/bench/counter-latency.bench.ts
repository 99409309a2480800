/**
 * Counter latency, as a dealer feels it: in Debian's Chromium against the production build
 * with the real print agent (file printer), the time from "Enregistrer" on the ATAC form to a
 * visible confirmation (the outbox write, local), to the issued document on screen (push
 * right after the write, the server's answer, the document shown), from "Imprimer" to the PDF
 * in the file printer's folder, and to "Imprimé" on screen.
 *
 * Baseline, measured in the same run on the same server and agent: the kiosk following the
 * job the way it did before the long poll, every 500 ms (the `wait` and `state` parameters are
 * taken off its `GET /jobs/:id` requests, so the agent answers at once as an older agent does
 * and the kiosk paces its asks). The two modes alternate save by save, so the machine's load
 * weighs on both alike. Times are taken in the page (click event to the element in the DOM,
 * `performance.now()`), the PDF's by its mtime against the click's wall-clock time (the same
 * machine's clock). "Imprimer" is clicked a second after the preview shows, as a person reads
 * the document first. Median of RUNS saves per mode.
 *
 * Run after the build, with cwd web/: `node --import tsx bench/counter-latency.bench.ts`.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillPerson, fillVehicle } from '../e2e/page-models/forms.page';
import { startPrintAgent, type AgentProcess } from '../e2e/print-agent-process';
import { freePort, startServer } from '../e2e/server-process';

const RUNS = 5;
/** The pause before "Imprimer": a person reads the document first. */
const READING_MS = 1_000;

function bench(line: Record<string, unknown>): void {
  process.stdout.write(`BENCH ${JSON.stringify(line)}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Times of one save, in ms from the click on "Enregistrer". */
interface SaveTimes {
  confirmation: number;
  document: number;
}

/** Times of one save and its print (from the click on "Imprimer"), in ms. */
interface RunTimes extends SaveTimes {
  print: number;
  printed: number;
}

type Mode = 'long-poll' | 'poll';

/**
 * Watches the DOM from the click on "Enregistrer": the first confirmation (the queued
 * command's page, or the document itself) and the issued document (its facts shown); then
 * from the click on "Imprimer" (kept as wall-clock time, to compare with the PDF's mtime) to
 * "Imprimé" in the print status. A string, not a function: tsx names functions through a
 * helper the page does not have.
 */
const WATCH = `(() => {
  const marks = {};
  window.benchMarks = marks;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (marks.click !== undefined) {
      const shown = document.querySelector('[data-testid="document-status"]');
      const waiting = document.querySelector('[data-testid="document-waiting"]');
      if ((shown || waiting) && marks.confirmation === undefined) marks.confirmation = now - marks.click;
      if (shown && marks.document === undefined) marks.document = now - marks.click;
    }
    if (marks.printClick !== undefined && marks.printed === undefined) {
      const status = document.querySelector('[data-testid="print-status"]');
      if (status && status.textContent.trim() === 'Imprimé') marks.printed = now - marks.printClick;
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (!button) return;
    if (button.type === 'submit' && marks.click === undefined) marks.click = performance.now();
    if (button.textContent.trim() === 'Imprimer' && marks.printClick === undefined) {
      marks.printClick = performance.now();
      marks.printClickEpoch = performance.timeOrigin + marks.printClick;
    }
  }, { capture: true });
})()`;

async function marksWhen(page: Page, mark: string): Promise<Record<string, number>> {
  const handle = await page.waitForFunction(
    `window.benchMarks && window.benchMarks.${mark} !== undefined && window.benchMarks`,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  return (await handle.jsonValue()) as Record<string, number>;
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/connexion');
  await page.locator('#username').fill('demo-generic');
  await page.locator('#password').fill('demo-password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor();
}

async function pair(page: Page, agent: AgentProcess): Promise<void> {
  await page.goto('/reglages');
  await page.locator('#agent-url').fill(agent.url);
  await page.locator('#pairing-code').fill(agent.currentPairingCode());
  await page.getByRole('button', { name: 'Jumeler' }).click();
  await page.getByText('Poste jumelé.').waitFor();
}

/** One ATAC saved then printed; vehicle `index` keeps every run's VIN unique. */
async function oneRun(page: Page, agent: AgentProcess, index: number): Promise<RunTimes> {
  await page.getByRole('link', { name: 'Accueil' }).click();
  await page.getByRole('link', { name: 'Attestation de transaction (ATAC)' }).click();
  await page.getByRole('link', { name: 'Nouvelle ATAC' }).click();
  await fillVehicle(page, index);
  await fillPerson(page, 'buyer-0', index);
  await page.locator('#sale-price').fill('25000');
  await page.locator('#gst').fill('1250');
  await page.locator('#qst-base').fill('25000');
  await page.evaluate(WATCH);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const saved = await marksWhen(page, 'document');

  // A person reads the document before printing: the preview is shown and its viewer loaded.
  await page.getByTestId('document-pdf').waitFor();
  await page.waitForTimeout(READING_MS);
  const before = new Set(agent.printedFiles());
  await page.getByRole('button', { name: 'Imprimer', exact: true }).click({ noWaitAfter: true });
  const printed = await marksWhen(page, 'printed');
  const pdf = agent.printedFiles().find((name) => !before.has(name));
  if (!pdf) throw new Error('"Imprimé" shown but no new PDF in the file printer folder');
  // The file is written to a temporary name then renamed: its mtime is its last byte.
  const written = statSync(join(agent.printedDir, pdf)).mtimeMs;
  return {
    confirmation: saved.confirmation ?? Number.NaN,
    document: saved.document ?? Number.NaN,
    print: written - (printed.printClickEpoch ?? Number.NaN),
    printed: printed.printed ?? Number.NaN,
  };
}

/** A signed-in, paired kiosk tab; in `poll` mode its job reads lose their long-poll query. */
async function kioskPage(context: BrowserContext, agent: AgentProcess, mode: Mode): Promise<Page> {
  const page = await context.newPage();
  if (mode === 'poll') {
    await page.route(`${agent.url}/jobs/*?*`, async (route) => {
      const url = new URL(route.request().url());
      url.search = '';
      await route.continue({ url: url.toString() });
    });
  }
  await signIn(page);
  await pair(page, agent);
  return page;
}

function medians(runs: RunTimes[]): RunTimes {
  return {
    confirmation: median(runs.map((r) => r.confirmation)),
    document: median(runs.map((r) => r.document)),
    print: median(runs.map((r) => r.print)),
    printed: median(runs.map((r) => r.printed)),
  };
}

async function main(): Promise<void> {
  const chromiumPath = process.env.CHROMIUM_PATH;
  if (!chromiumPath) {
    throw new Error(
      'CHROMIUM_PATH is not set: run the benches through `npm run bench`, or set it, e.g. CHROMIUM_PATH=/usr/bin/chromium.',
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-counter-'));
  const server = await startServer({ port: await freePort(), dataDir });
  const agent = await startPrintAgent(server.origin);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    // Two kiosks (two browser contexts, each its own IndexedDB), one per mode. The kiosk's
    // CSP forbids eval, which Playwright's string predicates need.
    const pages = new Map<Mode, Page>();
    for (const mode of ['long-poll', 'poll'] as const) {
      const context = await browser.newContext({
        baseURL: server.origin,
        locale: 'fr-CA',
        bypassCSP: true,
      });
      pages.set(mode, await kioskPage(context, agent, mode));
    }
    const runs = new Map<Mode, RunTimes[]>([
      ['long-poll', []],
      ['poll', []],
    ]);
    let index = 9100;
    // One untimed save each first: the form's and the document's code, the agent's first render.
    for (let run = 0; run <= RUNS; run += 1) {
      for (const [mode, page] of pages) {
        const times = await oneRun(page, agent, (index += 1));
        if (run > 0) runs.get(mode)?.push(times);
      }
    }
    const now = medians(runs.get('long-poll') ?? []);
    const before = medians(runs.get('poll') ?? []);
    const note = `median of ${String(RUNS)} ATAC saves, real agent, file printer`;
    const aims = [
      ['web.counter.save-to-confirmation', now.confirmation, 200],
      ['web.counter.save-to-document', now.document, 800],
      ['web.counter.print-to-pdf', now.print, 1000],
    ] as const;
    for (const [name, figure, aim] of aims) {
      bench({
        name,
        figure: Math.round(figure),
        unit: 'ms',
        baseline: aim,
        baselineName: 'aim',
        note,
      });
    }
    bench({
      name: 'web.counter.print-to-pdf (long poll)',
      figure: Math.round(now.print),
      unit: 'ms',
      baseline: Math.round(before.print),
      baselineName: '500 ms poll',
      note,
    });
    bench({
      name: 'web.counter.print-to-printed-on-screen (long poll)',
      figure: Math.round(now.printed),
      unit: 'ms',
      baseline: Math.round(before.printed),
      baselineName: '500 ms poll',
      note,
    });
    bench({
      name: 'web.counter.save-to-document (same run, poll kiosk)',
      figure: Math.round(now.document),
      unit: 'ms',
      baseline: Math.round(before.document),
      baselineName: '500 ms poll kiosk',
      note: 'both push right after the outbox write; a control, they should be alike',
    });
  } finally {
    await browser.close();
    await agent.stop();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
