import type { Browser, BrowserContext, Page } from '@playwright/test';
import { seriousViolations, smallTouchTargets } from './page-models/a11y.page';
import { DEMO_USERS, signInAs, type DemoUser } from './page-models/accounts.page';
import { appPages, pathOf, type AppPage } from './page-models/app-routes';
import { createAtac } from './page-models/forms.page';
import { expect, test } from './fixtures';

/**
 * Every screen of the app, found on disk: axe finds no serious or critical violation and every
 * control is a 48 px touch target, in French at the 24-inch showroom size and on a 10-inch
 * tablet in portrait and landscape, and in English at one size. A screenshot of each is saved
 * with the test's artifacts.
 */

const SIZES = [
  { name: 'showroom-24in', width: 1920, height: 1080, locale: 'fr' },
  { name: 'tablet-10in-portrait', width: 800, height: 1280, locale: 'fr' },
  { name: 'tablet-10in-landscape', width: 1280, height: 800, locale: 'fr' },
  { name: 'showroom-24in-en', width: 1920, height: 1080, locale: 'en' },
] as const;

// Shared by the tests of this file (one worker): a signed-in context per account, and real
// parameter values made once from demo data.
const contexts = new Map<DemoUser, BrowserContext>();
/** Accounts that could not sign in to a screen of their own, and why. */
const unreachableUsers = new Map<DemoUser, string>();
let paramValues: Record<string, string> | undefined;

async function signedInPage(browser: Browser, user: DemoUser): Promise<Page> {
  let context = contexts.get(user);
  if (!context) {
    context = await browser.newContext();
    contexts.set(user, context);
    const page = await context.newPage();
    await signInAs(page, user);
    return page;
  }
  return context.pages()[0] ?? context.newPage();
}

/**
 * Opens `path` as the least privileged demo account that may see it: an account whose role
 * may not is shown the role gate (`forbidden`) or sent elsewhere, and the next one is tried.
 * So a screen added for any role is visited without editing this file.
 */
async function openAsAllowedAccount(browser: Browser, path: string): Promise<Page> {
  const refusals: string[] = [];
  for (const user of DEMO_USERS) {
    const unreachable = unreachableUsers.get(user);
    if (unreachable) {
      refusals.push(`${user} cannot sign in (${unreachable})`);
      continue;
    }
    let page: Page;
    try {
      page = await signedInPage(browser, user);
    } catch (error) {
      const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      unreachableUsers.set(user, why);
      refusals.push(`${user} cannot sign in (${why})`);
      continue;
    }
    await page.goto(path);
    const forbidden = page.getByTestId('forbidden');
    await expect(page.getByRole('heading', { level: 1 }).or(forbidden).first()).toBeVisible();
    const landed = new URL(page.url()).pathname;
    if (landed !== path) refusals.push(`${user} is sent to ${landed}`);
    else if (await forbidden.isVisible()) refusals.push(`${user} is refused`);
    else return page;
  }
  throw new Error(`No demo account may open ${path}: ${refusals.join('; ')}`);
}

/**
 * Parameter values that open real screens: an ATAC made through the form by the generic
 * account gives a command id and, once synced, a document number.
 */
async function realParams(browser: Browser): Promise<Record<string, string>> {
  if (paramValues) return paramValues;
  const page = await signedInPage(browser, 'demo-generic');
  await createAtac(page, 8101);
  const commande = new URL(page.url()).pathname.split('/').pop() ?? 'demo';
  const numberText = await page.getByTestId('document-number').textContent({ timeout: 30_000 });
  const numero = /Document\s+(\S+)/.exec(numberText ?? '')?.[1] ?? 'demo';
  paramValues = { commande, numero, number: numero };
  return paramValues;
}

/** Switches the kiosk's language with its toggle, as a person does. */
async function switchLanguage(page: Page, locale: 'fr' | 'en'): Promise<void> {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== locale) await page.getByTestId('lang-toggle').click();
  await expect(html).toHaveAttribute('lang', locale);
}

const publicPaths = new Set(['/(kiosk)/connexion']);

// Four sizes and languages per screen, each with axe: minutes on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

for (const appPage of appPages()) {
  test(`every size and language: ${appPage.routeId}`, async ({ browser }, testInfo) => {
    const params = appPage.params.length > 0 ? await realParams(browser) : {};
    const path = pathOf(appPage.routeId, params);
    const page = await pageFor(browser, appPage, path);
    try {
      if (new URL(page.url()).pathname !== path) await page.goto(path);
      // One load per screen: sizes change live (the layouts are responsive), the language
      // through the kiosk's own toggle.
      for (const size of SIZES) {
        // Public pages (document verification) are bilingual in one page: one language pass.
        if (!appPage.isKiosk && size.locale !== 'fr') continue;
        await page.setViewportSize({ width: size.width, height: size.height });
        if (appPage.isKiosk) await switchLanguage(page, size.locale);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await page.screenshot({
          path: testInfo.outputPath(`${slug(path)}--${size.name}.png`),
          fullPage: true,
        });
        expect(await seriousViolations(page), `axe on ${path} (${size.name})`).toEqual([]);
        expect(await smallTouchTargets(page), `touch targets on ${path} (${size.name})`).toEqual(
          [],
        );
      }
    } finally {
      if (appPage.isKiosk) await switchLanguage(page, 'fr');
      if (publicPaths.has(appPage.routeId) || !appPage.isKiosk) await page.context().close();
    }
  });
}

/** A signed-out page for the sign-in screen and the public pages, else the owner's page. */
async function pageFor(browser: Browser, appPage: AppPage, path: string): Promise<Page> {
  if (publicPaths.has(appPage.routeId) || !appPage.isKiosk) {
    const context = await browser.newContext();
    return context.newPage();
  }
  return openAsAllowedAccount(browser, path);
}

function slug(path: string): string {
  return path === '/' ? 'accueil' : path.replace(/^\//, '').replace(/[^\w-]+/g, '_');
}

test.afterAll(async () => {
  for (const context of contexts.values()) await context.close();
  contexts.clear();
});
