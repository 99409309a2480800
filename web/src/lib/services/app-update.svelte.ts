import { formActivity } from './form-activity.svelte';

/**
 * The service worker's update flow. A new version installs in the background and waits
 * (`registerType: 'prompt'`); the kiosk offers it only when no command is being sent and no
 * form is dirty, so an update never reloads under a person's feet. A command that needs
 * attention does not block it: it is safe in IndexedDB.
 */
export const appUpdate = $state<{ isWaiting: boolean }>({ isWaiting: false });

let activate: ((reload?: boolean) => Promise<void>) | undefined;

/** Registers the Workbox service worker (precaches the shell: the app opens offline). */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
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
