import {
  IDLE_LOCK_DEFAULT_MINUTES,
  OFFLINE_WINDOW_HOURS,
  REAUTHENTICATION_MAX_AGE_MINUTES,
} from './constants.js';

const MINUTE_MS = 60_000;

/**
 * Whether a queued command may be accepted from an enrolled kiosk: its actor signed in online
 * on that kiosk at `signedInAt`, no later than the command's `createdAt` and within the 12-hour
 * offline window before it.
 */
export function isWithinOfflineWindow(signedInAt: Date, createdAt: Date): boolean {
  const elapsed = createdAt.getTime() - signedInAt.getTime();
  return elapsed >= 0 && elapsed <= OFFLINE_WINDOW_HOURS * 60 * MINUTE_MS;
}

/** Whether a sensitive action (bank account, staff action) needs the person to sign in again. */
export function needsReauthentication(lastAuthenticatedAt: Date, now: Date): boolean {
  return (
    now.getTime() - lastAuthenticatedAt.getTime() > REAUTHENTICATION_MAX_AGE_MINUTES * MINUTE_MS
  );
}

/**
 * The idle lock a kiosk applies: its own setting when it is shorter than the default
 * (15 minutes, PCI DSS 8.2.8), never longer, and at least one minute.
 */
export function idleLockMinutes(kioskSetting?: number): number {
  if (kioskSetting === undefined || !Number.isFinite(kioskSetting))
    return IDLE_LOCK_DEFAULT_MINUTES;
  return Math.min(IDLE_LOCK_DEFAULT_MINUTES, Math.max(1, Math.floor(kioskSetting)));
}

/**
 * A re-authentication (password again, or a fresh sign-in at the provider) stays valid this long
 * (docs/domain.md#re-authentication-for-sensitive-actions).
 */
export const REAUTH_WINDOW_MINUTES = REAUTHENTICATION_MAX_AGE_MINUTES;

/** A session ends this many hours after sign-in, whatever the activity (absolute timeout). */
export const SESSION_ABSOLUTE_HOURS = 12;

/**
 * Where an account's first sign-in (activation) may come from
 * (docs/domain.md#first-sign-in-from-canada-or-the-united-states).
 */
export const ACTIVATION_COUNTRIES = ['CA', 'US'] as const;

/** True when an account may be activated from `country` (ISO 3166-1 alpha-2, or null when unknown). */
export function isActivationCountry(country: string | null): boolean {
  return ACTIVATION_COUNTRIES.some((allowed) => allowed === country);
}

/**
 * Whether a session has been idle too long: `idleMinutes` (the kiosk's setting, already
 * bounded by {@link idleLockMinutes}) since its last activity.
 */
export function isIdleExpired(lastActivityAt: Date, now: Date, idleMinutes: number): boolean {
  return now.getTime() - lastActivityAt.getTime() > idleMinutes * MINUTE_MS;
}
