import { resolve } from '$app/paths';
import {
  commandAvailability,
  isOfflineCommandType,
  type CommandType,
  type OfflineCommandType,
} from '@comptoir/shared';

/**
 * Where a command goes when the person saves, derived from its spec's availability: `outbox`
 * for queued types (written durably, pushed when the line is up), `server` for online-only
 * types (`POST /api/commands` at once, never queued).
 */
export type CommandDestination = 'outbox' | 'server';

/** The destination of a command type (see {@link CommandDestination}). */
export function commandDestination(type: CommandType): CommandDestination {
  return commandAvailability(type) === 'queued' ? 'outbox' : 'server';
}

/** The kiosk pages of a queued command, by route id (each takes the command id as `commande`). */
interface QueuedCommandPages {
  /** The form that corrects a refused command, prefilled from it; none for types without a form. */
  correct?:
    | '/(kiosk)/atac/corriger/[commande]'
    | '/(kiosk)/transit/corriger/[commande]'
    | '/(kiosk)/immatriculation/corriger/[commande]'
    | '/(kiosk)/enregistrement/corriger/[commande]'
    | '/(kiosk)/plaque-x/corriger/[commande]';
  /**
   * The page that follows the command until the server answers; by default the queue entry,
   * which shows the document the command will issue. The registry services have their own (a
   * registration on hold is a transaction, not a document).
   */
  follow?:
    | '/(kiosk)/immatriculation/commande/[commande]'
    | '/(kiosk)/enregistrement/commande/[commande]'
    | '/(kiosk)/plaque-x/commande/[commande]';
}

/**
 * Every type whose destination is the outbox, with its pages: a queued type added to the
 * specs without an entry here is a type error. Online-only types never wait in the outbox,
 * so they have no page to follow or correct.
 */
const queuedCommandPages: { readonly [T in OfflineCommandType]: QueuedCommandPages } = {
  'atac.create': { correct: '/(kiosk)/atac/corriger/[commande]' },
  'transit.issue': { correct: '/(kiosk)/transit/corriger/[commande]' },
  'registration.hold': {
    correct: '/(kiosk)/immatriculation/corriger/[commande]',
    follow: '/(kiosk)/immatriculation/commande/[commande]',
  },
  'inventory.record': {
    correct: '/(kiosk)/enregistrement/corriger/[commande]',
    follow: '/(kiosk)/enregistrement/commande/[commande]',
  },
  'platex.order': {
    correct: '/(kiosk)/plaque-x/corriger/[commande]',
    follow: '/(kiosk)/plaque-x/commande/[commande]',
  },
  'print.outcome': {},
};

function pagesOf(type: CommandType): QueuedCommandPages {
  return isOfflineCommandType(type) ? queuedCommandPages[type] : {};
}

/**
 * Where a queued command is corrected after a rejection: the form of its service, prefilled
 * from the command. Types without a form (print outcomes) have none.
 */
export function correctionHref(type: CommandType, commande: string): string | undefined {
  const route = pagesOf(type).correct;
  return route === undefined ? undefined : resolve(route, { commande });
}

/** Where a queued command is followed until the server answers. */
export function followHref(type: CommandType, commande: string): string {
  return resolve(pagesOf(type).follow ?? '/(kiosk)/file-attente/[commande]', { commande });
}
