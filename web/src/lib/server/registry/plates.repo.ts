import { sql } from 'kysely';
import type { Tx } from '../db/engine.js';

/** The plate series the registry hands numbers out of (rows of `plate_series`). */
export type PlateSeries = 'passenger' | 'dealer_x';

/** Each series' format, first value when its row does not exist yet, and capacity. */
const seriesFormats: Record<
  PlateSeries,
  { kind: string; firstValue: number; capacity: number; format: (value: number) => string }
> = {
  passenger: { kind: 'passenger', firstValue: 0, capacity: 26 * 100 * 26 ** 3, format: passenger },
  dealer_x: { kind: 'dealer', firstValue: 1, capacity: 100_000, format: dealerX },
};

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function letter(index: number): string {
  return LETTERS.charAt(index % 26);
}

/**
 * The passenger plate of a series value, current Québec format `A12 BCD` (letter, 2 digits,
 * space, 3 letters). The digits turn fastest, then the last letters, then the first letter,
 * so consecutive registrations get plates that read as consecutive (`A00 AAA`, `A01 AAA`...).
 */
function passenger(value: number): string {
  const digits = value % 100;
  const suffix = Math.floor(value / 100) % 26 ** 3;
  const first = Math.floor(value / (100 * 26 ** 3));
  const suffixLetters =
    letter(Math.floor(suffix / 26 ** 2)) + letter(Math.floor(suffix / 26)) + letter(suffix);
  return `${letter(first)}${String(digits).padStart(2, '0')} ${suffixLetters}`;
}

/** A removable dealer plate: `X` then 5 digits (`X01234`). */
function dealerX(value: number): string {
  return `X${String(value).padStart(5, '0')}`;
}

/**
 * Hands out `count` consecutive plate numbers of a series, never the same number twice: one
 * atomic increment of the series row inside the caller's transaction (an upsert, so a
 * database without the demo seed starts the series on first use). On SQLite the transaction
 * already holds the single write lock; on PostgreSQL the upsert locks the series row until
 * the transaction ends, so concurrent confirmations (also from other server processes) queue
 * on it, and a transaction that rolls back gives its numbers back with it.
 */
export async function allocatePlateNumbers(
  tx: Tx,
  series: PlateSeries,
  count: number,
): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`plate allocation needs a positive count, not ${String(count)}`);
  }
  const { kind, firstValue, capacity, format } = seriesFormats[series];
  const row = await tx
    .insertInto('plate_series')
    .values({ series, kind, next_value: firstValue + count })
    .onConflict((oc) =>
      oc.column('series').doUpdateSet({ next_value: sql`plate_series.next_value + ${count}` }),
    )
    .returning('next_value')
    .executeTakeFirstOrThrow();
  const end = Number(row.next_value);
  const start = end - count;
  // A series that runs out is a configuration problem for the authority, never a reused plate.
  if (end > capacity) throw new Error(`plate series ${series} is exhausted`);
  return Array.from({ length: count }, (_, offset) => format(start + offset));
}

/**
 * Moves every plate series `gap` values ahead (a restore's new epoch, docs/operating.md): a
 * plate handed out after the backup was taken must never be handed out again. A series with
 * no row yet starts `gap` past its first value.
 */
export async function jumpPlateSeries(tx: Tx, gap: number): Promise<void> {
  for (const [series, { kind, firstValue }] of Object.entries(seriesFormats)) {
    await tx
      .insertInto('plate_series')
      .values({ series, kind, next_value: firstValue + gap })
      .onConflict((oc) =>
        oc.column('series').doUpdateSet({ next_value: sql`plate_series.next_value + ${gap}` }),
      )
      .execute();
  }
}
