import { resolve } from '$app/paths';
import type { CommandType } from '@comptoir/shared';

/**
 * Where a queued command is corrected after a rejection: the form of its service, prefilled
 * from the command. Types without a form (print outcomes) have none.
 */
export function correctionHref(type: CommandType, commande: string): string | undefined {
  switch (type) {
    case 'atac.create':
      return resolve('/(kiosk)/atac/corriger/[commande]', { commande });
    case 'transit.issue':
      return resolve('/(kiosk)/transit/corriger/[commande]', { commande });
    case 'registration.hold':
      return resolve('/(kiosk)/immatriculation/corriger/[commande]', { commande });
    case 'inventory.record':
      return resolve('/(kiosk)/enregistrement/corriger/[commande]', { commande });
    case 'platex.order':
      return resolve('/(kiosk)/plaque-x/corriger/[commande]', { commande });
    default:
      return undefined;
  }
}

/**
 * Where a queued command is followed until the server answers: the registry services have
 * their own pages (a registration on hold is a transaction, not a document); the others show
 * the document they will issue.
 */
export function followHref(type: CommandType, commande: string): string {
  switch (type) {
    case 'registration.hold':
      return resolve('/(kiosk)/immatriculation/commande/[commande]', { commande });
    case 'inventory.record':
      return resolve('/(kiosk)/enregistrement/commande/[commande]', { commande });
    case 'platex.order':
      return resolve('/(kiosk)/plaque-x/commande/[commande]', { commande });
    default:
      return resolve('/(kiosk)/file-attente/[commande]', { commande });
  }
}
