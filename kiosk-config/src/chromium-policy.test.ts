import { describe, expect, it } from 'vitest';
import { chromiumPolicy, siteDataWipingKeys, siteDataWipingPolicies } from './chromium-policy.js';
import { lanSite, loopbackSite } from './test-sites.js';

describe('chromiumPolicy', () => {
  it('grants Local Network Access to the server origin for an agent on the LAN', () => {
    const policy = chromiumPolicy(lanSite());
    expect(policy.LocalNetworkAllowedForUrls).toEqual(['https://comptoir.example.ca']);
    expect(policy.LocalNetworkAccessAllowedForUrls).toEqual(['https://comptoir.example.ca']);
    expect(policy).not.toHaveProperty('LoopbackNetworkAllowedForUrls');
  });

  it('grants loopback access for an agent on the kiosk itself', () => {
    const policy = chromiumPolicy(loopbackSite());
    expect(policy.LoopbackNetworkAllowedForUrls).toEqual(['https://comptoir.example.ca']);
    expect(policy.LocalNetworkAccessAllowedForUrls).toEqual(['https://comptoir.example.ca']);
    expect(policy).not.toHaveProperty('LocalNetworkAllowedForUrls');
  });

  it('locks the browser down as a shared kiosk needs', () => {
    expect(chromiumPolicy(lanSite())).toMatchObject({
      PrintingEnabled: false,
      DeveloperToolsAvailability: 2,
      IncognitoModeAvailability: 1,
      BrowserGuestModeEnabled: false,
      PasswordManagerEnabled: false,
      AutofillSettings: [{ url_pattern: '*', blocked_types: ['all'] }],
      RestoreOnStartup: 4,
      RestoreOnStartupURLs: ['https://comptoir.example.ca/'],
    });
  });

  it('sets no deprecated autofill policy', () => {
    const policy = chromiumPolicy(lanSite());
    expect(policy).not.toHaveProperty('AutofillAddressEnabled');
    expect(policy).not.toHaveProperty('AutofillCreditCardEnabled');
  });

  it('holds none of the settings that wipe site data (the outbox lives there)', () => {
    const policy = chromiumPolicy(lanSite());
    expect(siteDataWipingKeys(policy)).toEqual([]);
    for (const key of siteDataWipingPolicies) expect(policy).not.toHaveProperty(key);
  });

  it('recognizes each wiping setting', () => {
    expect(
      siteDataWipingKeys({
        IdleTimeout: 5,
        IdleTimeoutActions: ['clear_site_data'],
        ClearBrowsingDataOnExitList: ['cookies_and_other_site_data'],
        IncognitoModeAvailability: 2,
        DefaultCookiesSetting: 4,
      }),
    ).toEqual([
      'IdleTimeout',
      'IdleTimeoutActions',
      'ClearBrowsingDataOnExitList',
      'IncognitoModeAvailability',
      'DefaultCookiesSetting',
    ]);
  });
});
