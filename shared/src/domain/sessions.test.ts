import { describe, expect, it } from 'vitest';
import { idleLockMinutes, isWithinOfflineWindow, needsReauthentication } from './sessions.js';

const at = (iso: string): Date => new Date(iso);

describe('isWithinOfflineWindow', () => {
  it('accepts commands created up to 12 hours after an online sign-in, not before it', () => {
    const signedIn = at('2026-11-26T08:00:00Z');
    expect(isWithinOfflineWindow(signedIn, at('2026-11-26T08:00:00Z'))).toBe(true);
    expect(isWithinOfflineWindow(signedIn, at('2026-11-26T20:00:00Z'))).toBe(true);
    expect(isWithinOfflineWindow(signedIn, at('2026-11-26T20:00:00.001Z'))).toBe(false);
    expect(isWithinOfflineWindow(signedIn, at('2026-11-26T07:59:59Z'))).toBe(false);
  });
});

describe('needsReauthentication', () => {
  it('asks again after 5 minutes', () => {
    const authenticated = at('2026-11-26T08:00:00Z');
    expect(needsReauthentication(authenticated, at('2026-11-26T08:05:00Z'))).toBe(false);
    expect(needsReauthentication(authenticated, at('2026-11-26T08:05:01Z'))).toBe(true);
  });
});

describe('idleLockMinutes', () => {
  it('defaults to 15, lets a kiosk set less, never more', () => {
    expect(idleLockMinutes()).toBe(15);
    expect(idleLockMinutes(5)).toBe(5);
    expect(idleLockMinutes(60)).toBe(15);
    expect(idleLockMinutes(0)).toBe(1);
  });
});
