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
