import 'fake-indexeddb/auto';
import { newId, operatorVerifiersResponseSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarnessClient } from '../server/testing/http-harness';
import { createTestServer, type TestServer } from '../server/testing/test-server';
import { openComptoirDb, type ComptoirDb } from './db';
import { checkOperatorPin, listOperators, replaceOperators } from './operators';

// The kiosk checks PINs with the verifiers the real server salted for it (same derivation).
describe('operator PINs on the kiosk', () => {
  let server: TestServer;
  let db: ComptoirDb;

  beforeAll(async () => {
    server = await createTestServer('sqlite');
    db = openComptoirDb(`operators-${newId()}`);
    await db.open();
  });
  afterAll(async () => {
    await db?.delete();
    await server?.dispose();
  });

  it('checks a PIN offline against the server’s verifier, and forgets removed operators', async () => {
    const admin = createHarnessClient(server);
    await admin.login('demo-admin2');
    for (const [displayName, pin] of [
      ['Sophie', '2468'],
      ['Alex', '135790'],
    ]) {
      const created = await admin.request('POST', '/api/operators', {
        json: { licence: 'L-200001', displayName, pin },
      });
      expect(created.status).toBe(201);
    }
    const generic = createHarnessClient(server);
    await generic.login('demo-generic');
    const kioskId = newId();
    const answer = await generic.request(
      'GET',
      `/api/operators/verifiers?licence=L-200001&kioskId=${kioskId}`,
    );
    const { operators } = operatorVerifiersResponseSchema.parse(await answer.json());
    await replaceOperators(db, 'acc-generic', operators);

    const listed = await listOperators(db, 'acc-generic');
    expect(listed.map((operator) => operator.displayName)).toEqual(['Alex', 'Sophie']);
    const sophie = listed.find((operator) => operator.displayName === 'Sophie');
    if (!sophie) throw new Error('Sophie missing');
    expect((await checkOperatorPin(db, sophie.operatorId, '2468'))?.displayName).toBe('Sophie');
    expect(await checkOperatorPin(db, sophie.operatorId, '135790')).toBeUndefined();
    expect(await checkOperatorPin(db, sophie.operatorId, '2469')).toBeUndefined();

    await replaceOperators(db, 'acc-generic', operators.slice(0, 1));
    expect(await listOperators(db, 'acc-generic')).toHaveLength(1);
  });

  it('never lists two operators with one name, even from an older server', async () => {
    const verifier = (displayName: string) => ({
      operatorId: newId(),
      displayName,
      salt: 's',
      iterations: 1,
      verifier: 'v',
    });
    await replaceOperators(db, 'acc-older', [
      verifier('Julie Roy'),
      verifier('julie  roy'),
      verifier('Luc'),
    ]);
    const listed = await listOperators(db, 'acc-older');
    expect(listed.map((operator) => operator.displayName)).toEqual(['Julie Roy', 'Luc']);
  });
});
