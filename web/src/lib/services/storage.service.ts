/** What the browser says about this kiosk's storage. */
export interface StorageState {
  isPersisted: boolean;
  usageBytes: number | undefined;
  quotaBytes: number | undefined;
}

/**
 * Asks the browser not to evict the kiosk's data (queued commands, issued documents) when
 * space runs low. Chromium grants it to installed apps and to sites people engage with.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist().catch(() => false);
}

/** The storage state shown in settings. */
export async function readStorageState(): Promise<StorageState> {
  const isPersisted = (await navigator.storage?.persisted?.()) ?? false;
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return { isPersisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota };
}

/** Whether the kiosk runs as an installed app, and on an Apple touch device (iPad, iPhone). */
export interface InstallState {
  isInstalled: boolean;
  isAppleTouch: boolean;
}

/**
 * Safari may erase a site's data (IndexedDB: the outbox) after days without use, unless the
 * site is installed on the home screen; `navigator.storage.persist()` is not enough there. An
 * iPad reports itself as a Mac ("MacIntel") with a touch screen.
 */
export function readInstallState(): InstallState {
  const nav: Navigator & { standalone?: boolean } = navigator;
  const isInstalled =
    nav.standalone === true || window.matchMedia?.('(display-mode: standalone)').matches === true;
  const isAppleTouch =
    /iPad|iPhone|iPod/.test(nav.userAgent) ||
    (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
  return { isInstalled, isAppleTouch };
}
