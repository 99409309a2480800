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
