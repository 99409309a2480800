import type { Command } from '@comptoir/shared';
import { AuditBatch } from '../audit.js';
import type { BatchNumbers, Storage, Tx } from '../db/engine.js';
import {
  countDocumentsSince,
  insertDocuments,
  type DocumentCountFilter,
  type DocumentSignatures,
  type NewDocumentRow,
} from '../registry/documents.repo.js';
import {
  findLicence,
  readChangeSeq,
  writeChangeSeq,
  type LicenceRecord,
} from '../registry/licences.repo.js';

export type { DocumentCountFilter } from '../registry/documents.repo.js';

/**
 * What one push batch keeps in memory while its transaction runs, so that each command does
 * not ask the database again what the batch already knows. Everything here is read inside the
 * batch's transaction, after its locks (the licence rows on PostgreSQL, the write lock on
 * SQLite), so no other writer can change it underneath; what the batch itself changes is
 * applied here too. `checkpoint()` makes a command's changes undoable with its savepoint.
 */
export class BatchState {
  /** The batch's audit events, hashed into their chains in memory. */
  readonly audit: AuditBatch;
  private counts = new Map<string, number>();
  private readonly licences = new Map<string, LicenceRecord | undefined>();
  private readonly memo = new Map<string, unknown>();
  private changeSeqs = new Map<string, number>();
  /** Documents issued by the batch, written with their signatures by {@link flush}. */
  private documents: NewDocumentRow[] = [];

  private readonly numbers: BatchNumbers;

  /**
   * @param expectedNumbers how many numbers of each series the batch's commands may draw at
   *   most (their specs' document kinds), so that PostgreSQL reserves them in one round trip.
   */
  constructor(
    storage: Storage,
    tx: Tx,
    readonly now: Date,
    expectedNumbers?: ReadonlyMap<string, number>,
    /** The batch's parsed commands, in order: a rule may read ahead for all of them at once. */
    readonly commands: readonly Command[] = [],
  ) {
    this.audit = new AuditBatch(now, tx);
    this.numbers = storage.batchNumbers(tx, expectedNumbers);
  }

  /** The next value of a document number series. */
  nextNumber(series: string): Promise<number> {
    return this.numbers.next(series);
  }

  /**
   * Non-voided documents of a licence and kind issued since an instant. Counted once per
   * batch (one scan instead of one per command), then kept current by {@link issued}.
   */
  async countDocuments(tx: Tx, filter: DocumentCountFilter): Promise<number> {
    const key = countKey(filter.licence, filter.kind, filter.since);
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const count = await countDocumentsSince(tx, filter);
    this.counts.set(key, count);
    return count;
  }

  /**
   * Keeps an issued document for the batch's one multi-row insert, once its signatures are
   * made (the row is written whole, never updated after). Until then the batch itself is the
   * only reader that could see it, so the rules that count documents ask
   * {@link issuedInBatch} as well as the database.
   */
  addDocument(row: NewDocumentRow): void {
    this.documents.push(row);
    this.issued(row.licence, row.kind);
  }

  /** The documents this batch issued so far that match `filter` (not yet in the database). */
  issuedInBatch(filter: (row: NewDocumentRow) => boolean): NewDocumentRow[] {
    return this.documents.filter(filter);
  }

  /** A document of this licence and kind was issued now: it falls in every window counted. */
  issued(licence: string, kind: string): void {
    const prefix = countKey(licence, kind, '');
    for (const [key, count] of this.counts) {
      if (key.startsWith(prefix)) this.counts.set(key, count + 1);
    }
  }

  /** The licence with its dealer, read once per batch (its row is locked for the batch). */
  async licence(tx: Tx, number: string): Promise<LicenceRecord | undefined> {
    if (this.licences.has(number)) return this.licences.get(number);
    const record = await findLicence(tx, number);
    this.licences.set(number, record);
    return record;
  }

  /**
   * A value computed once per batch from the batch's clock (validity dates, the local year):
   * the time-zone arithmetic behind them is costly and `now` is the same for every command.
   */
  once<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /**
   * The licence's next change counter value (pull cursor). Read once per batch, counted here,
   * written by {@link flush}: the licence row is locked for the whole batch, so no other
   * writer can draw a value in between, and the batch commits the counter with its changes.
   */
  async nextChangeSeq(tx: Tx, licence: string): Promise<number> {
    let current = this.changeSeqs.get(licence);
    current ??= await readChangeSeq(tx, licence);
    this.changeSeqs.set(licence, current + 1);
    return current + 1;
  }

  /**
   * Writes what the batch kept in memory, before the commit: its documents with their
   * signatures (`signatures` by document number), the number series, change counters and
   * audit rows.
   */
  async flush(tx: Tx, signatures: ReadonlyMap<string, DocumentSignatures>): Promise<void> {
    await insertDocuments(
      tx,
      this.documents.map((row) => {
        const signed = signatures.get(row.number);
        if (!signed) throw new Error(`document ${row.number} was not signed`);
        return { ...row, jws: signed.jws, qrToken: signed.qrToken };
      }),
    );
    for (const [licence, changeSeq] of this.changeSeqs) {
      await writeChangeSeq(tx, licence, changeSeq);
    }
    await this.numbers.flush();
    await this.audit.flush(tx);
  }

  /** A restore point for one command: the returned function undoes what it changed here. */
  checkpoint(): () => void {
    const counts = new Map(this.counts);
    const changeSeqs = new Map(this.changeSeqs);
    const documentCount = this.documents.length;
    const restoreAudit = this.audit.checkpoint();
    const restoreNumbers = this.numbers.checkpoint();
    return () => {
      restoreNumbers();
      this.counts = counts;
      this.changeSeqs = changeSeqs;
      this.documents = this.documents.slice(0, documentCount);
      restoreAudit();
    };
  }
}

function countKey(licence: string, kind: string, since: string): string {
  return `${licence}\u0000${kind}\u0000${since}`;
}
