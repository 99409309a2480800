import {
  apiError,
  commandPayloadSchemas,
  commandSchema,
  fromZodError,
  localDate,
  payloadWindowProblems,
  type ApiError,
  type OfflineCommandType,
} from '@comptoir/shared';
import { connectivity } from '$lib/offline/connectivity.svelte';
import { kioskDb } from '$lib/offline/kiosk-db';
import { issueOffline, type OfflineIssuableCommand } from '$lib/offline/offline-issue';
import { enqueueCommand, OutboxError } from '$lib/offline/outbox';
import { requestSync } from '$lib/offline/sync-runner';
import { kioskError, type ActionResult } from '$lib/services/result';
import { commandDestination } from './destinations';
import { activeOperator } from '$lib/services/kiosk-access.service';
import { session } from '$lib/session/session.svelte';
import { commandEnvelope, currentSigner } from './envelope';

const notSignedIn: ApiError = kioskError(
  'unauthenticated',
  'Veuillez vous connecter et choisir une licence.',
  'Please sign in and choose a licence.',
);

/**
 * The date windows (docs/domain.md#non-resident-customers-and-sane-input) by the kiosk's
 * calendar, said beside the field before anything is queued; the server checks them again by
 * its own clock. Paths relative to the form, like the schema's.
 */
function windowRefusal(envelope: unknown): ApiError | undefined {
  const command = commandSchema.safeParse(envelope);
  if (!command.success) return undefined;
  const problems = payloadWindowProblems(command.data, localDate(new Date()));
  return problems.length > 0 ? apiError('invalid_input', problems) : undefined;
}

/**
 * Queues a command of the signed-in person: the payload is parsed by its shared schema
 * first (every failing field at once, paths relative to the form), then the envelope is
 * written durably to the outbox, then the syncing tab is kicked. Returns the command id.
 * With `supersedes`, this is the correction of a refused command: a new command (new id) that
 * names the refused one, never an edit of what was sent.
 */
export async function queueCommand(
  type: OfflineCommandType,
  payload: unknown,
  supersedes?: string,
): Promise<ActionResult<string>> {
  if (commandDestination(type) !== 'outbox') throw new Error(`${type} is sent online, not queued`);
  const signer = currentSigner();
  if (!signer) return { ok: false, error: notSignedIn };
  const parsed = commandPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) return { ok: false, error: fromZodError(parsed.error) };
  const envelope = await commandEnvelope(signer, { type, payload, supersedes });
  const outOfWindow = windowRefusal(envelope);
  if (outOfWindow) return { ok: false, error: outOfWindow };
  try {
    const offline = await issueOfflineWhenUnreachable(envelope);
    if (offline && !offline.ok) return offline;
    if (!offline) await enqueueCommand(kioskDb(), envelope);
  } catch (error) {
    if (error instanceof OutboxError) return { ok: false, error: error.apiError };
    throw error;
  }
  requestSync();
  return { ok: true, value: envelope.id };
}

/**
 * While the server is unreachable, a transit or an ATAC is issued from the kiosk's lease
 * (docs/sync.md, "Offline issuance"): numbered, dated and signed here, queued with its offline
 * issue, printable at once. `undefined` when it is not (online, another type, no key, no lease,
 * the lease used up or ended): the command is then queued as before. A local refusal (a
 * snowmobile, a vehicle's limit) comes back like the server's.
 */
async function issueOfflineWhenUnreachable(
  envelope: unknown,
): Promise<ActionResult<string> | undefined> {
  if (connectivity.current === 'online') return undefined;
  const parsed = commandSchema.safeParse(envelope);
  if (!parsed.success) return undefined;
  const command = parsed.data;
  if (command.type !== 'transit.issue' && command.type !== 'atac.create') return undefined;
  const info = session.info;
  const dealerName = info?.licences.find((entry) => entry.licence === command.licence)?.dealerName;
  if (!info || dealerName === undefined) return undefined;
  const operator = await activeOperator();
  const issued = await issueOffline(kioskDb(), command satisfies OfflineIssuableCommand, {
    dealerName,
    person: {
      accountId: info.account.id,
      name: operator?.displayName ?? info.account.displayName,
      ...(operator && { operatorId: operator.operatorId }),
    },
  });
  if ('row' in issued) return { ok: true, value: issued.row.id };
  return issued.kind === 'refused' ? { ok: false, error: issued.error } : undefined;
}
