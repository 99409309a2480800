import type { z } from 'zod';
import { kioskDb } from '$lib/offline/kiosk-db';
import { clearDraft, loadDraft, saveDraft, type DraftAuthor } from '$lib/offline/drafts';
import { currentAccountId } from '$lib/session/session.svelte';
import { formActivity } from './form-activity.svelte';
import { activeOperator } from './kiosk-access.service';

/** The person typing now: the account, and the operator working under it if any. */
async function currentAuthor(): Promise<DraftAuthor | undefined> {
  const accountId = currentAccountId();
  if (!accountId) return undefined;
  return { accountId, operatorId: (await activeOperator())?.operatorId };
}

/** The person's own draft of `form`, if it still fits the form's shape. */
export async function restoreDraft<T>(form: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const author = await currentAuthor();
  if (!author) return undefined;
  const parsed = schema.safeParse(await loadDraft(kioskDb(), author, form));
  return parsed.success ? parsed.data : undefined;
}

/** Keeps the form as typed, for its author only; marks it dirty (updates wait). */
export async function keepDraft(form: string, values: unknown): Promise<void> {
  const author = await currentAuthor();
  if (!author) return;
  formActivity.dirtyForms.add(form);
  await saveDraft(kioskDb(), author, form, values);
}

/** Forgets the draft once queued or cleared. */
export async function dropDraft(form: string): Promise<void> {
  formActivity.dirtyForms.delete(form);
  const author = await currentAuthor();
  if (!author) return;
  await clearDraft(kioskDb(), author, form);
}
