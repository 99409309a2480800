import 'fake-indexeddb/auto';
import { newId, type PullResponse } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import { readLicenceSuspensions, recordLicenceSuspensions } from './licence-suspensions';
import { pullDocuments } from './sync';

// The kiosk learns a suspension from the pull (and the session) and keeps it per licence.
describe('licence suspensions as the kiosk heard them', () => {
  let db: ComptoirDb;

  beforeEach(async () => {
    db = openComptoirDb(`licence-suspensions-${newId()}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  function pull(licence: string, answer: PullResponse) {
    return pullDocuments(
      {
        db,
        baseUrl: 'http://127.0.0.1:3000',
        fetch: () => Promise.resolve(Response.json(answer)),
        now: () => Date.now(),
        random: () => 0.5,
      },
      licence,
    );
  }

  const empty: PullResponse = { cursor: 0, changes: [], more: false };

  it('records a suspension heard at a pull, for that licence only, and its reinstatement', async () => {
    await recordLicenceSuspensions(db, { 'L-100001': false, 'L-100002': false });
    await pull('L-100002', { ...empty, isLicenceSuspended: true });
    expect(await readLicenceSuspensions(db)).toEqual({ 'L-100001': false, 'L-100002': true });
    await pull('L-100002', { ...empty, isLicenceSuspended: false });
    expect(await readLicenceSuspensions(db)).toEqual({ 'L-100001': false, 'L-100002': false });
  });

  it('keeps what it knew when an older server says nothing', async () => {
    await recordLicenceSuspensions(db, { 'L-100002': true });
    await pull('L-100002', empty);
    expect(await readLicenceSuspensions(db)).toEqual({ 'L-100002': true });
  });
});
