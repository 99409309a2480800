/**
 * Finding a paper among 100,000: the search's indexed reads (the VIN's last 6, a name word,
 * a number; migration 0019) against the same questions asked without those keys, the way a
 * search would have to before them (`LIKE '%…%'` over the stored signed content and the VIN),
 * on SQLite and PostgreSQL, in the same run on the same rows.
 *
 * The rows are synthetic and minimal (the search reads the keys, not the signatures): half on
 * the searched licence, two name words each, a distinct VIN. Median of RUNS lookups of
 * different values per figure, after fresh statistics (`analyze`).
 *
 * Run after the build, with cwd web/: `node --import tsx bench/search.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { SEARCH_RESULT_LIMIT, parseSearchText } from '@comptoir/shared';
import { sql } from 'kysely';
import type { Tx } from '../src/lib/server/db/engine.js';
import { searchDocuments } from '../src/lib/server/registry/search.repo.js';
import type { EngineName } from '../src/lib/server/testing/test-env.js';
import { createTestServer } from '../src/lib/server/testing/test-server.js';

const DOCUMENTS = 100_000;
const RUNS = 21;
const LICENCE = 'L-100001';

function bench(line: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(line)}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The i-th synthetic paper's values. */
function paper(index: number) {
  const digits = String(index).padStart(6, '0');
  return {
    number: `T-2019-${digits}`,
    vin: `1BENCH00000${digits}`,
    last6: digits,
    name: `nom${digits} prenom${digits}`,
  };
}

async function seed(db: Tx): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < DOCUMENTS; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, DOCUMENTS - start) }, (_, offset) => {
      const index = start + offset;
      const values = paper(index);
      return {
        number: values.number,
        kind: 'transit',
        licence: index % 2 === 0 ? LICENCE : 'L-100002',
        vin: values.vin,
        customer_key: null,
        issued_at: new Date(Date.UTC(2019, 0, 1) + index * 60_000).toISOString(),
        expires_at: null,
        status: 'valid',
        document_json: JSON.stringify({
          holder: { name: values.name },
          vehicle: { vin: values.vin },
        }),
        jws: '',
        qr_token: '',
        print_count: 0,
        command_id: `bench-${values.number}`,
        change_seq: 0,
        vin_last6: values.last6,
        plate: null,
        name_folded: values.name,
      };
    });
    await db.insertInto('documents').values(rows).execute();
    await db
      .insertInto('document_name_words')
      .values(
        rows.flatMap((row) =>
          row.name_folded
            .split(' ')
            .map((word) => ({ licence: row.licence, word, number: row.number })),
        ),
      )
      .execute();
  }
  await sql`analyze`.execute(db);
}

/** Median milliseconds of `ask` over RUNS values of the licence's papers. */
async function time(ask: (index: number) => Promise<unknown[]>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Even indexes are the searched licence's; spread over the whole range.
    const index = (Math.floor((run * DOCUMENTS) / RUNS) >> 1) << 1;
    const started = performance.now();
    const rows = await ask(index);
    times.push(performance.now() - started);
    if (rows.length === 0) throw new Error(`nothing found for paper ${String(index)}`);
  }
  return median(times);
}

async function run(engine: EngineName): Promise<void> {
  const server = await createTestServer(engine);
  try {
    const { db } = server.ctx.storage;
    const seeded = performance.now();
    await seed(db);
    console.log(
      `${engine}: ${String(DOCUMENTS)} papers in ${(performance.now() - seeded).toFixed(0)} ms`,
    );
    const like = engine === 'postgres' ? sql.raw('ilike') : sql.raw('like');
    const search = (text: string) =>
      searchDocuments(db, {
        licence: LICENCE,
        criteria: parseSearchText(text),
        limit: SEARCH_RESULT_LIMIT + 1,
      });
    const unindexed = (column: 'document_json' | 'vin', pattern: string) =>
      db
        .selectFrom('documents')
        .selectAll()
        .where('licence', '=', LICENCE)
        .where(sql<boolean>`${sql.ref(column)} ${like} ${pattern}`)
        .orderBy('issued_at', 'desc')
        .limit(SEARCH_RESULT_LIMIT + 1)
        .execute();

    const figures: [
      string,
      (index: number) => Promise<unknown[]>,
      (index: number) => Promise<unknown[]>,
    ][] = [
      [
        'by name word',
        (index) => search(`nom${paper(index).last6}`),
        (index) => unindexed('document_json', `%nom${paper(index).last6}%`),
      ],
      [
        'by VIN last 6',
        (index) => search(paper(index).last6),
        (index) => unindexed('vin', `%${paper(index).last6}`),
      ],
    ];
    for (const [what, indexed, baseline] of figures) {
      const baselineMs = await time(baseline);
      const indexedMs = await time(indexed);
      bench({
        name: `search ${String(DOCUMENTS / 1000)}k papers ${what} (${engine})`,
        figure: indexedMs,
        unit: 'ms',
        baseline: baselineMs,
        baselineName: 'LIKE scan, no search keys',
        note: `median of ${String(RUNS)}`,
      });
    }
  } finally {
    await server.dispose();
  }
}

await run('sqlite');
if (process.env.COMPTOIR_TEST_PG_URL) await run('postgres');
