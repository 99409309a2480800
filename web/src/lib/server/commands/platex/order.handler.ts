import { findLicenceAddress } from '../../registry/licences.repo.js';
import { insertPlateXOrder } from '../../registry/plate-x.repo.js';
import { allocatePlateNumbers } from '../../registry/plates.repo.js';
import { reject, type AppliedResult } from '@comptoir/shared';
import type { CommandContext } from '../command-context.js';

/**
 * `platex.order` (administrators, may queue offline): removable dealer plates (plaques X,
 * `X01234`), numbered from the registry's `dealer_x` series at once and mailed to the
 * licence's address on file (copied into the order, so a later move does not rewrite where
 * these plates went). A licence with no address on file is refused `licence_no_address`.
 */
export async function orderPlateX(c: CommandContext<'platex.order'>): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const address = await findLicenceAddress(tx, licence.number);
  if (address === null) reject('licence_no_address');
  const plateNumbers = await allocatePlateNumbers(tx, 'dealer_x', command.payload.quantity);
  await insertPlateXOrder(tx, {
    commandId: command.id,
    licence: licence.number,
    quantity: command.payload.quantity,
    plateNumbers,
    deliveryAddress: address,
    orderedBy: actor.id,
    orderedAt: now.toISOString(),
  });
  await c.batch.audit.append(tx, {
    event: 'platex.ordered',
    actor: actor.id,
    licence: licence.number,
    subject: command.id,
    detail: { quantity: command.payload.quantity, plateNumbers },
  });
  return { documents: [], plateNumbers };
}
