import { z } from 'zod';
import { formatDocumentNumber } from '../domain/document-numbers.js';

/**
 * The document kinds a kiosk may issue from a lease while the server is unreachable. Both are
 * handed to a customer who must leave with them; registrations, cancellations and the bank
 * account stay online-only (the registry must change with the customer present).
 */
export const offlineKinds = ['transit', 'atac'] as const;
/** A kind a kiosk may issue offline. */
export type OfflineKind = (typeof offlineKinds)[number];
/** Schema of {@link OfflineKind}. */
export const offlineKindSchema = z.enum(offlineKinds);

/**
 * The number series of offline papers, distinct from the online ones (`T`, `ATAC`): a number
 * drawn for a lease can never be drawn online, and a reader of the paper sees at a glance
 * (`TH-2026-000012`, "hors ligne") that it was issued offline.
 */
export const offlineSeries = {
  transit: 'TH',
  atac: 'ATACH',
} as const satisfies Record<OfflineKind, string>;

/** The command type that issues each offline kind (its handler reconciles the paper). */
export const offlineCommandTypeOfKind = {
  transit: 'transit.issue',
  atac: 'atac.create',
} as const satisfies Record<OfflineKind, string>;

/**
 * A contiguous block of offline numbers of one kind and local year, `first` to `last`
 * inclusive, and how many papers the lease allows from it (`cap`, at most the block's size).
 */
export const offlineBlockSchema = z
  .object({
    kind: offlineKindSchema,
    series: z.string().min(1).max(8),
    year: z.string().regex(/^\d{4}$/),
    first: z.number().int().min(1).max(999_999),
    last: z.number().int().min(1).max(999_999),
    cap: z.number().int().min(0).max(999_999),
  })
  .strict()
  .refine((block) => block.series === offlineSeries[block.kind], {
    message: 'series_not_of_kind',
    path: ['series'],
  })
  .refine((block) => block.first <= block.last, { message: 'block_reversed', path: ['last'] })
  .refine((block) => block.cap <= block.last - block.first + 1, {
    message: 'cap_over_block',
    path: ['cap'],
  });
/** See {@link offlineBlockSchema}. */
export type OfflineBlock = z.infer<typeof offlineBlockSchema>;

/**
 * The offline number of `value` in `kind`'s series for a local `year`.
 *
 * @example formatOfflineNumber('transit', '2026', 12) // 'TH-2026-000012'
 */
export function formatOfflineNumber(kind: OfflineKind, year: string, value: number): string {
  return formatDocumentNumber(offlineSeries[kind], year, value);
}

/** A document number split in its parts, or `null` when it is not `<series>-<year>-<value>`. */
export function parseDocumentNumber(
  number: string,
): { series: string; year: string; value: number } | null {
  const match = /^([A-Z]{1,8})-(\d{4})-(\d{6})$/.exec(number);
  if (match === null) return null;
  const [, series, year, digits] = match;
  if (series === undefined || year === undefined || digits === undefined) return null;
  return { series, year, value: Number(digits) };
}

/**
 * Whether `number` is one of `block`'s numbers: same series and year, value between `first`
 * and `last`. The only test of "this number was leased" the chain needs.
 *
 * @example isInBlock('TH-2026-000012', { kind: 'transit', series: 'TH', year: '2026', first: 1, last: 30, cap: 30 }) // true
 */
export function isInBlock(number: string, block: OfflineBlock): boolean {
  const parts = parseDocumentNumber(number);
  return (
    parts !== null &&
    parts.series === block.series &&
    parts.year === block.year &&
    parts.value >= block.first &&
    parts.value <= block.last
  );
}

/** The numbers of a block, in order (the kiosk takes them one by one). */
export function blockNumbers(block: OfflineBlock): string[] {
  const numbers: string[] = [];
  for (let value = block.first; value <= block.last; value += 1) {
    numbers.push(formatOfflineNumber(block.kind, block.year, value));
  }
  return numbers;
}
