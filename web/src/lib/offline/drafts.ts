import type { ComptoirDb } from './db';

function draftKey(actorAccountId: string, form: string): string {
  return `${actorAccountId}:${form}`;
}

/** Keeps a form in progress for its author only (survives reloads and the idle lock). */
export async function saveDraft(
  db: ComptoirDb,
  actorAccountId: string,
  form: string,
  values: unknown,
): Promise<void> {
  await db.drafts.put({
    key: draftKey(actorAccountId, form),
    actorAccountId,
    form,
    values: JSON.parse(JSON.stringify(values)),
    updatedAt: Date.now(),
  });
}

/** The author's draft of a form, unparsed (the caller parses it against the form's shape). */
export async function loadDraft(
  db: ComptoirDb,
  actorAccountId: string,
  form: string,
): Promise<unknown> {
  return (await db.drafts.get(draftKey(actorAccountId, form)))?.values;
}

/** Forgets a draft once its command is queued. */
export async function clearDraft(
  db: ComptoirDb,
  actorAccountId: string,
  form: string,
): Promise<void> {
  await db.drafts.delete(draftKey(actorAccountId, form));
}
