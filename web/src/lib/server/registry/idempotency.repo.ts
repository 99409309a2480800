import type { Tx } from '../db/engine.js';

/** An idempotency record as a batch compares it: who sent the id, what, and what it answered. */
export interface StoredResult {
  status: 'applied' | 'rejected' | 'flagged';
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
      { ...row, status: storedStatus(status) },
    ]),
  );
}

/** A stored status as the answers know it (`flagged`: an offline paper kept with a flag). */
function storedStatus(status: string): StoredResult['status'] {
  if (status === 'applied' || status === 'flagged') return status;
  return 'rejected';
}

/** A command's final answer, stored under its id: what is stored is what every replay gets. */
export interface ResultRecord {
  commandId: string;
  accountId: string;
  bodyHash: string;
  status: 'applied' | 'rejected' | 'flagged';
  resultJson: string;
  supersedes: string | undefined;
  createdAt: Date;
}

/** Rows per INSERT: 7 values each, far below both engines' limits on bound parameters. */
const INSERT_CHUNK = 100;

/**
 * Stores a batch's answers under their command ids, in multi-row statements, just before the
 * commit. The batch holds a lock on each id (taken before it read the stored answers), so no
 * concurrent push can have stored one of them meanwhile.
 */
export async function storeResults(tx: Tx, records: readonly ResultRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    await tx
      .insertInto('idempotency')
      .values(
        records.slice(start, start + INSERT_CHUNK).map((record) => ({
          command_id: record.commandId,
          account_id: record.accountId,
          body_hash: record.bodyHash,
          result_json: record.resultJson,
          status: record.status,
          supersedes: record.supersedes ?? null,
          created_at: record.createdAt.toISOString(),
        })),
      )
      .execute();
  }
}

/**
 * The stored status ('applied' | 'rejected') of a command this account sent, or undefined when
 * the server never answered it. Read here because only an edit of a held registration asks it:
 * superseding a refused save starts a new registration.
 */
export async function storedCommandStatus(
  tx: Tx,
  commandId: string,
  accountId: string,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('idempotency')
    .select('status')
    .where('command_id', '=', commandId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.status;
}
