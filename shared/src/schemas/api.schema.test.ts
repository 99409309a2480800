import type { ZodError } from 'zod';
import { describe, expect, it } from 'vitest';
import { apiError, fromZodError } from '../errors.js';
import { newId } from '../ids.js';
import { oneDocumentOfEachKind } from '../testing/documents.js';
import { licenceCheckQuerySchema, rightToRegisterQuerySchema } from './checks.schema.js';
import { documentListSchema, listQuerySchema } from './listing.schema.js';
import { loginRequestSchema, sessionInfoSchema } from './session.schema.js';
import {
  appliedResultSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from './sync.schema.js';

function codes(result: { success: boolean; error?: ZodError }): string[] {
  return result.error
    ? fromZodError(result.error).fields.map((field) => `${field.path}:${field.code}`)
    : [];
}

describe('listQuerySchema', () => {
  it('accepts up to 30 days and refuses more with a stable code', () => {
    expect(
      listQuerySchema.parse({ licence: 'l-100001', from: '2026-11-01', to: '2026-11-30' }),
    ).toEqual({
      licence: 'L-100001',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(
      codes(
        listQuerySchema.safeParse({ licence: 'L-100001', from: '2026-11-01', to: '2026-12-01' }),
      ),
    ).toEqual(['to:listing_window_too_long']);
    expect(
      codes(
        listQuerySchema.safeParse({ licence: 'L-100001', from: '2026-11-02', to: '2026-11-01' }),
      ),
    ).toEqual(['from:listing_window_reversed']);
  });

  it('reports a bad licence together with the window', () => {
    expect(
      codes(
        listQuerySchema.safeParse({ licence: '?', from: '2026-01-01', to: '2026-03-01', page: 2 }),
      ),
    ).toEqual([
      'licence:invalid_licence_number',
      'page:unknown_field',
      'to:listing_window_too_long',
    ]);
  });
});

describe('login and session', () => {
  it('trims the username, never the password', () => {
    expect(loginRequestSchema.parse({ username: ' vendeur1 ', password: ' secret ' })).toEqual({
      username: 'vendeur1',
      password: ' secret ',
    });
    expect(
      codes(loginRequestSchema.safeParse({ username: '', password: '', remember: true })),
    ).toEqual(['username:required', 'password:required', 'remember:unknown_field']);
  });

  it('parses session information', () => {
    const session = {
      account: { id: newId(), username: 'vendeur1', displayName: 'Vendeur 1', kind: 'generic' },
      licences: [
        {
          licence: 'L-100001',
          dealerName: 'Autos Laval inc.',
          neq: '1145236789',
          role: 'generic_employee',
          accredited: false,
        },
      ],
      idleLockMinutes: 15,
      serverTime: '2026-11-26T15:00:00Z',
    };
    expect(sessionInfoSchema.parse(session)).toEqual(session);
    expect(
      sessionInfoSchema.safeParse({
        ...session,
        licences: [{ ...session.licences[0], role: 'owner' }],
      }).success,
    ).toBe(false);
  });
});

describe('checks', () => {
  it('takes a driving licence, or for the right to register a licence or a NEQ', () => {
    expect(licenceCheckQuerySchema.parse({ driverLicence: 't6543 210987 65' })).toEqual({
      driverLicence: 'T654321098765',
    });
    expect(rightToRegisterQuerySchema.parse({ neq: '1145236789' })).toEqual({ neq: '1145236789' });
    expect(
      rightToRegisterQuerySchema.safeParse({ neq: '1145236789', driverLicence: 'T654321098765' })
        .success,
    ).toBe(false);
  });
});

describe('sync bodies', () => {
  it('takes 1 to 100 ops per push', () => {
    expect(pushRequestSchema.safeParse({ ops: [] }).success).toBe(false);
    expect(
      pushRequestSchema.safeParse({ ops: Array.from({ length: 100 }, () => ({})) }).success,
    ).toBe(true);
    expect(
      codes(pushRequestSchema.safeParse({ ops: Array.from({ length: 101 }, () => ({})) })),
    ).toEqual(['ops:too_many']);
  });

  it('parses a push response with applied and rejected results', () => {
    const response = {
      serverTime: '2026-11-26T15:00:00.000Z',
      results: [
        { id: newId(), status: 'applied', result: { number: 'T-2026-000002' } },
        { id: newId(), status: 'rejected', error: apiError('transit_limit_vehicle') },
        { id: newId(), status: 'retry' },
      ],
    };
    expect(pushResponseSchema.parse(response)).toEqual(response);
  });

  it('parses an applied result naming its documents, and refuses one without them', () => {
    const result = {
      documents: [
        { kind: 'transit', number: 'T-2026-000002', expiresAt: '2026-12-07T04:59:59.000Z' },
        { kind: 'atac', number: 'ATAC-2026-000001' },
      ],
    };
    expect(appliedResultSchema.parse(result)).toEqual(result);
    expect(appliedResultSchema.safeParse({ number: 'T-2026-000002' }).success).toBe(false);
  });

  it('parses a listing answer of document envelopes', () => {
    const [document] = oneDocumentOfEachKind();
    const envelope = { document, jws: 'a.b.c', qrToken: 'd.e.f', status: 'valid', printCount: 0 };
    const listing = { from: '2026-11-20', to: '2026-11-26', items: [envelope] };
    expect(documentListSchema.parse(listing)).toMatchObject({
      from: '2026-11-20',
      to: '2026-11-26',
    });
    expect(documentListSchema.safeParse({ ...listing, items: [{ jws: 'a.b.c' }] }).success).toBe(
      false,
    );
  });

  it('coerces pull query strings and defaults the cursor', () => {
    expect(pullQuerySchema.parse({ licence: 'L-100001', since: '42' })).toEqual({
      licence: 'L-100001',
      since: 42,
      limit: 100,
    });
    expect(pullQuerySchema.parse({ licence: 'L-100001' })).toMatchObject({ since: 0 });
    expect(codes(pullQuerySchema.safeParse({ licence: 'L-100001', since: '-1' }))).toEqual([
      'since:too_small',
    ]);
  });

  it('parses a pull response of tolerant documents', () => {
    const changes = oneDocumentOfEachKind().map((document, seq) => ({
      seq,
      document,
      status: 'valid',
    }));
    const parsed = pullResponseSchema.parse({ cursor: 8, changes, more: false });
    expect(parsed.changes).toHaveLength(8);
  });
});
