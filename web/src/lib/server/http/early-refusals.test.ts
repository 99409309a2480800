import { apiError } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// The built server's entry answers a flood's refusals itself (web/server/early-refusals.js,
// plain JavaScript that does not load @comptoir/shared): its bodies must stay the app's.
const ENTRY_MODULE = new URL('../../../../server/early-refusals.js', import.meta.url).href;

describe('early refusals of the built server entry', () => {
  it('answers the same bodies as the app', async () => {
    const loaded: unknown = await import(/* @vite-ignore */ ENTRY_MODULE);
    const { EARLY_REFUSALS } = z
      .object({
        EARLY_REFUSALS: z.record(z.string(), z.object({ status: z.number(), body: z.string() })),
      })
      .parse(loaded);
    expect(JSON.parse(EARLY_REFUSALS.cross_site_refused?.body ?? '')).toEqual(
      apiError('cross_site_refused'),
    );
    expect(JSON.parse(EARLY_REFUSALS.unauthenticated?.body ?? '')).toEqual(
      apiError('unauthenticated'),
    );
  });
});
