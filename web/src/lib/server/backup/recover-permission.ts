import { apiError, type ApiError, type Command } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';
import { authorizeLicence } from '../http/authorize.js';
import type { CommandSender } from '../pipeline/pipeline.js';

/**
 * Who may send a command back after a restore: a session whose account may list the
 * licence's documents, or an enrolled kiosk of the licence's dealer (the kiosk that pushed it
 * in the first place, usually with nobody signed in). The documents' signatures, checked
 * apart, prove the content; this only keeps one dealer out of another's numbers.
 */
export async function recoveryRefusal(
  tx: Tx,
  sender: CommandSender,
  command: Command,
): Promise<ApiError | null> {
  if (sender.session && authorizeLicence(sender.session, command.licence, 'document.list')) {
    return null;
  }
  if (sender.kiosk) {
    const licence = await tx
      .selectFrom('licences')
      .select('dealer_id')
      .where('number', '=', command.licence)
      .executeTakeFirst();
    if (licence?.dealer_id === sender.kiosk.dealerId) return null;
  }
  return apiError('licence_not_permitted', []);
}
