import { DEFAULT_SUPPORT_LINE, supportLineSchema, type SupportLine } from '@comptoir/shared';

const STORAGE_KEY = 'comptoir.supportLine';

function storedLine(): SupportLine {
  if (typeof localStorage === 'undefined') return DEFAULT_SUPPORT_LINE;
  try {
    const parsed = supportLineSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? ''));
    return parsed.success ? parsed.data : DEFAULT_SUPPORT_LINE;
  } catch {
    return DEFAULT_SUPPORT_LINE;
  }
}

/** The registry's support line (rune state): the last one fetched, kept for offline help. */
export const supportLine = $state<{ current: SupportLine }>({ current: storedLine() });

let isFetched = false;

/**
 * Fetches the support line once per page load (`GET /api/support`) and keeps it on the kiosk:
 * offline, the help still shows the last known line (or the default one).
 */
export async function refreshSupportLine(): Promise<void> {
  if (isFetched || typeof fetch === 'undefined') return;
  isFetched = true;
  try {
    const response = await fetch('/api/support', { headers: { accept: 'application/json' } });
    const parsed = supportLineSchema.safeParse(await response.json());
    if (!response.ok || !parsed.success) return;
    supportLine.current = parsed.data;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(parsed.data));
  } catch {
    // Offline: the stored line stays.
    isFetched = false;
  }
}
