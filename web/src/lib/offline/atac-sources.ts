import type { AtacSaleSource } from '$lib/forms/from-atac';
import type { ComptoirDb } from './db';

export type { AtacSaleSource };

/** The person's own ATAC command by id, or the one that issued `number`, if kept here. */
async function ownAtacCommand(
  db: ComptoirDb,
  actorAccountId: string,
  ref: { commandId: string } | { number: string },
) {
  const row =
    'commandId' in ref
      ? await db.outbox.get(ref.commandId)
      : await db.outbox
          .where('actorAccountId')
          .equals(actorAccountId)
          .filter((candidate) => candidate.documentNumber === ref.number)
          .first();
  if (row?.actorAccountId !== actorAccountId || row.command.type !== 'atac.create')
    return undefined;
  return row;
}

/** An ATAC's sale as this kiosk knows it, by its command id or its number; undefined if unknown. */
export async function findAtacSale(
  db: ComptoirDb,
  actorAccountId: string,
  ref: { commandId: string } | { number: string },
): Promise<AtacSaleSource | undefined> {
  const row = await ownAtacCommand(db, actorAccountId, ref);
  if (row?.command.type === 'atac.create') {
    return {
      kind: 'command',
      payload: row.command.payload,
      commandId: row.id,
      number: row.documentNumber,
    };
  }
  if (!('number' in ref)) return undefined;
  const stored = await db.documents.get(ref.number);
  return stored?.document.kind === 'atac'
    ? { kind: 'document', document: stored.document }
    : undefined;
}
