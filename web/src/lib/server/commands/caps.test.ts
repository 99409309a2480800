import { newId } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchState } from './batch-state.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { capRefusalFor, effectiveCap } from './caps.js';
import { findLicence } from '../registry/licences.repo.js';

describe.each(ENGINES)('effectiveCap on %s', (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer(engine);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** Runs `work` with a cap context of L-100001 as a push batch would build it. */
  async function withCapContext<T>(
    work: (c: Parameters<typeof effectiveCap>[0]) => Promise<T>,
  ): Promise<T> {
    const { storage } = server.ctx;
    const now = server.clock.now();
    return storage.writeTransaction(async (tx) => {
      const licence = await findLicence(tx, 'L-100001');
      if (!licence) throw new Error('demo licence missing');
      return work({ tx, now, licence, batch: new BatchState(storage, tx, now) });
    });
  }

  async function grant(kind: string, units: number, grantedUntil: string, status = 'approved') {
    await server.ctx.storage.db
      .insertInto('cap_requests')
      .values({
        id: newId(),
        licence: 'L-100001',
        kind,
        extra_units: units,
        reason: 'test',
        status,
        requested_by: 'someone',
        requested_at: server.clock.now().toISOString(),
        decided_by: 'staff',
        decided_at: server.clock.now().toISOString(),
        decision_reason: null,
        granted_until: grantedUntil,
      })
      .execute();
  }

  async function setCaps(transitCap: number | null, plateCap: number | null) {
    await server.ctx.storage.db
      .updateTable('licences')
      .set({ transit_cap: transitCap, plate_cap: plateCap })
      .where('number', '=', 'L-100001')
      .execute();
  }

  it('is the default from sales history (30 a week at least) without a staff cap', async () => {
    expect(await withCapContext((c) => effectiveCap(c, 'transit'))).toBe(30);
    expect(await withCapContext((c) => effectiveCap(c, 'provisional_plate'))).toBe(30);
  });

  it('is the staff cap of each kind when set', async () => {
    await setCaps(3, 7);
    expect(await withCapContext((c) => effectiveCap(c, 'transit'))).toBe(3);
    expect(await withCapContext((c) => effectiveCap(c, 'provisional_plate'))).toBe(7);
  });

  it('adds approved units still in force, of that kind only, never pending or lapsed ones', async () => {
    const now = server.clock.now().getTime();
    await grant('transit', 5, new Date(now + 3600_000).toISOString());
    await grant('transit', 100, new Date(now - 1000).toISOString());
    await grant('transit', 100, new Date(now + 3600_000).toISOString(), 'pending');
    await grant('provisional_plate', 2, new Date(now + 3600_000).toISOString());
    expect(await withCapContext((c) => effectiveCap(c, 'transit'))).toBe(8);
    expect(await withCapContext((c) => effectiveCap(c, 'provisional_plate'))).toBe(9);
  });

  it('refuses once the week holds as many documents as the cap', async () => {
    await setCaps(0, 0);
    await server.ctx.storage.db.deleteFrom('cap_requests').execute();
    expect(await withCapContext((c) => capRefusalFor(c, 'transit'))).toBe('transit_cap_reached');
    await setCaps(1, 1);
    expect(await withCapContext((c) => capRefusalFor(c, 'transit'))).toBeNull();
  });
});
