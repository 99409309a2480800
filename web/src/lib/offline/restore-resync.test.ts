import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, sessionInfoSchema, type Command } from '@comptoir/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../server/audit';
import { openArchive, sealArchive } from '@comptoir/shared/backup';
import { loadBackupKey } from '../server/backup/archive-files';
import {
  restoreServerBackup,
  takeServerBackup,
  type StorageLocation,
} from '../server/backup/server-backup.service';
import { createServerContext, type ServerContext } from '../server/context';
import { printOutcomeCommand } from '../server/testing/factories';
import { createHarnessClient, type HarnessClient } from '../server/testing/http-harness';
import { createTestDatabase, ENGINES, type TestDatabase } from '../server/testing/test-env';
import { createTestServer, type TestServer } from '../server/testing/test-server';
import { makeAtacCommand, makeTransitCommand, type FixtureActor } from '../testing/command.factory';
import { openComptoirDb, type ComptoirDb } from './db';
import { readKioskState } from './kiosk-state';
import { enqueueCommand } from './outbox';
import { drainOutbox, pullDocuments, type SyncDeps } from './sync';
import { z } from 'zod';

const LICENCE = 'L-100001';

/** A `fetch` that goes through the real hook and routes of a test server, in process. */
function fetchThrough(client: HarnessClient): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return client.request(init?.method ?? 'GET', `${url.pathname}${url.search}`, {
      headers: Object.fromEntries(new Headers(init?.headers)),
      ...(typeof init?.body === 'string' && { body: init.body }),
    });
  };
}

function valueOf(number: string): { series: string; value: number } {
  const match = /^([A-Z]+)-\d{4}-(\d+)$/.exec(number);
  if (!match?.[1] || !match[2]) throw new Error(`not a document number: ${number}`);
  return { series: match[1], value: Number(match[2]) };
}

async function serverDocuments(ctx: ServerContext) {
  const rows = await ctx.storage.db
    .selectFrom('documents')
    .select(['number', 'jws', 'command_id'])
    .execute();
  return new Map(rows.map((row) => [row.number, row]));
}

// A backup taken while kiosks write, papers issued after it, a restore, and the kiosk's own
// sync engine resyncing against the restored server: nothing on paper is lost, no number is
// given twice, the audit chains still verify.
describe.each(ENGINES)('backup and restore (%s)', (engine) => {
  let server: TestServer;
  let restored: ServerContext | undefined;
  let restoredDatabase: TestDatabase | undefined;
  let restoredDir = '';
  let kiosk: ComptoirDb;
  afterAll(async () => {
    await restored?.storage.close();
    await restoredDatabase?.drop();
    if (restoredDir) await rm(restoredDir, { recursive: true, force: true });
    await kiosk?.delete();
    await server?.dispose();
  });

  it('restores into a new epoch and takes back what the kiosks hold', async () => {
    server = await createTestServer(engine);
    const { clock } = server;
    kiosk = openComptoirDb(`restore-${engine}-${newId()}`);
    await kiosk.open();
    const person = createHarnessClient(server);
    const login = await person.login('demo-agree');
    expect(login.status).toBe(200);
    const accountId = sessionInfoSchema.parse(await login.json()).account.id;
    const actor = { accountId, licence: LICENCE, kioskId: newId() };
    let deps: SyncDeps = {
      db: kiosk,
      baseUrl: 'http://127.0.0.1:3000',
      fetch: fetchThrough(person),
      now: () => Date.now(),
      random: () => 0.5,
    };
    let index = 900;
    const queue = async (
      make: (actor: FixtureActor, index: number) => Command = makeTransitCommand,
    ) => {
      index += 1;
      const command = { ...make(actor, index), createdAt: clock.now().toISOString() };
      await enqueueCommand(kiosk, command);
      return command.id;
    };
    const sync = async () => {
      expect((await drainOutbox(deps, accountId)).kind).toBe('done');
      await pullDocuments(deps, LICENCE);
    };

    // Before the backup.
    await queue();
    await queue(makeAtacCommand);
    await sync();
    expect(await readKioskState(kiosk, 'epoch', z.number())).toBe(1);

    // The copy, while the kiosk keeps writing.
    await queue();
    await queue(makeAtacCommand);
    const location: StorageLocation = {
      dataDir: server.dataDir,
      databaseUrl: server.databaseUrl,
      secretKey: server.ctx.config.secretKey,
    };
    const [backup] = await Promise.all([takeServerBackup(location, clock.now), sync()]);
    expect(backup.manifest).toMatchObject({ engine, epoch: 1, product: 'server' });
    expect(backup.files.map((file) => file.name)).toEqual(
      // The signing keys are in the database (sealed under the secret), the secret beside it.
      expect.arrayContaining(['secret.key']),
    );

    // Papers issued after the backup: the kiosk pulled them (it printed them)...
    clock.advance(120_000);
    const afterBackup = [await queue(), await queue(makeAtacCommand), await queue()];
    await sync();
    // A print of one of them: it issued no number, so it is pushed again as new work.
    const printedNumber = (await kiosk.outbox.get(afterBackup[0] ?? ''))?.documentNumber ?? '';
    const print = {
      ...printOutcomeCommand({ accountId, documentNumber: printedNumber }),
      createdAt: clock.now().toISOString(),
    };
    await enqueueCommand(kiosk, print);
    await sync();
    expect(await kiosk.outbox.get(print.id)).toMatchObject({ state: 'applied' });
    // ...but one it never pulled: nothing proves its content to the restored server.
    const unpulled = await queue();
    expect((await drainOutbox(deps, accountId)).kind).toBe('done');
    const lostRow = await kiosk.outbox.get(unpulled);
    const lostNumber = lostRow?.documentNumber;
    expect(lostNumber).toBeDefined();
    const before = await serverDocuments(server.ctx);
    const onKiosk = new Map((await kiosk.documents.toArray()).map((row) => [row.number, row.jws]));
    expect(onKiosk.has(lostNumber ?? '')).toBe(false);
    for (const id of afterBackup) {
      expect(onKiosk.has((await kiosk.outbox.get(id))?.documentNumber ?? '')).toBe(true);
    }

    // The server is lost; the backup goes through its encrypted archive onto a new machine.
    clock.advance(120_000);
    const keyDir = await mkdtemp(join(tmpdir(), 'restore-key-'));
    const key = await loadBackupKey(join(keyDir, 'backup.key'), true);
    const archive = openArchive(key, sealArchive(key, backup.manifest, backup.files));
    await rm(keyDir, { recursive: true, force: true });
    restoredDir = await mkdtemp(join(tmpdir(), 'restored-'));
    if (engine === 'postgres') restoredDatabase = await createTestDatabase();
    const target = { dataDir: restoredDir, databaseUrl: restoredDatabase?.url };
    const epoch = await restoreServerBackup(target, archive, { now: clock.now });
    expect(epoch.epoch).toBe(2);
    expect(epoch.gap).toBeGreaterThanOrEqual(1000);
    restored = await createServerContext(
      { ...server.ctx.config, ...target, isDemo: false },
      { clock: clock.now },
    );
    const restoredServer = { ...server, ctx: restored };

    // Open sessions were revoked: the person signs in again.
    const stale = createHarnessClient(restoredServer);
    for (const [name, value] of person.cookies) stale.cookies.set(name, value);
    expect((await stale.request('GET', `/api/sync/pull?licence=${LICENCE}`)).status).toBe(401);
    const again = createHarnessClient(restoredServer);
    expect((await again.login('demo-agree')).status).toBe(200);
    deps = { ...deps, fetch: fetchThrough(again) };

    // New work after the restore, then the kiosk's ordinary sync: it sees the new epoch.
    const newIds = [await queue(), await queue(makeAtacCommand)];
    await sync();
    expect(await kiosk.outbox.get(print.id)).toMatchObject({ state: 'waiting' });
    await sync();
    expect(await kiosk.outbox.get(print.id)).toMatchObject({ state: 'applied' });
    const reprinted = await restored.storage.db
      .selectFrom('documents')
      .select('print_count')
      .where('number', '=', printedNumber)
      .executeTakeFirst();
    expect(reprinted?.print_count).toBe(1);
    expect(await readKioskState(kiosk, 'epoch', z.number())).toBe(2);

    const after = await serverDocuments(restored);
    // Everything the kiosk held is on the restored server, signature for signature.
    for (const [number, jws] of onKiosk) expect(after.get(number)?.jws).toBe(jws);
    // The paper nobody could prove stays out, its number unused and on record.
    expect(after.has(lostNumber ?? '')).toBe(false);
    const audit = await restored.storage.db
      .selectFrom('audit_log')
      .select(['event', 'subject'])
      .where('event', 'in', ['document.recovered', 'recovery.unrecoverable', 'system.restored'])
      .execute();
    expect(audit.filter((row) => row.event === 'recovery.unrecoverable')).toEqual([
      { event: 'recovery.unrecoverable', subject: unpulled },
    ]);
    expect(audit.filter((row) => row.event === 'system.restored')).toHaveLength(1);
    expect(audit.filter((row) => row.event === 'document.recovered').length).toBeGreaterThanOrEqual(
      afterBackup.length,
    );
    // No number twice: what was issued after the restore is past everything issued before.
    const highest = new Map<string, number>();
    for (const number of before.keys()) {
      const { series, value } = valueOf(number);
      highest.set(series, Math.max(highest.get(series) ?? 0, value));
    }
    for (const id of newIds) {
      const number = (await kiosk.outbox.get(id))?.documentNumber ?? '';
      expect(before.has(number)).toBe(false);
      const { series, value } = valueOf(number);
      expect(value).toBeGreaterThan(highest.get(series) ?? 0);
      expect(after.get(number)?.command_id).toBe(id);
    }
    // Each document the server holds belongs to the command that the kiosk says issued it.
    for (const row of await kiosk.outbox.toArray()) {
      if (row.state !== 'applied' || row.id === unpulled || !row.documentNumber) continue;
      expect(after.get(row.documentNumber ?? '')?.command_id).toBe(row.id);
    }
    // The kiosk pulled everything again from a reset cursor.
    const pulled = new Set((await kiosk.documents.toArray()).map((row) => row.number));
    for (const number of after.keys()) {
      if (
        (
          await restored.storage.db
            .selectFrom('documents')
            .select('licence')
            .where('number', '=', number)
            .executeTakeFirst()
        )?.licence === LICENCE
      ) {
        expect(pulled.has(number)).toBe(true);
      }
    }
    // A recovered command pushed again is a replay of its original answer: no second paper.
    const replayed = await kiosk.outbox.get(afterBackup[0] ?? '');
    const replay = await again.request('POST', '/api/sync/push', {
      json: { ops: [replayed?.command] },
    });
    const replayBody = z
      .object({
        results: z.array(z.object({ id: z.string(), status: z.string(), result: z.unknown() })),
      })
      .parse(await replay.json());
    expect(replayBody.results[0]).toEqual({
      id: replayed?.id,
      status: 'applied',
      result: replayed?.result,
    });
    expect((await serverDocuments(restored)).size).toBe(after.size);

    const verdicts = await verifyAuditChains(restored.storage.db);
    expect(verdicts.filter((verdict) => verdict.broken)).toEqual([]);
  }, 120_000);
});
