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
