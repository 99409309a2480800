/**
 * Registration confirmation benchmark (run from web/: `node --import tsx
 * bench/registration-confirm.bench.ts`, with COMPTOIR_TEST_PG_URL set). For SQLite then
 * PostgreSQL, in this process (no HTTP): save 300 registrations on hold (3 pushes of 100),
 * then confirm them one by one through the direct-command pipeline (`applyDirectCommand`: plate
 * drawn, registry updated, three papers issued and signed, fee debited, one durable commit
 * each). Baseline: the same number of direct `transit.issue` commands (one paper each) on the
 * same database, the cheapest issuing command of the same pipeline. Prints `BENCH {...}` lines.
 */
import { performance } from 'node:perf_hooks';
import { commandResultSchema, pushResponseSchema } from '@comptoir/shared';
import { loadAccount } from '../src/lib/server/accounts/session.service.js';
import {
  appliedOf,
  confirmCommand,
  freshVins,
  holdCommand,
} from '../src/lib/server/commands/registration/registration-testing.js';
import { pushCommands } from '../src/lib/server/sync/push.js';
import { applyDirectCommand } from '../src/lib/server/sync/direct-command.js';
import { transitCommand, vehicle } from '../src/lib/server/testing/factories.js';
import { createTestServer } from '../src/lib/server/testing/test-server.js';
import type { EngineName } from '../src/lib/server/testing/test-env.js';

const COUNT = 300;

function bench(line: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(line)}`);
}

async function run(engine: EngineName): Promise<void> {
  const server = await createTestServer(engine);
  try {
    const { ctx } = server;
    const author = await ctx.storage.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'demo-agree')
      .executeTakeFirstOrThrow();
    const actor = await loadAccount(ctx, author.id);
    if (!actor) throw new Error('demo-agree has no session account');
    const accountId = actor.id;
    // A staff cap high enough for the run: the bench measures the pipeline, not the cap.
    await ctx.storage.db
      .updateTable('licences')
      .set({ plate_cap: 10_000, transit_cap: 10_000 })
      .execute();

    const [holdVins, transitVins] = [freshVins('1', COUNT), freshVins('3', COUNT)];
    const numbers: string[] = [];
    for (let start = 0; start < COUNT; start += 100) {
      const ops = holdVins
        .slice(start, start + 100)
        .map((vin) => holdCommand({ accountId, vehicle: vehicle(0, { vin }) }));
      const answer = pushResponseSchema.parse(
        JSON.parse((await pushCommands(ctx, actor, { ops })).body),
      );
      for (const result of answer.results) {
        const number = appliedOf(result).transaction?.number;
        if (number === undefined) throw new Error(`hold not applied: ${JSON.stringify(result)}`);
        numbers.push(number);
      }
    }

    const timed = async (commands: unknown[]): Promise<number> => {
      const started = performance.now();
      for (const command of commands) {
        const answer = await applyDirectCommand(ctx, actor, command);
        const result = commandResultSchema.parse(JSON.parse(answer.body));
        if (result.status !== 'applied') throw new Error(`not applied: ${answer.body}`);
      }
      return (commands.length * 1000) / (performance.now() - started);
    };
    // Warm-up (JIT, prepared statements), untimed: the first commands of a process are slower.
    await timed(
      freshVins('5', 30).map((vin) => transitCommand({ accountId, vehicle: vehicle(0, { vin }) })),
    );
    const transits = await timed(
      transitVins.map((vin) => transitCommand({ accountId, vehicle: vehicle(0, { vin }) })),
    );
    const confirmations = await timed(
      numbers.map((registrationNumber) => confirmCommand({ accountId, registrationNumber })),
    );
    bench({
      name: `registration.confirm direct (${engine})`,
      figure: Math.round(confirmations * 10) / 10,
      unit: 'cmd/s',
      baseline: Math.round(transits * 10) / 10,
      baselineName: `transit.issue direct (${engine})`,
      note: `${String(COUNT)} one at a time, in process: plate, registry, 3 signed papers, debit, one commit each`,
    });
  } finally {
    await server.dispose();
  }
}

for (const engine of ['sqlite', 'postgres'] as const) await run(engine);
