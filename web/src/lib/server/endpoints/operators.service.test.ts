import { pbkdf2Sync } from 'node:crypto';
import {
  apiErrorSchema,
  issuedDocumentSchema,
  newId,
  operatorSchema,
  operatorVerifiersResponseSchema,
  pushResponseSchema,
  sessionInfoSchema,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appliedDocuments, parseJson } from '../testing/bodies.js';
import { person, transitCommand } from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

describe.each(ENGINES)('operators of a generic account on %s', (engine) => {
  let server: TestServer;
  let admin: HarnessClient;
  let generic: HarnessClient;
  let genericId: string;
  let operatorId: string;
  const kioskId = newId();

  beforeAll(async () => {
    server = await createTestServer(engine);
    admin = createHarnessClient(server);
    expect((await admin.login('demo-admin2')).status).toBe(200);
    generic = createHarnessClient(server);
    const signedIn = await generic.login('demo-generic');
    genericId = sessionInfoSchema.parse(await signedIn.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('lets an administrator add operators with a 4-6 digit PIN, never shown back', async () => {
    const bad = await admin.request('POST', '/api/operators', {
      json: { licence: 'L-200001', displayName: 'Sophie', pin: '12a' },
    });
    expect(bad.status).toBe(400);
    expect(apiErrorSchema.parse(await bad.json()).fields).toMatchObject([
      { path: 'pin', code: 'invalid_operator_pin' },
    ]);
    const refused = await generic.request('POST', '/api/operators', {
      json: { licence: 'L-200001', displayName: 'Sophie', pin: '1234' },
    });
    expect(refused.status).toBe(403);

    const created = await admin.request('POST', '/api/operators', {
      json: { licence: 'L-200001', displayName: 'Sophie', pin: '1234' },
    });
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain('1234');
    operatorId = operatorSchema.parse(parseJson(text)).operatorId;
    const stored = await server.ctx.storage.db
      .selectFrom('operators')
      .select(['pin_hash', 'pin_cipher'])
      .where('id', '=', operatorId)
      .executeTakeFirstOrThrow();
    expect(stored.pin_hash).toMatch(/^\$argon2id\$/);
    expect(stored.pin_cipher).not.toContain('1234');

    const listed = await admin.request('GET', '/api/operators?licence=L-200001');
    const list = z.object({ operators: z.array(operatorSchema) }).parse(await listed.json());
    expect(list.operators.map((operator) => operator.displayName)).toEqual(['Sophie']);
  });

  it('gives the kiosk a verifier salted for that kiosk, so it checks the PIN offline', async () => {
    const answer = await generic.request(
      'GET',
      `/api/operators/verifiers?licence=L-200001&kioskId=${kioskId}`,
    );
    expect(answer.status).toBe(200);
    const [verifier] = operatorVerifiersResponseSchema.parse(await answer.json()).operators;
    expect(verifier?.operatorId).toBe(operatorId);
    if (!verifier) return;
    const derived = pbkdf2Sync('1234', verifier.salt, verifier.iterations, 32, 'sha256');
    expect(derived.toString('base64url')).toBe(verifier.verifier);

    const other = await generic.request(
      'GET',
      `/api/operators/verifiers?licence=L-200001&kioskId=${newId()}`,
    );
    const [elsewhere] = operatorVerifiersResponseSchema.parse(await other.json()).operators;
    expect(elsewhere?.salt).not.toBe(verifier.salt);
    expect(elsewhere?.verifier).not.toBe(verifier.verifier);

    const notTheirs = await generic.request(
      'GET',
      `/api/operators/verifiers?licence=L-100001&kioskId=${kioskId}`,
    );
    expect(notTheirs.status).toBe(403);
  });

  it('accepts commands naming an operator of the dealer, and rejects an unknown or disabled one', async () => {
    const op = (operator: string, n: number) => ({
      ...transitCommand({
        accountId: genericId,
        licence: 'L-200001',
        holder: person({ driverLicence: `P${String(n).padStart(12, '0')}` }),
      }),
      actor: { accountId: genericId, operatorId: operator },
    });
    const first = await generic.request('POST', '/api/sync/push', {
      json: { ops: [op(operatorId, 1), op(newId(), 2)] },
    });
    expect(first.status).toBe(200);
    const results = pushResponseSchema.parse(await first.json()).results;
    expect(results.map((result) => result.error?.code ?? result.status)).toEqual([
      'applied',
      'operator_unknown',
    ]);

    // The operator is on the record with the command and its document.
    const [applied] = results;
    const recorded = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(['actor', 'detail_json'])
      .where('event', '=', 'command.operator')
      .where('subject', '=', applied?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(recorded.actor).toBe(genericId);
    expect(recorded.detail_json).toContain(operatorId);
    expect(recorded.detail_json).toContain(appliedDocuments(applied)[0]?.number ?? 'missing');
    // The paper itself names the operator, not the shared account (PCI DSS 8.2.2).
    const paper = await server.ctx.storage.db
      .selectFrom('documents')
      .select('document_json')
      .where('number', '=', appliedDocuments(applied)[0]?.number ?? 'missing')
      .executeTakeFirstOrThrow();
    expect(issuedDocumentSchema.parse(parseJson(paper.document_json)).issuedBy.person).toEqual({
      accountId: genericId,
      name: 'Sophie',
      operatorId,
    });

    const elsewhere = createHarnessClient(server);
    expect((await elsewhere.login('demo-admin')).status).toBe(200);
    const probe = await elsewhere.request('PATCH', `/api/operators/${operatorId}`, {
      json: { disabled: true },
    });
    expect(probe.status).toBe(404);

    const disabled = await admin.request('PATCH', `/api/operators/${operatorId}`, {
      json: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(operatorSchema.parse(await disabled.json()).disabled).toBe(true);
    const later = await generic.request('POST', '/api/sync/push', {
      json: { ops: [op(operatorId, 3)] },
    });
    const [refused] = pushResponseSchema.parse(await later.json()).results;
    expect(refused?.error?.fields.map((field) => field.path)).toEqual(['actor.operatorId']);
    const verifiers = await generic.request(
      'GET',
      `/api/operators/verifiers?licence=L-200001&kioskId=${kioskId}`,
    );
    expect(operatorVerifiersResponseSchema.parse(await verifiers.json()).operators).toEqual([]);
  });
});
