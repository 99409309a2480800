import 'fake-indexeddb/auto';
import { newId, parseSearchText, type IssuedDocument } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTransitCommand, type FixtureActor } from '../testing/command.factory';
import { openComptoirDb, type ComptoirDb } from './db';
import { pendingCommands, searchDocuments } from './documents';
import { enqueueCommand } from './outbox';

const kioskId = newId();
const onFirst: FixtureActor = { accountId: 'acc-julie', licence: 'L-100001', kioskId };
const onSecond: FixtureActor = { ...onFirst, licence: 'L-100002' };

let db: ComptoirDb;

beforeEach(async () => {
  db = openComptoirDb(`test-${newId()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** A transit as the server signs it, for the kiosk's documents store. */
function transit(number: string, licence: string, vin: string, holder: string): IssuedDocument {
  return {
    schemaVersion: 1,
    kind: 'transit',
    number,
    licence,
    dealer: { name: 'Automobiles Laurentides', neq: '1160000001' },
    issuedAt: '2026-01-05T15:00:00.000Z',
    expiresAt: '2026-01-15T15:00:00.000Z',
    vehicle: { vin, make: 'Honda', model: 'Civic', year: 2023 },
    issuedBy: { signer: 'server', kid: 'k1' },
    days: 10,
    reason: 'register_at_service_point',
    holder: { name: holder },
  };
}

async function keep(document: IssuedDocument): Promise<void> {
  await db.documents.put({
    number: document.number,
    licence: document.licence,
    kind: document.kind,
    issuedAt: document.issuedAt,
    document,
    status: 'valid',
  });
}

describe('pending commands in a licence list', () => {
  it('shows only the licence worked on: a refused transit of L-100002 stays out of L-100001', async () => {
    const mine = makeTransitCommand(onFirst, 1);
    const other = makeTransitCommand(onSecond, 2);
    await enqueueCommand(db, mine, 1);
    await enqueueCommand(db, other, 2);
    await db.outbox.update(other.id, { state: 'rejected' });
    const first = await pendingCommands(db, 'acc-julie', 'transit.issue', 'L-100001');
    expect(first.map((row) => row.id)).toEqual([mine.id]);
    const second = await pendingCommands(db, 'acc-julie', 'transit.issue', 'L-100002');
    expect(second.map((row) => row.id)).toEqual([other.id]);
  });
});

describe('offline search over the kiosk’s own documents', () => {
  it('finds by name (accents folded), VIN, its last 6 and number, within the licence', async () => {
    await keep(transit('T-2025-000001', 'L-100001', '2HGFC2F59MH500001', 'Hélène Côté'));
    await keep(transit('T-2026-000002', 'L-100001', '2HGFC2F59MH500002', 'Marc Roy'));
    await keep(transit('T-2026-000003', 'L-100002', '2HGFC2F59MH500003', 'Hélène Côté'));
    const found = async (text: string) =>
      (await searchDocuments(db, 'L-100001', parseSearchText(text))).rows.map((row) => row.number);
    expect(await found('helene cote')).toEqual(['T-2025-000001']);
    expect(await found('CÔTÉ')).toEqual(['T-2025-000001']);
    expect(await found('2hgfc2f59mh500002')).toEqual(['T-2026-000002']);
    expect(await found('500002')).toEqual(['T-2026-000002']);
    expect(await found('t-2025-1')).toEqual(['T-2025-000001']);
    expect(await found('T-2026-000003')).toEqual([]);
    expect(await found('%_')).toEqual([]);
  });
});
