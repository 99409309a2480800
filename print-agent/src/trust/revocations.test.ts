import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorSchema,
  errorCatalogue,
  pairResponseSchema,
  printJobSchema,
  revocationsResponseSchema,
  type IssuedDocument,
  type RevocationFeed,
} from '@comptoir/shared';
import { signRevocationFeed } from '@comptoir/shared/tokens';
import { agentJobGate } from '../jobs/job-gate.js';
import { submitJob } from '../jobs/submit-job.service.js';
import { createTestSigner, provisionalPlate, type TestSigner } from '../testing/documents.js';
import { FakePrinter } from '../testing/fake-printer.js';
import {
  ADMIN_SECRET,
  createTestAgent,
  eventually,
  rawPrinter,
  type TestAgent,
} from '../testing/test-agent.js';
import { REVOCATIONS_FILE, RevocationStore } from './revocation-store.js';

let signer: TestSigner;
let forger: TestSigner;
let printer: FakePrinter;
let agent: TestAgent;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  signer = await createTestSigner();
  forger = await createTestSigner();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<void> {
  printer = await FakePrinter.start();
  cleanups.push(() => printer.close());
  agent = await createTestAgent({ signer, printers: [rawPrinter('front', printer.port)] });
  cleanups.push(() => agent.dispose());
}

function post(path: string, body: unknown, token = agent.token): Promise<Response> {
  return Promise.resolve(
    agent.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
  );
}

function feed(sequence: number, documents: IssuedDocument[], dealer = 'dealer-1'): RevocationFeed {
  return {
    dealer,
    sequence,
    issuedAt: new Date().toISOString(),
    revoked: documents.map((d) => ({
      number: d.number,
      kind: d.kind,
      ...(d.expiresAt !== undefined && { expiresAt: d.expiresAt }),
    })),
  };
}

async function sendFeed(content: RevocationFeed, by = signer): Promise<Response> {
  return post('/revocations', { feed: await signRevocationFeed(content, by.key) });
}

async function jobFor(document: IssuedDocument) {
  return { jobId: randomUUID(), document: await signer.sign(document), role: 'plate' };
}

async function expectRefused(response: Response, status: number, code: string): Promise<void> {
  const body = apiErrorSchema.parse(await response.json());
  expect({ status: response.status, code: body.code }).toEqual({ status, code });
  expect(body.message).toEqual(errorCatalogue[code as keyof typeof errorCatalogue]);
}

describe('POST /revocations', () => {
  it('keeps a signed feed, answers a replay as not new, and refuses an older one', async () => {
    await setUp();
    const plate = provisionalPlate(signer.key.kid);
    const kept = await sendFeed(feed(2, [plate]));
    expect(kept.status).toBe(200);
    expect(revocationsResponseSchema.parse(await kept.json())).toEqual({
      dealer: 'dealer-1',
      sequence: 2,
      revoked: 1,
      isNew: true,
    });
    const replay = revocationsResponseSchema.parse(await (await sendFeed(feed(2, [plate]))).json());
    expect(replay.isNew).toBe(false);
    // An older feed (without the void) never replaces the newer one.
    await expectRefused(await sendFeed(feed(1, [])), 409, 'revocation_feed_stale');
    expect(agent.deps.revocations.voided(plate.number)).toBeDefined();
    // Another dealer's feed is kept beside it.
    expect((await sendFeed(feed(1, [], 'dealer-2'))).status).toBe(200);
    expect(agent.deps.revocations.counts()).toEqual({ dealers: 2, voided: 1 });
  });

  it('refuses a feed signed by another key, a document JWS, a bad body and an unpaired caller', async () => {
    await setUp();
    const plate = provisionalPlate(signer.key.kid);
    await expectRefused(await sendFeed(feed(5, [plate]), forger), 422, 'revocation_feed_invalid');
    // Signed by the trusted key, but with the document typ: not a feed.
    await expectRefused(
      await post('/revocations', { feed: await signer.sign(plate) }),
      422,
      'revocation_feed_invalid',
    );
    await expectRefused(await post('/revocations', { feed: 'x', extra: 1 }), 400, 'invalid_input');
    await expectRefused(
      await post('/revocations', { feed: 'x' }, 'cpk_nope'),
      401,
      'kiosk_token_invalid',
    );
    expect(agent.deps.revocations.counts()).toEqual({ dealers: 0, voided: 0 });
  });
});

describe('voided papers never print', () => {
  it('refuses a job for a voided document with document_voided; an expired one keeps token_expired', async () => {
    await setUp();
    const plate = provisionalPlate(signer.key.kid);
    const old = provisionalPlate(signer.key.kid, {
      issuedAt: '2026-01-01T15:00:00.000Z',
      expiresAt: '2026-02-15T04:59:59.000Z',
    });
    expect((await sendFeed(feed(1, [plate, old]))).status).toBe(200);
    const refused = await post('/jobs', await jobFor(plate));
    const body = apiErrorSchema.parse(await refused.json());
    expect(refused.status).toBe(422);
    expect(body).toMatchObject({ code: 'document_voided', fields: [{ path: 'document' }] });
    await expectRefused(await post('/jobs', await jobFor(old)), 422, 'token_expired');
    // Another paper still prints.
    expect((await post('/jobs', await jobFor(provisionalPlate(signer.key.kid)))).status).toBe(202);
    await printer.waitForJobs(1);
  });

  it('fails a job accepted before the void reached the agent, before any paper', async () => {
    await setUp();
    const port = printer.port;
    await printer.close();
    const plate = provisionalPlate(signer.key.kid);
    const job = await jobFor(plate);
    expect((await post('/jobs', job)).status).toBe(202);
    await eventually(() => agent.deps.ledger.get(job.jobId)?.state === 'held');
    expect((await sendFeed(feed(1, [plate]))).status).toBe(200);
    printer = await FakePrinter.startOn(port);
    cleanups.push(() => printer.close());
    await eventually(() => agent.deps.ledger.get(job.jobId)?.state === 'failed');
    expect(agent.deps.ledger.get(job.jobId)?.reason).toEqual({
      code: 'document_voided',
      ...errorCatalogue.document_voided,
    });
    expect(printer.jobs).toHaveLength(0);
  });

  it('keeps the feeds across a restart (0600, no server needed)', async () => {
    await setUp();
    const plate = provisionalPlate(signer.key.kid);
    expect((await sendFeed(feed(4, [plate]))).status).toBe(200);
    const path = join(agent.dataDir, REVOCATIONS_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // A new store over the same folder is what a restarted agent opens (its JWKS unreachable:
    // the test agent's key fetch always fails).
    const restarted = new RevocationStore(agent.dataDir);
    expect(restarted.feedOf('dealer-1')?.sequence).toBe(4);
    const outcome = await submitJob(
      { ...agent.deps, revocations: restarted },
      {
        jobId: randomUUID(),
        document: await signer.sign(plate),
        role: 'plate',
        copies: 1,
        reprint: false,
      },
    );
    expect(outcome).toMatchObject({
      kind: 'refused',
      status: 422,
      error: { code: 'document_voided' },
    });
  });
});

describe('a kiosk whose pairing is revoked', () => {
  async function secondKiosk(): Promise<{ token: string; id: string }> {
    const response = await agent.app.request('/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: agent.deps.pairing.current().code, label: 'stolen' }),
    });
    const { token } = pairResponseSchema.parse(await response.json());
    return { token, id: agent.deps.pairing.kioskIdOf(token) };
  }

  it('has its waiting jobs failed at the revocation, with the reason, and never printed', async () => {
    await setUp();
    const port = printer.port;
    await printer.close();
    const stolen = await secondKiosk();
    const job = await jobFor(provisionalPlate(signer.key.kid));
    expect((await post('/jobs', job, stolen.token)).status).toBe(202);
    const other = await jobFor(provisionalPlate(signer.key.kid));
    expect((await post('/jobs', other)).status).toBe(202);
    await eventually(() => agent.deps.ledger.get(job.jobId)?.state === 'held');
    const revoked = await agent.app.request(`/admin/kiosks/${stolen.id}/revoke`, {
      method: 'POST',
      headers: { 'x-agent-admin-secret': ADMIN_SECRET, accept: 'application/json' },
    });
    expect(revoked.status).toBe(200);
    const failed = printJobSchema.parse(agent.deps.ledger.get(job.jobId));
    expect(failed).toMatchObject({ state: 'failed', reason: { code: 'kiosk_pairing_revoked' } });
    printer = await FakePrinter.startOn(port);
    cleanups.push(() => printer.close());
    // The paired kiosk's job prints; the revoked one's never does.
    await printer.waitForJobs(1);
    await eventually(() => agent.deps.ledger.get(other.jobId)?.state === 'spooled');
    expect(printer.jobs).toHaveLength(1);
    expect(agent.deps.ledger.get(job.jobId)?.state).toBe('failed');
  });

  it('has a queued job refused by the queue when revoked by any other way', async () => {
    await setUp();
    const port = printer.port;
    await printer.close();
    const stolen = await secondKiosk();
    const job = await jobFor(provisionalPlate(signer.key.kid));
    expect((await post('/jobs', job, stolen.token)).status).toBe(202);
    await eventually(() => agent.deps.ledger.get(job.jobId)?.state === 'held');
    // Straight in the store (no admin route): the gate before the job is what refuses it.
    expect(agent.deps.pairing.revoke(stolen.id)).toBe(true);
    printer = await FakePrinter.startOn(port);
    cleanups.push(() => printer.close());
    await eventually(() => agent.deps.ledger.get(job.jobId)?.state === 'failed');
    expect(agent.deps.ledger.get(job.jobId)?.reason?.code).toBe('kiosk_pairing_revoked');
    expect(printer.jobs).toHaveLength(0);
  });
});

describe('the check before every job', () => {
  it('refuses a paper that expired while its job waited, past the 2 minutes of tolerance', async () => {
    await setUp();
    const plate = provisionalPlate(signer.key.kid);
    const jobId = randomUUID();
    agent.deps.ledger.accept({
      jobId,
      requestHash: 'h',
      documentNumber: plate.number,
      documentKind: plate.kind,
      documentJson: JSON.stringify(plate),
      qrUrl: 'http://127.0.0.1:3000/verifier/x',
      printer: 'nowhere',
      role: 'plate',
      copies: 1,
      reprint: false,
    });
    const job = printJobSchema.parse(agent.deps.ledger.get(jobId));
    const expiresAt = new Date(plate.expiresAt ?? '').getTime();
    const gateAt = (ms: number) =>
      agentJobGate({
        ledger: agent.deps.ledger,
        pairing: agent.deps.pairing,
        revocations: agent.deps.revocations,
        now: () => new Date(ms),
      })(job);
    expect(gateAt(expiresAt + 119_000)).toBeUndefined();
    expect(gateAt(expiresAt + 121_000)).toEqual({
      code: 'token_expired',
      ...errorCatalogue.token_expired,
    });
  });
});
