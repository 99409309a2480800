import { reject, type FollowsAtac } from '@comptoir/shared';
import { documentsOfCommands, findDocument } from '../../registry/documents.repo.js';
import type { CommandContext } from '../command-context.js';

/** A command that may follow an ATAC (transit, registration on hold), as the link reads it. */
interface FollowingCommand {
  commandId: string;
  link: FollowsAtac | undefined;
  vin: string;
}

/** What the look-ups read: the batch's transaction and memory, and the command's licence. */
type BatchReads = Pick<CommandContext, 'tx' | 'batch' | 'licence' | 'actor'>;

/** An ATAC as the link needs it: its number, licence and vehicle. */
interface AtacFacts {
  number: string;
  licence: string;
  vin: string;
}

/**
 * The number of the ATAC this command follows, to print on its paper
 * (docs/sync.md#the-atac-a-command-follows), or undefined when it follows none.
 *
 * - `{ number }`: the ATAC must be one of this dealer's, for the same VIN; otherwise the
 *   command is refused (`atac_not_found`, `atac_other_vehicle`), the person can fix it now.
 * - `{ commandId }` (typed while the ATAC waited offline): the ATAC that command issued, in
 *   this batch or an earlier one. When it issued none (refused, unknown, still to come), or
 *   one of another dealer or vehicle, the command is still applied, its paper prints no ATAC
 *   number, and the audit says so (`atac.link_unresolved`): the ATAC number on a transit is a
 *   reference, not a condition, and the customer who waited for it may be gone.
 */
export async function followedAtacNumber(
  c: BatchReads,
  { commandId, link, vin }: FollowingCommand,
): Promise<string | undefined> {
  if (link === undefined) return undefined;
  if ('number' in link) {
    const atac = await atacByNumber(c, link.number);
    if (!atac || !(await isSameDealer(c, atac))) {
      reject('atac_not_found', ['payload.followsAtac.number']);
    }
    if (atac.vin !== vin) reject('atac_other_vehicle', ['payload.followsAtac.number']);
    return atac.number;
  }
  const atac = await atacOfCommand(c, link.commandId);
  if (atac && atac.vin === vin && (await isSameDealer(c, atac))) return atac.number;
  await c.batch.audit.append(c.tx, {
    event: 'atac.link_unresolved',
    actor: c.actor.id,
    licence: c.licence.number,
    subject: commandId,
    detail: { commandId, followsCommandId: link.commandId },
  });
  return undefined;
}

async function atacByNumber(c: BatchReads, number: string): Promise<AtacFacts | undefined> {
  const inBatch = c.batch.issuedInBatch((row) => row.kind === 'atac' && row.number === number);
  if (inBatch[0]) return inBatch[0];
  const stored = await findDocument(c.tx, number);
  return stored?.kind === 'atac' ? stored : undefined;
}

/** The ATAC a command issued: earlier in this batch (not yet written), or committed before. */
async function atacOfCommand(c: BatchReads, commandId: string): Promise<AtacFacts | undefined> {
  const inBatch = c.batch.issuedInBatch(
    (row) => row.kind === 'atac' && row.commandId === commandId,
  );
  if (inBatch[0]) return inBatch[0];
  const stored = await documentsOfCommands(c.tx, [commandId]);
  return stored.find((row) => row.kind === 'atac');
}

async function isSameDealer(c: BatchReads, atac: AtacFacts) {
  if (atac.licence === c.licence.number) return true;
  const licence = await c.batch.licence(c.tx, atac.licence);
  return licence?.dealer.id === c.licence.dealer.id;
}
