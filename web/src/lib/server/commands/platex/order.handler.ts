import { addressSchema } from '@comptoir/shared';
import { reject, type AppliedResult, type CommandContext } from '../command-context.js';
import { allocatePlateNumbers } from '../../registry/plates.repo.js';

/**
 * `platex.order` (administrators, may queue offline): removable dealer plates (plaques X,
 * `X01234`), numbered from the registry's `dealer_x` series at once and mailed to the
 * licence's address on file (copied into the order, so a later move does not rewrite where
 * these plates went). A licence with no address on file is refused `licence_no_address`.
 */
export async function orderPlateX(c: CommandContext<'platex.order'>): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const row = await tx
    .selectFrom('licences')
    .select('address_json')
    .where('number', '=', licence.number)
    .executeTakeFirstOrThrow();
  if (row.address_json === null) reject('licence_no_address');
  const address = addressSchema.parse(JSON.parse(row.address_json));
  const plateNumbers = await allocatePlateNumbers(tx, 'dealer_x', command.payload.quantity);
  await tx
    .insertInto('plate_x_orders')
    .values({
      command_id: command.id,
      licence: licence.number,
      quantity: command.payload.quantity,
      plate_numbers_json: JSON.stringify(plateNumbers),
      delivery_address_json: JSON.stringify(address),
      ordered_by: actor.id,
      ordered_at: now.toISOString(),
    })
    .execute();
  await c.batch.audit.append(tx, {
    event: 'platex.ordered',
    actor: actor.id,
    licence: licence.number,
    subject: command.id,
    detail: { quantity: command.payload.quantity, plateNumbers },
  });
  return { documents: [], plateNumbers };
}
