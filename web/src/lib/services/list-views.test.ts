import 'fake-indexeddb/auto';
import type { IssuedDocument } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import type { DocumentRow } from '$lib/offline/db';
import { documentsInView } from './documents.service';

const now = new Date('2026-03-10T15:00:00.000Z');

function row(
  number: string,
  issuedAt: string,
  options: { expiresAt?: string; accountId?: string; operatorId?: string; status?: string } = {},
): DocumentRow {
  const document: IssuedDocument = {
    schemaVersion: 1,
    kind: 'transit',
    number,
    licence: 'L-100001',
    dealer: { name: 'Automobiles Laurentides', neq: '1160000001' },
    issuedAt,
    expiresAt: options.expiresAt ?? '2026-03-20T15:00:00.000Z',
    vehicle: { vin: '2HGFC2F59MH500001', make: 'Honda', model: 'Civic', year: 2023 },
    issuedBy: {
      signer: 'server',
      kid: 'k1',
      ...(options.accountId === undefined
        ? {}
        : {
            person: {
              accountId: options.accountId,
              name: 'Julie Roy',
              ...(options.operatorId === undefined ? {} : { operatorId: options.operatorId }),
            },
          }),
    },
    days: 10,
    reason: 'register_at_service_point',
    holder: { name: 'Marie Tremblay' },
  };
  return {
    number,
    licence: 'L-100001',
    kind: 'transit',
    issuedAt,
    document,
    status: options.status ?? 'valid',
  };
}

const rows = [
  row('T-2026-000003', '2026-03-10T14:00:00.000Z', { accountId: 'julie', operatorId: 'op-1' }),
  row('T-2026-000002', '2026-03-02T14:00:00.000Z', {
    accountId: 'julie',
    operatorId: 'op-2',
    expiresAt: '2026-03-11T14:00:00.000Z',
  }),
  row('T-2026-000001', '2026-02-01T14:00:00.000Z', {
    accountId: 'luc',
    expiresAt: '2026-03-11T00:00:00.000Z',
    status: 'voided',
  }),
];
const numbers = (shown: DocumentRow[]) => shown.map((shownRow) => shownRow.number);
const julie = { accountId: 'julie', operatorId: undefined };

describe('the list views', () => {
  it('today: the papers issued on this local day', () => {
    expect(numbers(documentsInView(rows, 'today', undefined, julie, now))).toEqual([
      'T-2026-000003',
    ]);
  });

  it('my work: the account’s papers, and on a shared account the operator’s own', () => {
    expect(numbers(documentsInView(rows, 'mine', undefined, julie, now))).toEqual([
      'T-2026-000003',
      'T-2026-000002',
    ]);
    const operator = { accountId: 'julie', operatorId: 'op-2' };
    expect(numbers(documentsInView(rows, 'mine', undefined, operator, now))).toEqual([
      'T-2026-000002',
    ]);
  });

  it('needs attention: valid papers expiring within two days (not the voided one)', () => {
    expect(numbers(documentsInView(rows, 'attention', undefined, julie, now))).toEqual([
      'T-2026-000002',
    ]);
  });

  it('by period: the window’s local days; no window (refused dates) shows nothing', () => {
    const window = { from: '2026-03-01', to: '2026-03-09' };
    expect(numbers(documentsInView(rows, 'window', window, julie, now))).toEqual(['T-2026-000002']);
    expect(documentsInView(rows, 'window', undefined, julie, now)).toEqual([]);
  });
});
