import { chromium, type Browser } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vinFor } from '../src/lib/testing/command.factory';
import { signInAs } from './page-models/accounts.page';
import { writeBarcodeVideo } from './page-models/fake-camera';
import { expect, test } from './fixtures';

const VIN = vinFor(8301);

test('the VIN field upper-cases as you type and names the wrong character', async ({ page }) => {
  await signInAs(page, 'demo-generic');
  await page.goto('/atac/nouvelle');
  const vin = page.locator('#vehicle-vin');
  const check = page.getByTestId('vehicle-vin-check');
  await expect(vin).toHaveAttribute('autocapitalize', 'characters');

  await vin.pressSequentially('2hgf o');
  await expect(vin).toHaveValue('2HGFO');
  await expect(check).toHaveText(/Caractère 5 \(« O »\).*I, O et Q/);
  await expect(vin).toHaveAttribute('aria-invalid', 'true');

  await vin.fill(`${VIN.slice(0, 8)}${VIN.charAt(8) === '1' ? '2' : '1'}${VIN.slice(9)}`);
  await expect(check).toHaveText(/Caractère 9 .*chiffre de contrôle/);
  await vin.fill(VIN.slice(0, 12).toLowerCase());
  await expect(check).toHaveText('12 caractères sur 17');
  await vin.fill(VIN);
  await expect(check).toHaveText('NIV valide.');
  await expect(vin).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByTestId('lang-toggle').click();
  await vin.fill('2HGFQ');
  await expect(check).toHaveText(/Character 5 \("Q"\).*I, O and Q/);
  await page.getByTestId('lang-toggle').click();
});

test.describe('camera scan', () => {
  let browser: Browser | undefined;
  let videoDir = '';

  test.beforeAll(async () => {
    const chromiumPath = process.env.CHROMIUM_PATH;
    if (!chromiumPath) throw new Error('CHROMIUM_PATH is not set (e.g. /usr/bin/chromium).');
    videoDir = await mkdtemp(join(tmpdir(), 'comptoir-vin-video-'));
    const video = join(videoDir, 'vin-barcode.y4m');
    await writeBarcodeVideo(video, VIN);
    // A browser of its own: the fake camera is a launch flag, it plays the barcode video.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  });

  test.afterAll(async () => {
    await browser?.close();
    if (videoDir) await rm(videoDir, { recursive: true, force: true });
  });

  test('a Code 39 VIN label seen by the camera fills the VIN field, all from our origin', async ({
    baseURL,
  }) => {
    if (!browser || !baseURL) throw new Error('The fake-camera browser did not start');
    const context = await browser.newContext({
      baseURL,
      locale: 'fr-CA',
      permissions: ['camera'],
    });
    const page = await context.newPage();
    const foreignRequests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(baseURL).origin) {
        foreignRequests.push(request.url());
      }
    });
    const wasmLoads: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.wasm'))
        wasmLoads.push(`${String(response.status())} ${response.url()}`);
    });
    try {
      await signInAs(page, 'demo-generic');
      await page.goto('/atac/nouvelle');
      await page.getByTestId('vehicle-vin-scan').click();
      const scanner = page.getByTestId('vin-scanner');
      await expect(scanner).toBeVisible();
      await expect(page.locator('#vehicle-vin')).toHaveValue(VIN, { timeout: 30_000 });
      await expect(scanner).toBeHidden();
      await expect(page.getByTestId('vehicle-vin-check')).toHaveText('NIV valide.');
      expect(foreignRequests).toEqual([]);
      // Chromium on Linux has no native BarcodeDetector: the polyfill's wasm came from us.
      expect(wasmLoads).toEqual([expect.stringMatching(new RegExp(`^200 ${baseURL}/_app/`))]);
    } finally {
      await context.close();
    }
  });
});
