import type { z } from 'zod';
import { kioskDb } from '$lib/offline/kiosk-db';
import { clearDraft, loadDraft, saveDraft } from '$lib/offline/drafts';
import { currentAccountId } from '$lib/session/session.svelte';
import { formActivity } from './form-activity.svelte';

/** The signed-in person's draft of `form`, if it still fits the form's shape. */
export async function restoreDraft<T>(form: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const accountId = currentAccountId();
  if (!accountId) return undefined;
  const parsed = schema.safeParse(await loadDraft(kioskDb(), accountId, form));
  return parsed.success ? parsed.data : undefined;
}

/** Keeps the form as typed, for its author only; marks it dirty (updates wait). */
export async function keepDraft(form: string, values: unknown): Promise<void> {
  const accountId = currentAccountId();
  if (!accountId) return;
  formActivity.dirtyForms.add(form);
  await saveDraft(kioskDb(), accountId, form, values);
}

/** Forgets the draft once queued or cleared. */
export async function dropDraft(form: string): Promise<void> {
  formActivity.dirtyForms.delete(form);
  const accountId = currentAccountId();
  if (!accountId) return;
  await clearDraft(kioskDb(), accountId, form);
}
