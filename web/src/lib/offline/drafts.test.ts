import 'fake-indexeddb/auto';
import { newId } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import { clearDraft, loadDraft, saveDraft } from './drafts';

describe('drafts on a shared kiosk', () => {
  let db: ComptoirDb;
  const accountId = newId();
  const luc = { accountId, operatorId: newId() };
  const julie = { accountId, operatorId: newId() };

  beforeAll(async () => {
    db = openComptoirDb(`drafts-${newId()}`);
    await db.open();
  });
  afterAll(async () => {
    await db?.delete();
  });

  it('keeps each operator’s draft from the others of the same account', async () => {
    await saveDraft(db, luc, 'atac', { buyer: 'Gagnon' });
    expect(await loadDraft(db, luc, 'atac')).toEqual({ buyer: 'Gagnon' });
    expect(await loadDraft(db, julie, 'atac')).toBeUndefined();
    // The account without an operator (a dealer using no PINs) sees none of theirs either.
    expect(await loadDraft(db, { accountId }, 'atac')).toBeUndefined();

    await saveDraft(db, julie, 'atac', { buyer: 'Roy' });
    await clearDraft(db, julie, 'atac');
    expect(await loadDraft(db, luc, 'atac')).toEqual({ buyer: 'Gagnon' });
  });

  it('reads drafts kept before operators had their own, under the account alone', async () => {
    await db.drafts.put({
      key: `${accountId}:transit`,
      actorAccountId: accountId,
      form: 'transit',
      values: { days: 4 },
      updatedAt: 1,
    });
    expect(await loadDraft(db, { accountId }, 'transit')).toEqual({ days: 4 });
    expect(await loadDraft(db, luc, 'transit')).toBeUndefined();
  });
});
