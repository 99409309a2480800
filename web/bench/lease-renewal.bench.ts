/**
 * Lease renewal benchmark (run from web/: `node --import tsx bench/lease-renewal.bench.ts`,
 * with COMPTOIR_TEST_PG_URL set). For SQLite then PostgreSQL, in this process (no HTTP): a
 * kiosk renews its offline lease 200 times in a row (`grantLease` with `renews`: the licence
 * locked, the old lease retired, the cap's room counted over every unexpired lease, two blocks
 * drawn from their counter rows, the lease signed, stored and audited, one durable commit).
 * Baseline: the same number of direct `transit.issue` commands on the same database, the
 * cheapest issuing command of the pipeline. Prints `BENCH {...}` lines.
 */
import { performance } from 'node:perf_hooks';
import { commandResultSchema, leaseResponseSchema, newId } from '@comptoir/shared';
import { verifyLease } from '@comptoir/shared/offline';
import { exportJWK, generateKeyPair } from 'jose';
import { loadAccount } from '../src/lib/server/accounts/session.service.js';
import { freshVins } from '../src/lib/server/commands/registration/registration-testing.js';
import { grantLease } from '../src/lib/server/endpoints/leases.service.js';
import { insertKiosk } from '../src/lib/server/registry/kiosks.repo.js';
import { applyDirectCommand } from '../src/lib/server/sync/direct-command.js';
import { transitCommand, vehicle } from '../src/lib/server/testing/factories.js';
import { createTestServer } from '../src/lib/server/testing/test-server.js';
import type { EngineName } from '../src/lib/server/testing/test-env.js';

const COUNT = 200;

function bench(line: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(line)}`);
}

async function run(engine: EngineName): Promise<void> {
  const server = await createTestServer(engine);
  try {
    const { ctx } = server;
    const author = await ctx.storage.db
      .selectFrom('accounts')
      .select(['id', 'dealer_id'])
      .where('username', '=', 'demo-agree')
      .executeTakeFirstOrThrow();
    const actor = await loadAccount(ctx, author.id);
    if (!actor || author.dealer_id === null) throw new Error('demo-agree has no dealer');
    await ctx.storage.db.updateTable('licences').set({ transit_cap: 100_000 }).execute();
    const kiosk = {
      id: newId(),
      dealerId: author.dealer_id,
      licence: 'L-100001',
      name: 'Banc',
      location: 'showroom' as const,
    };
    await insertKiosk(ctx.storage.db, {
      ...kiosk,
      credentialHash: '0'.repeat(64),
      enrolledBy: author.id,
      enrolledAt: server.clock.now().toISOString(),
      revokedAt: null,
    });
    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const x = String((await exportJWK(publicKey)).x);
    const key = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
    let leaseId: string | undefined;
    const renew = async (): Promise<void> => {
      const body = {
        publicKey: key,
        kinds: ['transit', 'atac'],
        ...(leaseId !== undefined && { renews: { leaseId, used: { transit: 1 } } }),
      };
      const { lease } = leaseResponseSchema.parse(
        await grantLease(ctx, kiosk, { id: kiosk.id }, body),
      );
      leaseId = (await verifyLease(lease, ctx.signer.jwks())).lease.leaseId;
    };
    const transit = async (vin: string): Promise<void> => {
      const answer = await applyDirectCommand(
        ctx,
        actor,
        transitCommand({ accountId: actor.id, vehicle: vehicle(0, { vin }) }),
      );
      const result = commandResultSchema.parse(JSON.parse(answer.body));
      if (result.status !== 'applied') throw new Error(`not applied: ${answer.body}`);
    };
    // Warm-up, untimed.
    for (let i = 0; i < 20; i++) await renew();
    for (const vin of freshVins('7', 20)) await transit(vin);

    let started = performance.now();
    for (let i = 0; i < COUNT; i++) await renew();
    const renewalsPerSecond = (COUNT * 1000) / (performance.now() - started);
    started = performance.now();
    for (const vin of freshVins('8', COUNT)) await transit(vin);
    const transitsPerSecond = (COUNT * 1000) / (performance.now() - started);
    bench({
      name: `lease renewal (${engine})`,
      figure: Number(renewalsPerSecond.toFixed(1)),
      unit: 'renewals/s',
      baseline: Number(transitsPerSecond.toFixed(1)),
      baselineName: 'direct transit.issue',
      note: `${String(COUNT)} in a row, one kiosk, transit + ATAC blocks, old lease retired`,
    });
  } finally {
    await server.dispose();
  }
}

for (const engine of ['sqlite', 'postgres'] as const) await run(engine);
