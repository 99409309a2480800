import type { z } from 'zod';
import type { Action } from '../domain/permissions.js';
import type { DocumentKind } from '../schemas/document.schema.js';
import { appliedResultSchema } from '../schemas/sync.schema.js';

/**
 * Where a command type may travel: `queued` commands wait in the kiosk's outbox and are pushed
 * when the line is up; `online` ones are sent at once (`POST /api/commands`) because the
 * registry must change with the client present (confirmation, same-day cancellation) or the
 * act is sensitive (bank account).
 */
export type CommandAvailability = 'queued' | 'online';

/**
 * Everything the system knows about one command type, in one place. The command schema, the
 * queued/online lists, the permission a command needs, the server's dispatch and the kiosk's
 * routing are all derived from these specs: adding a command type is adding a spec.
 */
export interface CommandSpec<
  T extends string = string,
  P extends z.ZodType = z.ZodType,
  A extends CommandAvailability = CommandAvailability,
> {
  /** The command type, `<area>.<verb>`. */
  readonly type: T;
  /** The payload's schema (the envelope is common to every command). */
  readonly payload: P;
  /** What an applied command answers; every command answers the shared applied result. */
  readonly result: typeof appliedResultSchema;
  /** The one action of the permission matrix the command needs on its licence. */
  readonly action: Action;
  readonly availability: A;
  /** The kinds of document an applied command may issue (empty: it issues none). */
  readonly issues: readonly DocumentKind[];
  /**
   * Lock keys the command needs beyond its licence's, taken for the whole batch in sorted
   * order before any command runs (e.g. the vehicle, for a per-vehicle limit that spans
   * licences).
   */
  readonly locks?: (payload: z.output<P>) => readonly string[];
}

/**
 * Defines a command type: the spec as given, with the shared applied result.
 *
 * @example
 * export const transitIssueCommand = defineCommand({
 *   type: 'transit.issue',
 *   payload: transitIssueSchema,
 *   action: 'transit.issue',
 *   availability: 'queued',
 *   issues: ['transit'],
 *   locks: (payload) => [`vin:${payload.vehicle.vin}`],
 * });
 */
export function defineCommand<
  const T extends string,
  P extends z.ZodType,
  const A extends CommandAvailability,
>(spec: Omit<CommandSpec<T, P, A>, 'result'>): CommandSpec<T, P, A> {
  return { ...spec, result: appliedResultSchema };
}
