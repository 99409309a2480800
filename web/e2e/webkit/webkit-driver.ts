import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Builder, type WebDriver } from 'selenium-webdriver';
import { freePort } from '../server-process';

/**
 * WebKit for the end-to-end tests: Debian's WebKitGTK (`webkit2gtk-driver`: `WebKitWebDriver`,
 * and its `MiniBrowser`) on a private Xvfb display, driven over W3C WebDriver with
 * `selenium-webdriver`. Playwright's own WebKit is a download, and nothing is downloaded here:
 * the test environment installs both packages (scripts/test-env.mjs) like Chromium.
 */

/** Where Debian puts the WebKitGTK tools (the multiarch folder depends on the machine). */
function miniBrowserPath(): string {
  const fromEnv = process.env.WEBKIT_MINIBROWSER_PATH;
  if (fromEnv) return fromEnv;
  for (const folder of readdirSync('/usr/lib')) {
    const candidate = join('/usr/lib', folder, 'webkit2gtk-4.1', 'MiniBrowser');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'WebKitGTK MiniBrowser not found: install webkit2gtk-driver (npm test does it as root on Debian), ' +
      'or set WEBKIT_MINIBROWSER_PATH.',
  );
}

const WEBDRIVER_PATH = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';

/** A running `WebKitWebDriver` on its own X display. */
export interface WebKitDriverServer {
  /** A new browser session (a fresh MiniBrowser with an empty, ephemeral profile). */
  newSession(options?: SessionOptions): Promise<WebDriver>;
  stop(): Promise<void>;
}

/** What a session needs beyond the defaults. */
export interface SessionOptions {
  /**
   * Certificates WebKit accepts for a host: stands for the site CA an iPad trusts through the
   * configuration profile (WebKitGTK reads the system's trust store, which a test must not
   * change; Safari reads the profile's).
   */
  certificates?: { host: string; certificateFile: string }[];
}

/** Resolves when `stream` writes a line (Xvfb's `-displayfd` answer: the display it took). */
function firstLine(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    stream.once('end', () => reject(new Error('Xvfb ended without naming its display')));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}

/** Starts Xvfb (a free display, chosen by Xvfb itself) and WebKitWebDriver on a free port. */
export async function startWebKitDriver(): Promise<WebKitDriverServer> {
  const browserBinary = miniBrowserPath();
  // -displayfd: Xvfb picks an unused display and writes its number to fd 3, so parallel runs
  // on one machine never fight over ":99".
  const xvfb = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  const displayFd = xvfb.stdio[3];
  if (!displayFd || !('setEncoding' in displayFd)) throw new Error('Xvfb has no display pipe');
  const display = `:${await firstLine(displayFd as Readable)}`;

  const port = await freePort();
  const driver = spawn(WEBDRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
    // Not kept with the servers' logs: a driver's trace may echo what the test typed.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/status`)).ok) break;
    } catch {
      // not listening yet
    }
    if (driver.exitCode !== null || Date.now() > deadline) {
      await stopProcess(xvfb);
      throw new Error('WebKitWebDriver did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    async newSession(options = {}) {
      return new Builder()
        .usingServer(url)
        .withCapabilities({
          browserName: 'MiniBrowser',
          // Commands go on once the document is parsed: the kiosk's background requests (sync,
          // agent health) must not hold a navigation.
          pageLoadStrategy: 'eager',
          'webkitgtk:browserOptions': {
            binary: browserBinary,
            args: ['--automation'],
            ...(options.certificates && { certificates: options.certificates }),
          },
        })
        .build();
    },
    async stop() {
      await stopProcess(driver);
      await stopProcess(xvfb);
    },
  };
}
