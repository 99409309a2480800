import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Tokens from '../tokens/index.js';
import type * as Documents from './index.js';

/** What the IIFE bundle puts on `globalThis.Comptoir`. */
type BrowserBundle = typeof Documents & typeof Tokens;

// The kiosk renders previews and verifies tokens in the browser: this bundles the two entry
// points for the browser (no Node built-ins) and runs them in a real Chromium.
const chromiumPath = process.env.CHROMIUM_PATH;
const run = promisify(execFile);
let browser: Browser | undefined;
let bundle = '';
let workDir = '';

beforeAll(async () => {
  if (chromiumPath === undefined) return;
  const shared = fileURLToPath(new URL('../../', import.meta.url));
  const result = await build({
    stdin: {
      contents: "export * from './src/documents/index.ts'; export * from './src/tokens/index.ts';",
      resolveDir: shared,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'Comptoir',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  workDir = await mkdtemp(join(tmpdir(), 'comptoir-browser-'));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

function requireBrowser(): Browser {
  if (browser === undefined) {
    throw new Error(
      'CHROMIUM_PATH is not set: run the tests through `npm test` at the repository root, or set CHROMIUM_PATH=/usr/bin/chromium',
    );
  }
  return browser;
}

describe('in a real browser', { timeout: 120_000 }, () => {
  it('signs a document, verifies it and its QR token, then renders its preview PDF', async () => {
    const page = await requireBrowser().newPage();
    // WebCrypto needs a secure context (about:blank is not one); localhost is, and the route
    // answers in-process, so nothing listens and nothing leaves the machine.
    await page.route('http://localhost/', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>kiosk</title>' }),
    );
    await page.goto('http://localhost/');
    await page.addScriptTag({ content: bundle });
    const outcome = await page.evaluate(async () => {
      // Everything below runs in Chromium, against the global the bundle defined.
      const lib = (globalThis as unknown as { Comptoir: BrowserBundle }).Comptoir;
      const pair = await lib.generateSigningKeyPair();
      const key = await lib.importSigningKey(pair.privateJwk);
      const document = lib.sampleDocument('provisional_plate', {
        issuedBy: { signer: 'server', kid: pair.kid },
      });
      const jws = await lib.signDocument(document, key);
      const jwks = { keys: [pair.publicJwk] };
      const now = new Date('2026-12-01T00:00:00Z');
      const verified = await lib.verifyDocument(jws, jwks, { now });
      const token = await lib.signQrToken(document, key);
      const qr = await lib.verifyQrToken(token, jwks, { now, number: document.number });
      const legacy = await lib.signJwsQrToken(document, key);
      const legacyQr = await lib.verifyQrToken(legacy, jwks, { now });
      const qrUrl = lib.documentVerificationUrl('https://comptoir.example', document.number, token);
      const pdf = await lib.renderDocumentPdf(verified.document, { mark: 'preview', qrUrl });
      return { number: qr.number, formats: [qr.format, legacyQr.format], pdf: Array.from(pdf) };
    });
    await page.close();
    expect(outcome.number).toBe('PP-2026-000123');
    expect(outcome.formats).toEqual(['compact', 'jws']);
    const path = join(workDir, 'browser-plate.pdf');
    await writeFile(path, Uint8Array.from(outcome.pdf));
    const { stdout } = await run('pdftotext', [path, '-']);
    expect(stdout).toMatch(/A12\s+BCD/);
    expect(stdout).toContain('APERÇU / PREVIEW');
    expect(stdout).toContain('À apposer en haut à gauche de la lunette arrière');
  });
});
