import {
  SEARCH_RESULT_LIMIT,
  commandResultSchema,
  parseSearchText,
  pushResponseSchema,
  searchResultSchema,
  type SearchCriteria,
} from '@comptoir/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedDocuments, parseJson } from '../testing/bodies.js';
import { person, transitCommand, vehicle } from '../testing/factories.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import {
  appliedOf,
  confirmCommand,
  freshVins,
  holdCommand,
} from '../commands/registration/registration-testing.js';
import { backfillSearchKeys } from '../db/0019-search.migration.js';
import { documentSearchQueries } from '../registry/search.repo.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { auditCount, expectRefusal, signIn, type SignedIn } from './registry-services.testing.js';

/*
 * Finding a paper over any period, over HTTP on both engines: a transit and a registration's
 * papers issued 45 days before the search, found by VIN, its last 6, the customer's name with
 * or without accents, the number and the plate; only within the caller's licence; absurd
 * input answered safely; every read an index range (the plans are asked of each engine).
 */

const [transitVin = '', registrationVin = ''] = freshVins('9', 2);
const DAY = 24 * 60 * 60 * 1000;

describe.each(ENGINES)('search over any period on %s', (engine) => {
  let server: TestServer;
  let agree: SignedIn;
  let transitNumber = '';
  let registrationNumber = '';
  let plate = '';

  async function search(who: SignedIn, query: string): Promise<Response> {
    return who.client.request('GET', `/api/search?${query}`);
  }

  async function found(query: string): Promise<string[]> {
    const response = await search(agree, `licence=L-100001&q=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    return searchResultSchema.parse(await response.json()).items.map((item) => item.number);
  }

  beforeAll(async () => {
    server = await createTestServer(engine);
    server.clock.set('2026-01-20T15:00:00.000Z');
    agree = await signIn(server, 'demo-agree');
    const holder = { ...person({ firstName: 'Hélène' }), lastName: 'Côté-Bélanger' };
    const transit = transitCommand({
      accountId: agree.accountId,
      vehicle: { ...vehicle(0), vin: transitVin },
      holder,
    });
    const pushed = await agree.client.request('POST', '/api/sync/push', {
      json: { ops: [transit] },
    });
    const [result] = pushResponseSchema.parse(await pushed.json()).results;
    expect(result?.status, JSON.stringify(result)).toBe('applied');
    transitNumber = appliedDocuments(result)[0]?.number ?? '';

    const hold = holdCommand({
      accountId: agree.accountId,
      vehicle: { ...vehicle(0), vin: registrationVin },
    });
    const held = await agree.client.request('POST', '/api/sync/push', { json: { ops: [hold] } });
    const [holdResult] = pushResponseSchema.parse(await held.json()).results;
    registrationNumber = appliedOf(holdResult).transaction?.number ?? '';
    const confirmed = await agree.client.request('POST', '/api/commands', {
      json: confirmCommand({ accountId: agree.accountId, registrationNumber }),
    });
    expect(confirmed.status).toBe(200);
    const applied = appliedOf(commandResultSchema.parse(parseJson(await confirmed.text())));
    plate = applied.plateNumbers?.[0] ?? '';
    expect(plate).not.toBe('');
    // The search happens 45 days later: well outside any 30-day listing window.
    server.clock.advance(45 * DAY);
    agree = await signIn(server, 'demo-agree');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('finds a paper older than 30 days by VIN, its last 6, the number and the plate', async () => {
    expect(await found(transitVin.toLowerCase())).toEqual([transitNumber]);
    expect(await found(transitVin.slice(-6))).toEqual([transitNumber]);
    expect(await found(transitNumber.toLowerCase().replace(/-/g, ' '))).toEqual([transitNumber]);
    const byPlate = await found(plate.replace(/\s/g, '').toLowerCase());
    expect(byPlate.length).toBeGreaterThan(0);
    expect(byPlate.every((number) => /^(PP|CI)-/.test(number))).toBe(true);
    // A registration's number finds the papers its confirmation issued.
    const papers = await found(registrationNumber);
    expect(papers.length).toBeGreaterThanOrEqual(2);
  });

  it('finds a customer by name, accents and case folded, by any word; the search is audited', async () => {
    const before = await auditCount(server, 'search.people', agree.accountId);
    expect(await found('hélène côté')).toEqual([transitNumber]);
    expect(await found('COTE')).toContain(transitNumber);
    expect(await found('belanger hel')).toEqual([transitNumber]);
    expect(await found('belanger marc')).toEqual([]);
    expect(await auditCount(server, 'search.people', agree.accountId)).toBe(before + 4);
  });

  it('files the documents written before the search keys existed (the migration backfill)', async () => {
    const { db } = server.ctx.storage;
    await db.deleteFrom('document_name_words').execute();
    await db
      .updateTable('documents')
      .set({ vin_last6: null, plate: null, name_folded: null })
      .execute();
    expect(await found('côté')).toEqual([]);
    await backfillSearchKeys(db);
    expect(await found('côté')).toEqual([transitNumber]);
    expect(await found(transitVin.slice(-6))).toEqual([transitNumber]);
    expect((await found(plate.replace(/\s/g, ''))).length).toBeGreaterThan(0);
  });

  it('answers each paper with its status, vehicle and customer, never the signed document', async () => {
    const response = await search(agree, `licence=L-100001&q=${transitVin}`);
    const text = await response.text();
    const result = searchResultSchema.parse(JSON.parse(text));
    expect(result).toEqual({
      items: [
        expect.objectContaining({
          number: transitNumber,
          kind: 'transit',
          licence: 'L-100001',
          status: 'expired',
          customer: 'Hélène Côté-Bélanger',
        }),
      ],
      isTruncated: false,
    });
    expect(text).not.toMatch(/jws|qrToken|eyJ/);
  });

  it('refuses the anonymous (401) and another dealer’s licence (403, audited)', async () => {
    const anonymous = createHarnessClient(server);
    const refused = await anonymous.request('GET', `/api/search?licence=L-100001&q=${transitVin}`);
    expect(refused.status).toBe(401);
    const other = await signIn(server, 'demo-admin2');
    await expectRefusal(
      await search(other, `licence=L-100001&q=${transitVin}`),
      403,
      'licence_not_permitted',
    );
    expect(await auditCount(server, 'request.refused', other.accountId)).toBeGreaterThan(0);
    // Under its own licence, the other dealer finds nothing of L-100001.
    const own = await search(other, `licence=L-200001&q=${transitVin}`);
    expect(searchResultSchema.parse(await own.json()).items).toEqual([]);
  });

  it('answers absurd input safely: wildcards, symbols and strange unicode find nothing or are refused', async () => {
    for (const text of ['%', '_', '%%__', 'c%t_', '🚗', '\u202e\u200b']) {
      await expectRefusal(
        await search(agree, `licence=L-100001&q=${encodeURIComponent(text)}`),
        400,
        'invalid_input',
      );
    }
    // Wildcards inside a name are folded away, never passed to SQL as patterns.
    expect(await found('zz%_')).toEqual([]);
    expect(await found('%côté%')).toEqual([transitNumber]);
    await expectRefusal(
      await search(agree, `licence=L-100001&q=${'a'.repeat(5000)}`),
      400,
      'invalid_input',
    );
    await expectRefusal(await search(agree, 'licence=L-100001'), 400, 'invalid_input');
  });

  it('reads every criterion from its own index on this engine, never by scanning the licence', async () => {
    await seedFiller(server, 3000);
    const criteria = {
      ...parseSearchText('hélène'),
      vin: transitVin,
      vinLast6: transitVin.slice(-6),
      plate: 'ABC123',
    };
    const search = (of: SearchCriteria) =>
      documentSearchQueries(server.ctx.storage.db, {
        licence: 'L-100001',
        criteria: of,
        limit: SEARCH_RESULT_LIMIT + 1,
      });
    const reads = [...search(criteria), ...search(parseSearchText('R-2026-000001'))];
    // The index each reading must use: the planner's choice, with statistics, on real volume.
    const expected: Record<string, RegExp> = {
      vin: /documents_licence_vin\b|documents_vin_kind/,
      vinLast6: /documents_licence_vin_last6/,
      plate: /documents_licence_plate/,
      name: /document_name_words_pk|sqlite_autoindex_document_name_words_1/,
      number: /documents_pkey|sqlite_autoindex_documents_1/,
      // The papers of a registration by the confirming command (the registrations table
      // itself is read by its key once it holds more than the few rows of this test).
      registration: /documents_command_kind/,
    };
    expect(reads.map(([name]) => name)).toEqual(Object.keys(expected));
    for (const [name, query] of reads) {
      const compiled = query.compile();
      const plan = await explain(compiled.sql, compiled.parameters);
      expect(plan, `${name}: ${plan}`).toMatch(expected[name] ?? /never/);
      // Neither a scan of the table nor of the licence's documents by another index.
      expect(plan, `${name}: ${plan}`).not.toMatch(
        /SCAN documents|Seq Scan on documents|documents_licence_seq|documents_licence_kind/,
      );
    }
  });

  async function explain(text: string, parameters: readonly unknown[]): Promise<string> {
    const { db } = server.ctx.storage;
    if (engine === 'postgres') {
      // A planner on a nearly empty table prefers a scan: ask it to avoid one if it can (it
      // still scans when no index serves the query, which is what this test catches).
      return db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        const rows = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(
          inline(text, parameters, (index) => `$${index + 1}`),
        )}`.execute(tx);
        return rows.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    }
    let index = 0;
    const rows = await sql<{ detail: string }>`explain query plan ${sql.raw(
      inline(
        text,
        parameters,
        () => '?',
        () => index++,
      ),
    )}`.execute(db);
    return rows.rows.map((row) => row.detail).join('\n');
  }
});

/**
 * Rows enough for the planners to tell the indexes apart (3,000 documents of the licence and
 * its neighbour, four name words each), then fresh statistics.
 */
async function seedFiller(server: TestServer, count: number): Promise<void> {
  await server.ctx.storage.writeTransaction(async (tx) => {
    for (let start = 0; start < count; start += 200) {
      const rows = Array.from({ length: 200 }, (_, offset) => {
        const index = start + offset;
        const digits = String(index).padStart(6, '0');
        return {
          number: `T-2020-${digits}`,
          kind: 'transit',
          licence: index % 2 === 0 ? 'L-100001' : 'L-100002',
          vin: `1FILLER0000${digits}`,
          customer_key: null,
          issued_at: new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString(),
          expires_at: null,
          status: 'valid',
          document_json: '{}',
          jws: '',
          qr_token: '',
          print_count: 0,
          command_id: `filler-${digits}`,
          change_seq: 0,
          vin_last6: digits,
          plate: `F${digits}`,
          name_folded: `nom${digits} prenom${digits}`,
        };
      });
      await tx.insertInto('documents').values(rows).execute();
      await tx
        .insertInto('document_name_words')
        .values(
          rows.flatMap((row) =>
            (row.name_folded ?? '')
              .split(' ')
              .map((word) => ({ licence: row.licence, word, number: row.number })),
          ),
        )
        .execute();
    }
  });
  await sql`analyze`.execute(server.ctx.storage.db);
}

/** The statement with its parameters written in as literals (only strings and numbers here). */
function inline(
  text: string,
  parameters: readonly unknown[],
  placeholder: (index: number) => string,
  next?: () => number,
): string {
  let result = text;
  if (next) {
    result = result.replace(/\?/g, () => literal(parameters[next()]));
    return result;
  }
  for (let index = parameters.length - 1; index >= 0; index--) {
    result = result.split(placeholder(index)).join(literal(parameters[index]));
  }
  return result;
}

function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}
