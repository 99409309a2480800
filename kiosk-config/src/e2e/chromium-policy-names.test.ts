import { describe, expect, it } from 'vitest';
import { chromiumPolicy } from '../chromium-policy.js';
import { lanSite, loopbackSite } from '../test-sites.js';
import { requireChromiumPath } from './chain-harness.js';
import { chromiumPolicyStatuses } from './chromium-policy-status.js';

// Every policy we generate, as the installed Chromium itself judges it: a deprecated name works
// until the release that drops it, then the kiosk silently loses that lock.
describe('the generated Chromium policy, on the installed Chromium', () => {
  it('holds only policies that Chromium knows, accepts and does not call deprecated', () => {
    const policy = { ...chromiumPolicy(lanSite()), ...chromiumPolicy(loopbackSite()) };
    // Read with DevTools allowed: the kiosk's value (2, none) also shuts out the DevTools
    // protocol that reads chrome://policy. The name is what is judged; 2 is a valid value.
    expect(policy.DeveloperToolsAvailability).toBe(2);
    const statuses = chromiumPolicyStatuses(requireChromiumPath(), {
      ...policy,
      DeveloperToolsAvailability: 1,
    });
    const notOk = Object.entries(statuses).filter(([, status]) => status !== 'OK');
    expect(notOk).toEqual([]);
    expect(Object.keys(statuses).sort()).toEqual(Object.keys(policy).sort());
  }, 120_000);

  it('tells a deprecated or unknown policy apart (the check can fail)', () => {
    const statuses = chromiumPolicyStatuses(requireChromiumPath(), {
      AutofillAddressEnabled: false,
      NoSuchComptoirPolicy: true,
      PrintingEnabled: false,
    });
    expect(statuses).toEqual({
      AutofillAddressEnabled: 'Deprecated',
      NoSuchComptoirPolicy: 'Error',
      PrintingEnabled: 'OK',
    });
  }, 120_000);
});
