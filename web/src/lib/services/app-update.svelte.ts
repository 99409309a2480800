import { formActivity } from './form-activity.svelte';

/**
 * The service worker's update flow. A new version installs in the background and waits
 * (`registerType: 'prompt'`); the kiosk offers it only when no command is being sent and no
 * form is dirty, so an update never reloads under a person's feet. A command that needs
 * attention does not block it: it is safe in IndexedDB.
 */
export const appUpdate = $state<{ isWaiting: boolean }>({ isWaiting: false });

let activate: ((reload?: boolean) => Promise<void>) | undefined;

/**
 * Resolves once the first screen is loaded and the browser is idle: the service worker's first
 * install fetches the whole precache, which must not compete with the screen the person waits
 * for (it did, on a busy kiosk: the sign-in screen's total blocking time).
 */
async function afterFirstScreen(): Promise<void> {
  if (document.readyState !== 'complete') {
    await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  }
  await new Promise<void>((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 3_000 });
    else setTimeout(resolve, 500);
  });
}

/**
 * Registers the Workbox service worker (precaches the shell: the app opens offline), after the
 * first screen (see {@link afterFirstScreen}).
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  await afterFirstScreen();
  const { registerSW } = await import('virtual:pwa-register');
  activate = registerSW({
    immediate: true,
    onNeedRefresh() {
      appUpdate.isWaiting = true;
    },
  });
}

/** True when the update may be offered now. */
export function isSafeToUpdate(sendingCount: number): boolean {
  return appUpdate.isWaiting && sendingCount === 0 && formActivity.dirtyForms.size === 0;
}

/** Activates the waiting version and reloads (the person asked for it). */
export async function applyUpdate(): Promise<void> {
  await activate?.(true);
}
