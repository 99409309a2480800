import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  documentListSchema,
  newId,
  pairResponseSchema,
  printJobSchema,
  pushResponseSchema,
  registryJwksSchema,
  type DocumentEnvelope,
  vinCheckDigit,
} from '@comptoir/shared';
import { verifyDocument } from '@comptoir/shared/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../db/engine.js';
import { rotateSigningKey } from '../keys/keyset.js';
import { parseJson } from '../testing/bodies.js';
import { person, transitCommand, vehicle } from '../testing/factories.js';
import { startBalancer, type Balancer } from '../testing/nginx.js';
import { startAgentProcess } from '../testing/print-agent-process.js';
import {
  apiClient,
  freePort,
  spawnBuiltServer,
  TEST_REGISTRY_SECRET,
  type ApiClient,
  type SpawnedServer,
} from '../testing/spawn-server.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-env.js';

/** A valid VIN of its own per index (a vehicle has at most 4 transits). */
function distinctVin(index: number): string {
  const draft = `2HGCM8260PB${String(index).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}

/**
 * The registry as it grows: two built web processes on one PostgreSQL, nginx round-robin in
 * front (Debian's, started here on its own prefix and port). Everything a kiosk does goes
 * through nginx; what an inspector or an agent checks is asked of each process directly.
 */
describe('two web processes behind nginx on one PostgreSQL', () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  const servers: SpawnedServer[] = [];
  let balancer: Balancer;
  let kiosk: ApiClient;
  let accountId: string;
  let vehicleIndex = 0;

  async function tempDir(name: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), `comptoir-lb-${name}-`));
    dirs.push(dir);
    return dir;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const balancerPort = await freePort();
    const origin = `http://127.0.0.1:${String(balancerPort)}`;
    const env = {
      // Every process answers for the balancer's origin (Origin checks, cookies, links).
      ORIGIN: origin,
      COMPTOIR_TRUST_PROXY: '1',
      COMPTOIR_KEYSET_REFRESH_MS: '300',
      COMPTOIR_DB_POOL_SIZE: '4',
    };
    // The first migrates and seeds alone; each process has a data dir of its own.
    for (const name of ['a', 'b']) {
      servers.push(
        await spawnBuiltServer({ dataDir: await tempDir(name), databaseUrl: database.url, env }),
      );
    }
    balancer = await startBalancer(
      servers.map((server) => server.origin),
      { port: balancerPort },
    );
    kiosk = apiClient(balancer.origin);
    accountId = await kiosk.login('demo-agree');
  }, 180_000);

  afterAll(async () => {
    await balancer?.stop();
    for (const server of servers) await server.stop();
    await database?.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Pushes one batch of two transits (distinct vehicles, both licences) through nginx. */
  async function pushTransits(): Promise<void> {
    const ops = ['L-100001', 'L-100002'].map((licence) =>
      transitCommand({
        accountId,
        licence,
        vehicle: vehicle(0, { vin: distinctVin(++vehicleIndex) }),
        holder: person(),
      }),
    );
    const answer = await kiosk.post('/api/sync/push', { ops });
    expect(answer.status, answer.text).toBe(200);
    const results = pushResponseSchema.parse(parseJson(answer.text)).results;
    expect(
      results.map((result) => result.status),
      answer.text,
    ).toEqual(['applied', 'applied']);
  }

  async function transits(): Promise<DocumentEnvelope[]> {
    const lists = await Promise.all(
      ['L-100001', 'L-100002'].map((licence) => kiosk.get(`/api/transit?licence=${licence}`)),
    );
    return lists.flatMap((list) => documentListSchema.parse(parseJson(list.text)).items);
  }

  async function jwksOf(server: SpawnedServer) {
    const response = await fetch(`${server.origin}/.well-known/jwks.json`);
    return registryJwksSchema.parse(await response.json());
  }

  it('syncs and signs through either process; every paper verifies at both, before and after a rotation', async () => {
    for (let batch = 0; batch < 4; batch += 1) await pushTransits();
    // A new key, added from outside (as `npm run keys:rotate` does): every process takes it.
    const storage = await openStorage({ dataDir: await tempDir('cli'), databaseUrl: database.url });
    let newKid: string;
    try {
      newKid = await rotateSigningKey(
        storage,
        Buffer.from(TEST_REGISTRY_SECRET, 'base64url'),
        new Date(),
      );
    } finally {
      await storage.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let batch = 0; batch < 4; batch += 1) await pushTransits();

    const papers = await transits();
    expect(papers).toHaveLength(16);
    const kids = new Set(papers.map((paper) => paper.document.issuedBy.kid));
    expect(kids.size).toBe(2);
    expect(kids.has(newKid)).toBe(true);
    // Round robin really spread the work: both processes served requests.
    const served = new Set(await balancer.upstreams());
    expect(served).toEqual(new Set(servers.map((server) => new URL(server.origin).host)));

    const [jwksA, jwksB] = await Promise.all(servers.map((server) => jwksOf(server)));
    expect(jwksA).toEqual(jwksB);
    expect(jwksA?.keys.find((key) => key.kid === newKid)?.status).toBe('current');
    for (const paper of papers) {
      for (const [index, jwks] of [jwksA, jwksB].entries()) {
        if (!jwks) throw new Error('two JWKS expected');
        const verified = await verifyDocument(paper.jws, jwks, { checkExpiry: false });
        expect(verified.document.number, `JWKS of process ${String(index)}`).toBe(
          paper.document.number,
        );
      }
      for (const server of servers) {
        const page = await fetch(
          `${server.origin}/verifier/${paper.document.number}?t=${encodeURIComponent(paper.qrToken)}`,
        );
        expect(await page.text()).toContain('data-token="authentic"');
      }
    }
    for (const server of servers) {
      const ready = await fetch(`${server.origin}/api/health/ready`);
      expect(ready.status).toBe(200);
    }
  }, 180_000);

  it('prints papers of both keys at an agent behind nginx, and again after a restart with the server down', async () => {
    const papers = await transits();
    const byKid = new Map(papers.map((paper) => [paper.document.issuedBy.kid, paper]));
    expect(byKid.size).toBe(2);
    const agentDir = await tempDir('agent');
    const options = {
      dataDir: agentDir,
      origin: balancer.origin,
      jwksUrl: `${balancer.origin}/.well-known/jwks.json`,
    };
    let agent = await startAgentProcess(options);
    const paired = await fetch(`${agent.url}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: balancer.origin },
      body: JSON.stringify({ code: agent.pairingCode }),
    });
    const { token } = pairResponseSchema.parse(await paired.json());

    async function printAll(): Promise<string[]> {
      const states: string[] = [];
      for (const paper of byKid.values()) {
        const jobId = newId();
        const submitted = await fetch(`${agent.url}/jobs`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            origin: balancer.origin,
          },
          body: JSON.stringify({
            jobId,
            document: paper.jws,
            qrToken: paper.qrToken,
            printer: 'file',
          }),
        });
        expect(
          submitted.status,
          `${await submitted.clone().text()}\n${agent.output()}`,
        ).toBeLessThan(300);
        let job = printJobSchema.parse(await submitted.json());
        for (
          let tries = 0;
          tries < 100 && !['printed', 'spooled', 'failed'].includes(job.state);
          tries++
        ) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const polled = await fetch(`${agent.url}/jobs/${jobId}`, {
            headers: { authorization: `Bearer ${token}`, origin: balancer.origin },
          });
          job = printJobSchema.parse(await polled.json());
        }
        states.push(job.state);
      }
      return states;
    }
    try {
      expect(await printAll()).toEqual(['printed', 'printed']);
      await agent.stop();
      // The registry is unreachable: nginx is stopped; the agent restarts on its cached keys.
      await balancer.stop();
      agent = await startAgentProcess(options);
      expect(await printAll()).toEqual(['printed', 'printed']);
    } finally {
      await agent.stop();
      balancer = await startBalancer(servers.map((server) => server.origin));
    }
  }, 180_000);

  it('refuses to start a process whose key-encryption key cannot open the keyset, and says why', async () => {
    const wrongSecret = randomBytes(32).toString('base64url');
    const attempt = spawnBuiltServer({
      dataDir: await tempDir('wrong'),
      databaseUrl: database.url,
      env: { COMPTOIR_SECRET_KEY: wrongSecret },
    });
    await expect(attempt).rejects.toThrow(/refusing to start: .*another registry secret/);
    await expect(attempt).rejects.not.toThrow(wrongSecret);
  }, 120_000);
});
