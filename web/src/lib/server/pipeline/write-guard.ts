import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** A handler tried to write straight to the database while its command ran without a savepoint. */
export class DirectWriteAttempt extends Error {
  constructor() {
    super('direct write outside a savepoint');
  }
}

/**
 * Only a plain SELECT counts as a read: anything else, a CTE included (it may modify data),
 * is treated as a write and moves the command into a savepoint, which is always correct.
 */
function isWrite(node: RootOperationNode): boolean {
  if (node.kind === 'SelectQueryNode') return node.with !== undefined;
  if (node.kind === 'RawNode') {
    return !node.sqlFragments.join('?').trimStart().toLowerCase().startsWith('select');
  }
  return true;
}

/**
 * Refuses, before it is sent, any write while switched on. Most commands (ATAC, transit) write
 * only through the batch's memory (documents, audit, counters, flushed once per batch) and
 * their idempotency record: they need no savepoint, which on PostgreSQL is two round trips of
 * the three such a command costs. A handler that does write straight to the database is stopped
 * here, before anything reached the database, and run again inside a savepoint.
 */
export class WriteGuard implements KyselyPlugin {
  isOn = false;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.isOn && isWrite(args.node)) throw new DirectWriteAttempt();
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
