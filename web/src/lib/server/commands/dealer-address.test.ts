import { issuedDocumentSchema, pushResponseSchema, sessionInfoSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LICENCE_ADDRESSES } from '../demo/demo-seed-registry.js';
import { appliedDocuments, parseJson } from '../testing/bodies.js';
import { atacCommand } from '../testing/factories.js';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

describe.each(ENGINES)('the dealer on an issued ATAC on %s', (engine) => {
  let server: TestServer;
  let admin: HarnessClient;
  let accountId: string;

  beforeAll(async () => {
    server = await createTestServer(engine);
    admin = createHarnessClient(server);
    const signedIn = await admin.login('demo-admin');
    accountId = sessionInfoSchema.parse(await signedIn.json()).account.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('carries the licence’s address on file, signed with the rest', async () => {
    const pushed = await admin.request('POST', '/api/sync/push', {
      json: { ops: [atacCommand({ accountId, licence: 'L-100001' })] },
    });
    const [result] = pushResponseSchema.parse(await pushed.json()).results;
    expect(result?.status).toBe('applied');
    const number = appliedDocuments(result)[0]?.number ?? 'missing';
    const row = await server.ctx.storage.db
      .selectFrom('documents')
      .select('document_json')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    const document = issuedDocumentSchema.parse(parseJson(row.document_json));
    expect(document.dealer.address).toEqual(DEMO_LICENCE_ADDRESSES['L-100001']);
  });
});
