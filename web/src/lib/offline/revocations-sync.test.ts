import 'fake-indexeddb/auto';
import { newId, type PullResponse } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import { pullDocuments, type SyncDeps } from './sync';

// The pull carries the dealer's revocation feed; the kiosk hands it over after the pull.
describe('a pull carrying the revocation feed', () => {
  let db: ComptoirDb;

  beforeEach(async () => {
    db = openComptoirDb(`revocations-sync-${newId()}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  function deps(answer: PullResponse, onRevocations?: SyncDeps['onRevocations']): SyncDeps {
    return {
      db,
      baseUrl: 'http://127.0.0.1:3000',
      fetch: () => Promise.resolve(Response.json(answer)),
      now: () => Date.now(),
      random: () => 0.5,
      ...(onRevocations && { onRevocations }),
    };
  }

  const empty: PullResponse = { cursor: 7, changes: [], more: false };

  it('hands the feed over once the pull is stored', async () => {
    const handed: string[] = [];
    await pullDocuments(
      deps({ ...empty, revocations: 'h.p.s' }, (feed) => {
        handed.push(feed);
        return Promise.resolve();
      }),
      'L-100001',
    );
    expect(handed).toEqual(['h.p.s']);
  });

  it('does not fail the sync when the agent cannot take it', async () => {
    const changed = await pullDocuments(
      deps({ ...empty, revocations: 'h.p.s' }, () => Promise.reject(new Error('agent off'))),
      'L-100001',
    );
    expect(changed).toBe(0);
    expect((await db.kioskState.get('cursor:L-100001'))?.value).toBe(7);
  });

  it('hands nothing when the pull carried no feed', async () => {
    const handed: string[] = [];
    await pullDocuments(
      deps(empty, (feed) => {
        handed.push(feed);
        return Promise.resolve();
      }),
      'L-100001',
    );
    expect(handed).toEqual([]);
  });
});
