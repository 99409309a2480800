import { licenceCheckResultSchema, rightToRegisterResultSchema } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { auditCount, expectRefusal, signIn, type SignedIn } from './registry-services.testing.js';

describe.each(ENGINES)('the free checks over HTTP on %s', (engine) => {
  let server: TestServer;
  let generic: SignedIn;

  beforeAll(async () => {
    server = await createTestServer(engine);
    generic = await signIn(server, 'demo-generic');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function check(
    kind: 'driver-licence' | 'right-to-register',
    body: unknown,
    licence = 'L-200001',
  ) {
    return generic.client.request('POST', `/api/checks/${kind}?licence=${licence}`, { json: body });
  }

  it('answers valid, or not valid with only the category, never a name', async () => {
    const cases = [
      ['T1234-567890-12', { valid: true }],
      ['R345678901234', { valid: false, category: 'suspended' }],
      ['C456789012345', { valid: false, category: 'expired' }],
      ['Z999999999999', { valid: false, category: 'unknown' }],
    ] as const;
    for (const [driverLicence, expected] of cases) {
      const response = await check('driver-licence', { driverLicence });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(licenceCheckResultSchema.parse(JSON.parse(text))).toEqual(expected);
      expect(text).not.toMatch(/Tremblay|Roy|Côté|1985|1990/);
    }
    expect(await auditCount(server, 'check.driver_licence', generic.accountId)).toBe(4);
  });

  it('answers whether a person or a business may register, never why', async () => {
    const cases = [
      [{ driverLicence: 'T123456789012' }, true],
      [{ driverLicence: 'B567890123456' }, false],
      [{ driverLicence: 'Z999999999999' }, false],
      [{ neq: '1160000001' }, true],
      [{ neq: '9999999999' }, false],
    ] as const;
    for (const [body, allowed] of cases) {
      const response = await check('right-to-register', body);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(rightToRegisterResultSchema.parse(JSON.parse(text))).toEqual({ allowed });
      expect(text).not.toContain('unpaid');
    }
    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select(['licence', 'subject'])
      .where('event', '=', 'check.right_to_register')
      .execute();
    expect(audited).toHaveLength(5);
    expect(audited.every((row) => row.licence === 'L-200001')).toBe(true);
  });

  it('refuses a licence the person does not act for, and bad input, audited', async () => {
    const before = await auditCount(server, 'request.refused', generic.accountId);
    await expectRefusal(
      await check('driver-licence', { driverLicence: 'T123456789012' }, 'L-100001'),
      403,
      'licence_not_permitted',
    );
    const bad = await check('driver-licence', { driverLicence: '12' });
    await expectRefusal(bad.clone(), 400, 'invalid_input');
    const body: unknown = await bad.json();
    expect(body).toMatchObject({
      fields: [{ path: 'driverLicence', code: 'invalid_driver_licence' }],
    });
    await expectRefusal(
      await check('right-to-register', { driverLicence: 'T123456789012', neq: '1160000001' }),
      400,
      'invalid_input',
    );
    await expectRefusal(
      await generic.client.request('POST', '/api/checks/driver-licence', {
        json: { driverLicence: 'T123456789012' },
      }),
      400,
      'invalid_input',
    );
    expect(await auditCount(server, 'request.refused', generic.accountId)).toBe(before + 4);
  });
});
