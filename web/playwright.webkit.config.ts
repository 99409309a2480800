import { defineConfig } from '@playwright/test';
import chromiumConfig from './playwright.config';

/**
 * The WebKit specs (`e2e/webkit/*.webkit.ts`): the same production server, data dir, logs and
 * teardown as the Chromium run (./playwright.config.ts), but the specs drive WebKitGTK through
 * its WebDriver (`e2e/webkit/webkit-driver.ts`); Playwright's own browser is never started.
 */
export default defineConfig({
  ...chromiumConfig,
  testDir: './e2e/webkit',
  testMatch: '**/*.webkit.ts',
  // A WebKit session takes seconds to start on a busy machine; the idle lock waits a minute.
  timeout: 180_000,
});
