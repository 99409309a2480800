import type { Tx } from '../db/engine.js';

/** An idempotency record as a batch compares it: who sent the id, what, and what it answered. */
export interface StoredResult {
  status: 'applied' | 'rejected';
  account_id: string;
  body_hash: string;
  result_json: string;
}

/** The idempotency records of these command ids, in one query. */
export async function storedResults(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, StoredResult>> {
  const unique = [...new Set(ids)];
  const rows = await tx
    .selectFrom('idempotency')
    .select(['command_id', 'status', 'account_id', 'body_hash', 'result_json'])
    .where('command_id', 'in', unique)
    .execute();
  return new Map(
    rows.map(({ command_id, status, ...row }) => [
      command_id,
      { ...row, status: status === 'applied' ? 'applied' : 'rejected' },
    ]),
  );
}

/** A command's final answer, stored under its id: what is stored is what every replay gets. */
export interface ResultRecord {
  commandId: string;
  accountId: string;
  bodyHash: string;
  status: 'applied' | 'rejected';
  resultJson: string;
  supersedes: string | undefined;
  createdAt: Date;
}

/** Stores a command's answer (inside its batch's transaction). */
export async function storeResult(tx: Tx, record: ResultRecord): Promise<void> {
  await tx
    .insertInto('idempotency')
    .values({
      command_id: record.commandId,
      account_id: record.accountId,
      body_hash: record.bodyHash,
      result_json: record.resultJson,
      status: record.status,
      supersedes: record.supersedes ?? null,
      created_at: record.createdAt.toISOString(),
    })
    .execute();
}
