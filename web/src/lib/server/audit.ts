import type { Kysely } from 'kysely';
import { canonicalJson } from '@comptoir/shared';
import { sha256Hex } from './hash.js';
import type { Tx } from './db/engine.js';
import type { Database } from './db/schema.js';

/** The chain of events that concern no licence (sign-ins, batch-level refusals). */
export const SYSTEM_CHAIN = 'system';

/** The first `prev_hash` of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The audit chain of a licence: writers for different dealers never contend. */
export function licenceChain(licence: string): string {
  return `licence:${licence}`;
}

/** What happened, by whom, to what. */
export interface AuditEvent {
  event: string;
  actor?: string | null;
  licence?: string | null;
  subject?: string | null;
  detail?: Record<string, unknown>;
}

interface HashedFields {
  chain: string;
  seq: number;
  at: string;
  event: string;
  actor: string | null;
  licence: string | null;
  subject: string | null;
  detail_json: string;
}

/** The row hash: sha256(previous hash + canonical JSON of the row's own fields). */
export function auditRowHash(prevHash: string, row: HashedFields): string {
  return sha256Hex(prevHash + canonicalJson(row));
}

/**
 * Appends an event to its chain (the licence's when it names a known licence, else the
 * system chain) inside the caller's transaction. The chain head row is updated first: on
 * PostgreSQL that takes its row lock, so two appenders to one chain queue instead of forking.
 */
export async function appendAudit(
  tx: Tx,
  at: Date,
  entry: AuditEvent,
  chain?: string,
): Promise<void> {
  const chainName = chain ?? (entry.licence ? licenceChain(entry.licence) : SYSTEM_CHAIN);
  // Usually the chain exists: one UPDATE takes its lock and returns its head.
  let head = await bumpChainHead(tx, chainName);
  if (!head) {
    await tx
      .insertInto('audit_chains')
      .values({ chain: chainName, last_seq: 0, last_hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    head = await bumpChainHead(tx, chainName);
    if (!head) throw new Error(`audit chain ${chainName} could not be created`);
  }
  const row: HashedFields = {
    chain: chainName,
    seq: Number(head.last_seq),
    at: at.toISOString(),
    event: entry.event,
    actor: entry.actor ?? null,
    licence: entry.licence ?? null,
    subject: entry.subject ?? null,
    detail_json: canonicalJson(entry.detail ?? {}),
  };
  const hash = auditRowHash(head.last_hash, row);
  await tx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: head.last_hash, hash })
    .execute();
  await tx
    .updateTable('audit_chains')
    .set({ last_hash: hash })
    .where('chain', '=', chainName)
    .execute();
}

function bumpChainHead(tx: Tx, chain: string) {
  return tx
    .updateTable('audit_chains')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('chain', '=', chain)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirst();
}

/** A chain's head as a batch sees it: the last row's seq and hash. */
interface ChainHead {
  seq: number;
  hash: string;
}

/** An audit row computed in memory, written when the batch flushes. */
type PendingAuditRow = HashedFields & { prev_hash: string; hash: string };

/**
 * Audit events of one push batch. The chain stays hashed row by row, but in memory: each
 * chain's head is read once per batch (an UPDATE, so that on PostgreSQL it holds the head's
 * row lock until commit and no other writer can fork the chain), rows are hashed here, and
 * all of them are written with one head update per chain just before the commit.
 *
 * `checkpoint()` undoes what a rolled-back command appended. Heads first read after the
 * checkpoint are forgotten too: PostgreSQL releases locks taken inside a rolled-back
 * savepoint, so they must be read (and locked) again.
 */
export class AuditBatch {
  private readonly heads = new Map<string, ChainHead>();
  private readonly rows: PendingAuditRow[] = [];

  /**
   * @param headTx the transaction the batch runs in, when it differs from what commands hand
   *   to {@link append}: heads are locked on it (a command may get a guarded view of it that
   *   refuses writes, and the head's locking UPDATE is the batch's, not the command's).
   */
  constructor(
    private readonly at: Date,
    private readonly headTx?: Tx,
  ) {}

  /** Appends an event to its chain (the licence's when it names one, else the system chain). */
  async append(tx: Tx, entry: AuditEvent, chain?: string): Promise<void> {
    const chainName = chain ?? (entry.licence ? licenceChain(entry.licence) : SYSTEM_CHAIN);
    const head = this.heads.get(chainName) ?? (await lockChainHead(this.headTx ?? tx, chainName));
    const row: HashedFields = {
      chain: chainName,
      seq: head.seq + 1,
      at: this.at.toISOString(),
      event: entry.event,
      actor: entry.actor ?? null,
      licence: entry.licence ?? null,
      subject: entry.subject ?? null,
      detail_json: canonicalJson(entry.detail ?? {}),
    };
    const hash = auditRowHash(head.hash, row);
    this.rows.push({ ...row, prev_hash: head.hash, hash });
    this.heads.set(chainName, { seq: row.seq, hash });
  }

  /** A restore point: calling the returned function forgets everything appended since. */
  checkpoint(): () => void {
    const rowCount = this.rows.length;
    const heads = new Map(this.heads);
    return () => {
      this.rows.length = rowCount;
      this.heads.clear();
      for (const [chain, head] of heads) this.heads.set(chain, head);
    };
  }

  /** Writes the rows and the new heads (inside the batch's transaction, before its commit). */
  async flush(tx: Tx): Promise<void> {
    // 50 rows of 10 values stay far below both engines' bound-parameter limits.
    for (let start = 0; start < this.rows.length; start += 50) {
      await tx
        .insertInto('audit_log')
        .values(this.rows.slice(start, start + 50))
        .execute();
    }
    const written = new Set(this.rows.map((row) => row.chain));
    for (const chain of written) {
      const head = this.heads.get(chain);
      if (!head) continue;
      await tx
        .updateTable('audit_chains')
        .set({ last_seq: head.seq, last_hash: head.hash })
        .where('chain', '=', chain)
        .execute();
    }
    this.rows.length = 0;
  }
}

/** Reads a chain's head, creating the chain when new; the no-op UPDATE takes its row lock. */
async function lockChainHead(tx: Tx, chain: string): Promise<ChainHead> {
  const touch = () =>
    tx
      .updateTable('audit_chains')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('chain', '=', chain)
      .returning(['last_seq', 'last_hash'])
      .executeTakeFirst();
  let head = await touch();
  if (!head) {
    await tx
      .insertInto('audit_chains')
      .values({ chain, last_seq: 0, last_hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    head = await touch();
    if (!head) throw new Error(`audit chain ${chain} could not be created`);
  }
  return { seq: Number(head.last_seq), hash: head.last_hash };
}

/** The verdict on one chain. */
export interface ChainVerdict {
  chain: string;
  rows: number;
  /** The first broken row, if any: its id, its place in the chain and what is wrong. */
  broken?: { id: number; seq: number; reason: string };
}

/** Recomputes every chain from its first row and names the first broken row of each. */
export async function verifyAuditChains(db: Kysely<Database>): Promise<ChainVerdict[]> {
  const heads = await db.selectFrom('audit_chains').selectAll().orderBy('chain').execute();
  const verdicts: ChainVerdict[] = [];
  for (const head of heads) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', head.chain)
      .orderBy('seq')
      .execute();
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let broken: ChainVerdict['broken'];
    for (const row of rows) {
      const { id, hash, prev_hash: storedPrev, ...fields } = row;
      const seq = Number(fields.seq);
      if (seq !== expectedSeq) broken = { id, seq, reason: `expected seq ${expectedSeq}` };
      else if (storedPrev !== prevHash) broken = { id, seq, reason: 'prev_hash does not match' };
      else if (auditRowHash(prevHash, { ...fields, seq }) !== hash)
        broken = { id, seq, reason: 'row content does not match its hash' };
      if (broken) break;
      prevHash = hash;
      expectedSeq += 1;
    }
    if (!broken && (Number(head.last_seq) !== rows.length || head.last_hash !== prevHash)) {
      broken = {
        id: -1,
        seq: rows.length + 1,
        reason: 'chain head does not match the last row (rows deleted?)',
      };
    }
    verdicts.push({ chain: head.chain, rows: rows.length, ...(broken && { broken }) });
  }
  return verdicts;
}
