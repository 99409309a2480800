import { sessionInfoSchema, type Role, type SessionInfo } from '@comptoir/shared';
import { z } from 'zod';

/**
 * Who is signed in on this kiosk and under which licence (rune state). Mirrored in the
 * kiosk database by the session service so that the syncing tab knows whose commands to
 * send, and so that a reload offline keeps the person signed in for queuing.
 */
export const session = $state<{
  info: SessionInfo | undefined;
  licence: string | undefined;
  isLoaded: boolean;
}>({ info: undefined, licence: undefined, isLoaded: false });

/** The stored session, parsed like any other input. */
export const storedSessionSchema = z.object({
  info: sessionInfoSchema,
  licence: z.string().optional(),
});

/** The signed-in account id, if any. */
export function currentAccountId(): string | undefined {
  return session.info?.account.id;
}

/** The person's role under the chosen licence. */
export function currentRole(): Role | undefined {
  const info = session.info;
  if (!info || !session.licence) return undefined;
  return info.licences.find((entry) => entry.licence === session.licence)?.role;
}
