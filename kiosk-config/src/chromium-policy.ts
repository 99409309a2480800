import { agentAddressSpace, type Site } from '@comptoir/shared';

/** A Chromium managed policy (the JSON Chromium reads from `/etc/chromium/policies/managed/`). */
export type ChromiumPolicy = Record<
  string,
  string | number | boolean | string[] | Record<string, unknown>[]
>;

/**
 * Policies that erase site data (on idle, on exit, or by never keeping it). A kiosk keeps its
 * outbox in IndexedDB: any of these would silently drop commands that have not reached the server.
 */
export const siteDataWipingPolicies = [
  'IdleTimeout',
  'IdleTimeoutActions',
  'ClearBrowsingDataOnExitList',
  'BrowsingDataLifetime',
  'ForceEphemeralProfiles',
  'CookiesSessionOnlyForUrls',
  'BrowserGuestModeEnforced',
] as const;

/** The keys of `policy` that would wipe or never keep site data (see {@link siteDataWipingPolicies}). */
export const siteDataWipingKeys = (policy: ChromiumPolicy): string[] => [
  ...siteDataWipingPolicies.filter((key) => key in policy),
  // Forced incognito and session-only cookies keep storage in memory only.
  ...(policy.IncognitoModeAvailability === 2 ? ['IncognitoModeAvailability'] : []),
  ...(policy.DefaultCookiesSetting === 4 ? ['DefaultCookiesSetting'] : []),
];

/** The page the kiosk opens: the server's kiosk app. */
export const kioskAppUrl = (site: Site): string => `${site.server.origin}/`;

/**
 * The managed policy for one kiosk: the Local Network Access grant the agent's address needs
 * (docs/printing.md, "Reaching the agent from the kiosk"), a locked-down shared browser, and
 * nothing that wipes site data.
 */
export const chromiumPolicy = (site: Site): ChromiumPolicy => {
  const origins = [site.server.origin];
  const appUrl = kioskAppUrl(site);
  return {
    // Local Network Access (Chromium 142+): the current grant for the agent's address space,
    // and the older single policy that Chromium 139-145 read.
    [agentAddressSpace(site.agent) === 'loopback'
      ? 'LoopbackNetworkAllowedForUrls'
      : 'LocalNetworkAllowedForUrls']: origins,
    LocalNetworkAccessAllowedForUrls: origins,
    // Only the agent prints originals (COPY marking, audit): the browser's own printing is off.
    PrintingEnabled: false,
    // Staff must not reach the outbox or the agent token through developer tools.
    DeveloperToolsAvailability: 2,
    // Incognito and guest windows would keep the outbox in memory only.
    IncognitoModeAvailability: 1,
    BrowserGuestModeEnabled: false,
    BrowserAddPersonEnabled: false,
    // A shared kiosk must not remember anyone's passwords or personal data.
    PasswordManagerEnabled: false,
    // Every kind of autofill, everywhere. Replaces AutofillAddressEnabled and
    // AutofillCreditCardEnabled, which Chromium marks deprecated (checked against the installed
    // Chromium by src/e2e/chromium-policy-names.test.ts).
    AutofillSettings: [{ url_pattern: '*', blocked_types: ['all'] }],
    BrowserSignin: 0,
    SyncDisabled: true,
    TranslateEnabled: false,
    MetricsReportingEnabled: false,
    // Always open on the app, even after a crash or a power cut.
    RestoreOnStartup: 4,
    RestoreOnStartupURLs: [appUrl],
    HomepageLocation: appUrl,
    HomepageIsNewTabPage: false,
  };
};
