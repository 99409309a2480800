/**
 * Time to render one provisional plate PDF with the shared layouts (pdf-lib, fonts embedded,
 * vector QR), next to the usual alternative measured in the same run: a warm Chromium
 * printing an equivalent HTML page with `page.pdf()` (same fonts, same QR data as SVG).
 * Both sides build the QR code from the URL on every render. Prints `BENCH {...}` lines.
 *
 * Run from `shared/`: `node --import tsx bench/render-pdf.bench.ts`
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { renderDocumentPdf, sampleDocument } from '../src/documents/index.js';
import { embeddedFontsBase64 } from '../src/documents/fonts/embedded-fonts.js';
import { paperDateTime } from '../src/documents/paper-text.js';

const WARMUP_RENDERS = 10;
const MEASURED_RENDERS = 50;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const document = sampleDocument('provisional_plate');
// A URL as long as a real one: origin, number and the 119-character compact token.
const qrUrl = `https://comptoir.example/verifier/${document.number}?t=${'A'.repeat(119)}`;
// What the layouts printed before issue 18 (fonts parsed per document, 262-character JWS token).
const BASELINE_COMMIT = '302aa34';
const baselineQrUrl = `https://comptoir.example/verifier/${document.number}?t=${'e'.repeat(262)}`;

/**
 * The layouts of {@link BASELINE_COMMIT}, extracted from git next to the dependencies (so that
 * they resolve pdf-lib and fontkit the same way), to time them in this very run.
 */
async function baselineRenderer(): Promise<typeof renderDocumentPdf | undefined> {
  const dir = new URL(`../node_modules/.cache/bench-baseline-${BASELINE_COMMIT}/`, import.meta.url)
    .pathname;
  try {
    if (!existsSync(`${dir}shared/src`)) {
      mkdirSync(dir, { recursive: true });
      const archive = execFileSync('git', ['archive', BASELINE_COMMIT, 'shared/src'], {
        cwd: new URL('../../', import.meta.url).pathname,
      });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
    }
    const module = (await import(`${dir}shared/src/documents/index.ts`)) as {
      renderDocumentPdf: typeof renderDocumentPdf;
    };
    return module.renderDocumentPdf;
  } catch (error) {
    console.log(`baseline ${BASELINE_COMMIT} unavailable (${String(error)})`);
    return undefined;
  }
}

interface Timing {
  meanMs: number;
  p95Ms: number;
  bytes: number;
}

/** Runs `render` after a warm-up and returns the mean and 95th percentile of single renders. */
async function time(render: () => Promise<Uint8Array>): Promise<Timing> {
  let bytes = 0;
  for (let i = 0; i < WARMUP_RENDERS; i++) bytes = (await render()).length;
  const samples: number[] = [];
  for (let i = 0; i < MEASURED_RENDERS; i++) {
    const start = performance.now();
    await render();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  const p95 = samples[Math.ceil(samples.length * 0.95) - 1] ?? Number.NaN;
  return { meanMs: mean, p95Ms: p95, bytes };
}

/** The same plate as HTML: what a Chromium-based renderer would print. */
async function plateHtml(): Promise<string> {
  const qrSvg = await QRCode.toString(qrUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  const { vehicle, dealer } = document;
  return `<!doctype html><html lang="fr-CA"><head><meta charset="utf-8"><style>
@font-face { font-family: Doc; src: url(data:font/ttf;base64,${embeddedFontsBase64.regular}); }
@font-face { font-family: Doc; font-weight: bold; src: url(data:font/ttf;base64,${embeddedFontsBase64.bold}); }
@page { size: letter; margin: 14mm; }
body { font-family: Doc; margin: 0; }
h1 { text-align: center; font-size: 17pt; margin: 0; } .sub { text-align: center; font-size: 11pt; }
.plate { border: 2.5pt solid #000; text-align: center; padding: 12pt 0; overflow: hidden; }
.plate span { display: inline-block; font-weight: bold; font-size: 180pt; line-height: 1;
  transform: scaleX(0.62); transform-origin: center; white-space: nowrap; }
.expiry { text-align: center; font-weight: bold; font-size: 26pt; margin-top: 16pt; }
.where { text-align: center; font-weight: bold; font-size: 14pt; margin-top: 12pt; }
.grid { display: flex; justify-content: space-between; margin-top: 16pt; } .qr svg { width: 48mm; }
</style></head><body>
<h1>PLAQUE D'IMMATRICULATION PROVISOIRE</h1><div class="sub">Provisional registration plate</div>
<div class="plate"><span>${document.plateNumber}</span></div>
<div class="expiry">EXPIRE LE ${paperDateTime(document.expiresAt)}</div>
<div class="sub">Expires ${paperDateTime(document.expiresAt)} (heure de Montréal / Montréal time)</div>
<div class="where">À apposer en haut à gauche de la lunette arrière</div>
<div class="sub">Affix at the top left of the rear window</div>
<div class="grid"><div><b>Numéro / Number : ${document.number}</b><br>
Émise le / Issued : ${paperDateTime(document.issuedAt)}<br><br>
<b>${vehicle.year} ${vehicle.make} ${vehicle.model}</b><br>NIV / VIN : ${vehicle.vin}<br><br>
${dealer.name} — NEQ ${dealer.neq} — Licence SAAQ / SAAQ licence ${document.licence}</div>
<div class="qr">${qrSvg}</div></div>
<p>Valide 45 jours. La plaque métallique portant ce numéro est postée au client (10 à 20 jours).</p>
</body></html>`;
}

async function chromiumRender(page: Page): Promise<Uint8Array> {
  await page.setContent(await plateHtml());
  return page.pdf({ format: 'Letter', printBackground: true });
}

function report(name: string, figure: number, unit: string, baseline: number, note: string): void {
  const line = {
    name,
    figure: Number(figure.toFixed(2)),
    unit,
    baseline: Number(baseline.toFixed(2)),
    baselineName: 'Chromium page.pdf(), warm browser',
    note,
  };
  console.log(`BENCH ${JSON.stringify(line)}`);
}

const renderBefore = await baselineRenderer();
const before =
  renderBefore &&
  (await time(() => renderBefore(document, { mark: 'original', qrUrl: baselineQrUrl })));
const pdfLib = await time(() => renderDocumentPdf(document, { mark: 'original', qrUrl }));
if (before) {
  const line = (name: string, figure: number, baseline: number) =>
    console.log(
      `BENCH ${JSON.stringify({
        name,
        figure: Number(figure.toFixed(2)),
        unit: 'ms',
        baseline: Number(baseline.toFixed(2)),
        baselineName: `layouts of ${BASELINE_COMMIT} (before #18), same run`,
        note: `aim <= 5 ms mean; ${Math.round(pdfLib.bytes / 1024)} KB vs ${Math.round(before.bytes / 1024)} KB (whole Latin Extended fonts embedded)`,
      })}`,
    );
  line('provisional plate PDF, mean render time vs before #18', pdfLib.meanMs, before.meanMs);
  line('provisional plate PDF, p95 render time vs before #18', pdfLib.p95Ms, before.p95Ms);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
let browserTiming: Timing;
try {
  const page = await browser.newPage();
  browserTiming = await time(() => chromiumRender(page));
} finally {
  await browser.close();
}

const runs = `${MEASURED_RENDERS} renders after ${WARMUP_RENDERS} warm-up`;
report(
  'provisional plate PDF, renders per second (pdf-lib)',
  1000 / pdfLib.meanMs,
  'renders/s',
  1000 / browserTiming.meanMs,
  `ratio = speed-up; ${runs}; ${Math.round(pdfLib.bytes / 1024)} KB vs ${Math.round(browserTiming.bytes / 1024)} KB`,
);
report('provisional plate PDF, mean render time', pdfLib.meanMs, 'ms', browserTiming.meanMs, runs);
report('provisional plate PDF, p95 render time', pdfLib.p95Ms, 'ms', browserTiming.p95Ms, runs);
