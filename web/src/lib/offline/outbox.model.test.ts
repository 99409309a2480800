import 'fake-indexeddb/auto';
import { newId, sessionInfoSchema } from '@comptoir/shared';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarnessClient, type HarnessClient } from '$lib/server/testing/http-harness';
import { createTestServer, type TestServer } from '$lib/server/testing/test-server';
import { makeAtacCommand, type FixtureActor } from '../testing/command.factory';
import { RETRY_CAP_MS } from './backoff';
import { openComptoirDb, type ComptoirDb } from './db';
import { enqueueCommand, recoverInterruptedSends, takeBatch } from './outbox';
import { drainOutbox, type SyncDeps } from './sync';

/**
 * The model test of the sync design (docs/sync.md): the real outbox (Dexie on fake-indexeddb) talks
 * to the real push route (hook, handler, SQLite with its idempotency records) through an
 * in-process HTTP harness, under any interleaving of writes, sends, lost answers, failures,
 * restarts and replays. The server is not a fake that removes duplicates itself: exactly
 * once is proven by counting the rows the real handler wrote.
 */
type Step =
  | { kind: 'write' }
  | { kind: 'send' }
  | { kind: 'lose_answer' }
  | { kind: 'network_down' }
  | { kind: 'server_error' }
  | { kind: 'crash_mid_send' }
  | { kind: 'replay'; pick: number }
  | { kind: 'wait' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'write' }) },
  { weight: 3, arbitrary: fc.constant<Step>({ kind: 'send' }) },
  { weight: 2, arbitrary: fc.constant<Step>({ kind: 'lose_answer' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'network_down' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'server_error' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'crash_mid_send' }) },
  { weight: 1, arbitrary: fc.nat(1000).map<Step>((pick) => ({ kind: 'replay', pick })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'wait' }) },
);

describe('outbox x real push handler (SQLite), model test', () => {
  let server: TestServer;
  let client: HarnessClient;
  let actor: FixtureActor;
  let vehicleCounter = 50_000;

  beforeAll(async () => {
    server = await createTestServer('sqlite');
    client = createHarnessClient(server);
    const response = await client.login('demo-generic');
    const info = sessionInfoSchema.parse(await response.json());
    actor = {
      accountId: info.account.id,
      licence: info.licences[0]?.licence ?? 'L-200001',
      kioskId: newId(),
    };
  });
  afterAll(async () => {
    await server?.dispose();
  });

  function rowsFor(ids: string[]): Map<string, number> {
    const sqlite = new Database(join(server.dataDir, 'comptoir.sqlite'), { readonly: true });
    try {
      const counts = new Map<string, number>();
      const statement = sqlite.prepare('select count(*) as n from documents where command_id = ?');
      for (const id of ids) {
        const row: unknown = statement.get(id);
        counts.set(id, row && typeof row === 'object' && 'n' in row ? Number(row.n) : Number.NaN);
      }
      return counts;
    } finally {
      sqlite.close();
    }
  }

  /** The real route, reached the way the browser reaches it (method, path, JSON body). */
  const realFetch: typeof fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    const body = typeof init?.body === 'string' ? init.body : undefined;
    return client.request(init?.method ?? 'GET', `${url.pathname}${url.search}`, {
      ...(body !== undefined && { body }),
    });
  };

  it('applies every command exactly once, whatever happens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 14 }), async (steps) => {
        const db: ComptoirDb = openComptoirDb(`model-${newId()}`);
        let clock = Date.now();
        const written: string[] = [];
        const sent: unknown[] = [];
        const depsWith = (fetchImpl: typeof fetch): SyncDeps => ({
          db,
          baseUrl: 'http://127.0.0.1:3000',
          fetch: fetchImpl,
          now: () => clock,
          random: Math.random,
        });
        const recordingFetch: typeof fetch = async (input, init) => {
          if (typeof init?.body === 'string') sent.push(JSON.parse(init.body));
          return realFetch(input, init);
        };
        try {
          for (const step of steps) {
            if (step.kind === 'write') {
              const command = makeAtacCommand(actor, vehicleCounter++);
              await enqueueCommand(db, command, clock);
              written.push(command.id);
            } else if (step.kind === 'send') {
              await drainOutbox(depsWith(recordingFetch), actor.accountId);
            } else if (step.kind === 'lose_answer') {
              await drainOutbox(
                depsWith(async (input, init) => {
                  await recordingFetch(input, init);
                  throw new TypeError('Failed to fetch');
                }),
                actor.accountId,
              );
            } else if (step.kind === 'network_down') {
              await drainOutbox(
                depsWith(() => Promise.reject(new TypeError('Failed to fetch'))),
                actor.accountId,
              );
            } else if (step.kind === 'server_error') {
              await drainOutbox(
                depsWith(() => Promise.resolve(new Response('{}', { status: 503 }))),
                actor.accountId,
              );
            } else if (step.kind === 'crash_mid_send') {
              // The tab dies between marking a batch sending and reading the answer.
              await takeBatch(db, actor.accountId, clock);
              await recoverInterruptedSends(db);
            } else if (step.kind === 'replay' && sent.length > 0) {
              // Someone replays an old request body verbatim (a retry from a stale tab).
              await realFetch('http://127.0.0.1:3000/api/sync/push', {
                method: 'POST',
                body: JSON.stringify(sent[step.pick % sent.length]),
              });
            } else if (step.kind === 'wait') {
              clock += RETRY_CAP_MS;
            }
          }
          // The link comes back for good: everything drains.
          for (let round = 0; round < 5; round += 1) {
            clock += RETRY_CAP_MS;
            await drainOutbox(depsWith(realFetch), actor.accountId);
          }
          const rows = await db.outbox.toArray();
          expect(rows.map((row) => row.state).filter((state) => state !== 'applied')).toEqual([]);
          expect(rows).toHaveLength(written.length);
          const counts = rowsFor(written);
          expect([...counts.values()].filter((count) => count !== 1)).toEqual([]);
          for (const row of rows) expect(row.documentNumber).toBeTruthy();
        } finally {
          await db.delete();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
