import { By, type WebDriver, type WebElement } from 'selenium-webdriver';
import { vinFor } from '../../src/lib/testing/command.factory';

/**
 * The kiosk's screens in WebDriver terms, for the WebKit specs: the same steps as the Chromium
 * page models (`../page-models/`), through W3C WebDriver, so each step is what a person does
 * on an iPad (type, tap), never a script writing into the page's state.
 */

const DEFAULT_TIMEOUT = 20_000;

/** Polls `probe` until it returns a value other than `undefined`/`false`, or fails with `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeout = DEFAULT_TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      // The element may be between two renders (stale) or not there yet.
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`WebKit: timed out after ${timeout} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first element matching `css` once it is displayed. */
export function visible(driver: WebDriver, css: string, timeout?: number): Promise<WebElement> {
  return eventually(
    `${css} to show`,
    async () => {
      const [element] = await driver.findElements(By.css(css));
      return element && (await element.isDisplayed()) ? element : undefined;
    },
    timeout,
  );
}

/** Waits until the text of the element `css` matches `expected`; returns that text. */
export function textMatches(
  driver: WebDriver,
  css: string,
  expected: RegExp,
  timeout?: number,
): Promise<string> {
  return eventually(
    `${css} to read ${String(expected)}`,
    async () => {
      const [element] = await driver.findElements(By.css(css));
      const text = element ? await element.getText() : undefined;
      return text !== undefined && expected.test(text) ? text : undefined;
    },
    timeout,
  );
}

/** Waits until the page's path matches `expected`. */
export function pathMatches(driver: WebDriver, expected: RegExp, timeout?: number) {
  return eventually(
    `the address to match ${String(expected)}`,
    async () => {
      const path = new URL(await driver.getCurrentUrl()).pathname;
      return expected.test(path) ? path : undefined;
    },
    timeout,
  );
}

/** Types `value` into the field `css` (emptied first), as a keyboard does. */
export async function fill(driver: WebDriver, css: string, value: string): Promise<void> {
  const field = await visible(driver, css);
  await field.clear();
  await field.sendKeys(value);
}

/** Taps the button whose text is exactly `label`. */
export async function tapButton(driver: WebDriver, label: string): Promise<void> {
  const xpath = `//button[normalize-space()=${JSON.stringify(label)}]`;
  const button = await eventually(`the button "${label}"`, async () => {
    const [element] = await driver.findElements(By.xpath(xpath));
    return element && (await element.isDisplayed()) && (await element.isEnabled())
      ? element
      : undefined;
  });
  // As a person does: scrolled to the middle of the screen, clear of the docked status bar.
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", button);
  await button.click();
}

/** The level-1 heading's text once it matches `expected`. */
export function headingMatches(driver: WebDriver, expected: RegExp, timeout?: number) {
  return textMatches(driver, 'h1', expected, timeout);
}

/** Signs in through the sign-in screen; single-licence accounts land on the home screen. */
export async function signIn(driver: WebDriver, origin: string, username: string): Promise<void> {
  await driver.get(`${origin}/connexion`);
  await fill(driver, '#username', username);
  await fill(driver, '#password', 'demo-password');
  await tapButton(driver, 'Se connecter');
  await headingMatches(driver, /Services/);
}

/** Waits until the service worker controls the page (the app shell is then cached). */
export async function waitForServiceWorker(driver: WebDriver): Promise<void> {
  await eventually('the service worker to control the page', async () =>
    driver.executeScript<boolean>(
      'return Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)',
    ),
  );
}

async function fillVehicle(driver: WebDriver, index: number): Promise<void> {
  await fill(driver, '#vehicle-vin', vinFor(index));
  await fill(driver, '#vehicle-make', 'Honda');
  await fill(driver, '#vehicle-model', 'Civic');
  await fill(driver, '#vehicle-year', '2019');
  await fill(driver, '#vehicle-mass', '1300');
  await fill(driver, '#vehicle-odometer', '42000');
}

async function fillPerson(driver: WebDriver, prefix: string, index: number): Promise<void> {
  await fill(driver, `#${prefix}-first-name`, 'Marie');
  await fill(driver, `#${prefix}-last-name`, `Tremblay${index}`);
  await fill(driver, `#${prefix}-licence`, `T${String(index).padStart(12, '0')}`);
  await fill(driver, `#${prefix}-line1`, '123, rue Principale');
  await fill(driver, `#${prefix}-city`, 'Québec');
  await fill(driver, `#${prefix}-postal`, 'G1R 4P5');
}

/**
 * Opens `path` inside the app: from a page the app already shows, through the router (a link
 * tap), so that an offline kiosk without a server still gets there from its cached shell.
 */
export async function openInApp(driver: WebDriver, path: string): Promise<void> {
  await driver.executeScript(
    `const link = document.createElement('a');
     link.href = arguments[0];
     document.body.append(link);
     link.click();
     link.remove();`,
    path,
  );
  await pathMatches(driver, new RegExp(`^${path}$`));
}

/** Creates an ATAC through its form; returns once the waiting/issued view shows. */
export async function createAtac(driver: WebDriver, index: number): Promise<void> {
  await openInApp(driver, '/atac/nouvelle');
  await fillVehicle(driver, index);
  await fillPerson(driver, 'buyer-0', index);
  await fill(driver, '#sale-price', '25000');
  await fill(driver, '#gst', '1250');
  await fill(driver, '#qst-base', '25000');
  await tapButton(driver, 'Enregistrer');
  await pathMatches(driver, /^\/file-attente\/[0-9a-f-]+$/);
}

/** Issues a 10-day transit through its form. */
export async function createTransit(driver: WebDriver, index: number): Promise<void> {
  await openInApp(driver, '/transit/nouveau');
  await (await visible(driver, '#days option[value="10"]')).click();
  await fillVehicle(driver, index);
  await fillPerson(driver, 'holder', index);
  await tapButton(driver, 'Enregistrer');
  await pathMatches(driver, /^\/file-attente\/[0-9a-f-]+$/);
}

/** Pairs the kiosk with the agent at `agentUrl` from the settings screen. */
export async function pairAgent(
  driver: WebDriver,
  agentUrl: string,
  pairingCode: string,
): Promise<void> {
  await openInApp(driver, '/reglages');
  await fill(driver, '#agent-url', agentUrl);
  await fill(driver, '#pairing-code', pairingCode);
  await tapButton(driver, 'Jumeler');
  await eventually('"Poste jumelé."', async () => {
    const statuses = await driver.findElements(By.css('[role="status"]'));
    for (const status of statuses) if ((await status.getText()) === 'Poste jumelé.') return true;
    const [alert] = await driver.findElements(By.css('[role="alert"]'));
    if (alert) throw new Error(`pairing refused: ${await alert.getText()}`);
    return false;
  });
}

/** The document number the issued view shows, once the server issued it. */
export async function issuedNumber(driver: WebDriver, timeout = 60_000): Promise<string> {
  const text = await textMatches(
    driver,
    '[data-testid="document-number"]',
    /Document\s+\S+/,
    timeout,
  );
  const number = /Document\s+(\S+)/.exec(text)?.[1];
  if (!number) throw new Error(`No document number in "${text}"`);
  return number;
}
