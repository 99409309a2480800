import type { ComptoirDb } from './db';

/**
 * Whose draft it is: the signed-in account and, under a shared (generic) account, the operator
 * who unlocked with their PIN. Two operators of one account never share a draft: after an idle
 * lock the next person must not find the previous one's half-typed form.
 */
export interface DraftAuthor {
  accountId: string;
  operatorId?: string | undefined;
}

function draftKey(author: DraftAuthor, form: string): string {
  // Without an operator the key is the one drafts always had, so none kept before is lost.
  const who =
    author.operatorId === undefined ? author.accountId : `${author.accountId}/${author.operatorId}`;
  return `${who}:${form}`;
}

/** Keeps a form in progress for its author only (survives reloads and the idle lock). */
export async function saveDraft(
  db: ComptoirDb,
  author: DraftAuthor,
  form: string,
  values: unknown,
): Promise<void> {
  await db.drafts.put({
    key: draftKey(author, form),
    actorAccountId: author.accountId,
    form,
    values: JSON.parse(JSON.stringify(values)),
    updatedAt: Date.now(),
  });
}

/** The author's draft of a form, unparsed (the caller parses it against the form's shape). */
export async function loadDraft(
  db: ComptoirDb,
  author: DraftAuthor,
  form: string,
): Promise<unknown> {
  return (await db.drafts.get(draftKey(author, form)))?.values;
}

/** Forgets a draft once its command is queued. */
export async function clearDraft(db: ComptoirDb, author: DraftAuthor, form: string): Promise<void> {
  await db.drafts.delete(draftKey(author, form));
}
