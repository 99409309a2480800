import { IDLE_LOCK_DEFAULT_MINUTES } from '@comptoir/shared';

const activityEvents = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Locks a shared kiosk after `minutes` without a person touching it (15 min by default, PCI
 * DSS 8.2.8: docs/domain.md, "Idle lock on shared kiosks"): `onIdle` puts up the lock screen (the layout: the person is signed
 * out, or a generic account's operator must enter their PIN). Only a person's input counts as
 * activity, never background sync. Returns a stop function.
 */
export function startIdleLock(minutes: () => number | undefined, onIdle: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, (minutes() ?? IDLE_LOCK_DEFAULT_MINUTES) * 60_000);
  };
  for (const name of activityEvents) window.addEventListener(name, arm, { passive: true });
  arm();
  return () => {
    clearTimeout(timer);
    for (const name of activityEvents) window.removeEventListener(name, arm);
  };
}
