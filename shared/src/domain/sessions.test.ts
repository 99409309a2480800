import { describe, expect, it } from 'vitest';
import {
  idleLockMinutes,
  isActivationCountry,
  isIdleExpired,
  isWithinOfflineWindow,
  needsReauthentication,
} from './sessions.js';

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

describe('isActivationCountry', () => {
  it('allows a first sign-in from Canada or the United States only', () => {
    expect(isActivationCountry('CA')).toBe(true);
    expect(isActivationCountry('US')).toBe(true);
    expect(isActivationCountry('FR')).toBe(false);
    expect(isActivationCountry(null)).toBe(false);
  });
});

describe('isIdleExpired', () => {
  it('ends a session after its idle minutes, not before', () => {
    const last = at('2026-11-26T08:00:00Z');
    expect(isIdleExpired(last, at('2026-11-26T08:15:00Z'), 15)).toBe(false);
    expect(isIdleExpired(last, at('2026-11-26T08:15:01Z'), 15)).toBe(true);
    expect(isIdleExpired(last, at('2026-11-26T08:05:01Z'), 5)).toBe(true);
  });
});
