import { auditPageSchema, pushResponseSchema, staffLookupResultSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshVins } from '../commands/registration/registration-testing.js';
import { appliedDocuments } from '../testing/bodies.js';
import { transitCommand, vehicle } from '../testing/factories.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { auditCount, expectRefusal, signIn, type SignedIn } from './registry-services.testing.js';

/*
 * The authority's console over HTTP on both engines: the lookup box (a licence, a document
 * number, a VIN, of any dealer), for staff only and audited; the journal found by what a row
 * is about and naming the people who acted.
 */

const [vin = ''] = freshVins('8', 1);

describe.each(ENGINES)('the staff console on %s', (engine) => {
  let server: TestServer;
  let staff: SignedIn;
  let agree: SignedIn;
  let number = '';

  beforeAll(async () => {
    server = await createTestServer(engine);
    staff = await signIn(server, 'demo-staff');
    agree = await signIn(server, 'demo-agree');
    const command = transitCommand({ accountId: agree.accountId, vehicle: { ...vehicle(0), vin } });
    const pushed = await agree.client.request('POST', '/api/sync/push', {
      json: { ops: [command] },
    });
    const [result] = pushResponseSchema.parse(await pushed.json()).results;
    number = appliedDocuments(result)[0]?.number ?? '';
    expect(number).not.toBe('');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function lookup(text: string) {
    const response = await staff.client.request(
      'GET',
      `/api/staff/lookup?q=${encodeURIComponent(text)}`,
    );
    expect(response.status).toBe(200);
    return staffLookupResultSchema.parse(await response.json());
  }

  it('finds a licence with its dealer, a document by number and by VIN; each lookup audited', async () => {
    const before = await auditCount(server, 'staff.lookup', staff.accountId);
    expect((await lookup('l100001')).licences).toEqual([
      { number: 'L-100001', dealerName: expect.any(String), isSuspended: false },
    ]);
    expect((await lookup(number.toLowerCase())).documents.map((hit) => hit.number)).toEqual([
      number,
    ]);
    const byVin = await lookup(vin);
    expect(byVin.documents.map((hit) => hit.number)).toEqual([number]);
    expect(byVin.documents[0]).toMatchObject({ licence: 'L-100001', status: 'valid' });
    expect(await lookup('L-999999')).toEqual({ licences: [], documents: [], isTruncated: false });
    expect(await auditCount(server, 'staff.lookup', staff.accountId)).toBe(before + 4);
  });

  it('is for staff only: a dealer 403, the anonymous 401, a name or wildcards 400', async () => {
    await expectRefusal(
      await agree.client.request('GET', '/api/staff/lookup?q=L-100001'),
      403,
      'forbidden',
    );
    const anonymous = createHarnessClient(server);
    expect((await anonymous.request('GET', '/api/staff/lookup?q=L-100001')).status).toBe(401);
    for (const text of ['Julie Roy', '%_%', 'x'.repeat(500)]) {
      await expectRefusal(
        await staff.client.request('GET', `/api/staff/lookup?q=${encodeURIComponent(text)}`),
        400,
        'invalid_input',
      );
    }
  });

  it('finds the journal rows about a document, naming who acted', async () => {
    const response = await staff.client.request(
      'GET',
      `/api/staff/audit?subject=${number.toLowerCase()}`,
    );
    expect(response.status).toBe(200);
    const page = auditPageSchema.parse(await response.json());
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => item.subject === number)).toBe(true);
    const issued = page.items.find((item) => item.event === 'document.issued');
    expect(issued).toMatchObject({ actor: agree.accountId, actorName: expect.any(String) });
    expect(issued?.actorName).not.toBe(agree.accountId);
  });
});
