import {
  errorCatalogue,
  finalPrintJobStates,
  newId,
  printRefusalOf,
  type DocumentKind,
  type JobRequestInput,
  type PrinterRole,
  type PrintJobState,
  type PrintOutcome,
} from '@comptoir/shared';
import type { DocumentRow } from '$lib/offline/db';
import { kioskDb } from '$lib/offline/kiosk-db';
import { writeKioskState } from '$lib/offline/kiosk-state';
import {
  AgentError,
  agentHealth,
  agentSettingsSchema,
  pairWithAgent,
  readJob,
  submitJob,
} from '$lib/print/agent.client';
import { whetherPolicyBlocks } from '$lib/print/connect-policy';
import { agentUrlForPage } from '$lib/print/agent-url';
import { followJob } from '$lib/print/follow-job';
import { printerState } from '$lib/print/printer-state.svelte';
import { queueCommand } from '$lib/commands/queue';
import { AGENT_KEY, loadAgentSettings } from './agent-settings.service';
import { kioskError, type ActionResult } from './result';

/** Job states the agent never leaves on its own (a held job waits for its printer). */
const finalStates = finalPrintJobStates;
type FinalState = (typeof finalStates)[number];
type TerminalStatus = FinalState | 'held';

function isFinal(state: PrintJobState): state is FinalState {
  return (finalStates as readonly string[]).includes(state);
}

export { loadAgentSettings };

/** Checks the paired agent and updates the status bar. */
export async function checkAgent(): Promise<void> {
  const settings = await loadAgentSettings();
  if (!settings?.token) {
    printerState.state = 'unpaired';
    return;
  }
  try {
    await agentHealth(settings);
    printerState.state = 'ready';
  } catch {
    printerState.state = 'unreachable';
  }
}

/** Pairs with the agent at `url` using the code from its status page. */
export async function pairAgent(url: string, code: string): Promise<ActionResult<null>> {
  const settings = agentSettingsSchema.safeParse({ url });
  if (!settings.success) {
    return {
      ok: false,
      error: kioskError(
        'invalid_agent_url',
        "Adresse de l'agent invalide.",
        'Invalid agent address.',
      ),
    };
  }
  // Kept as called: from an HTTPS page, the agent's HTTPS address (Safari: agent-url.ts).
  const agentUrl = agentUrlForPage(settings.data.url, globalThis.location?.protocol);
  const { outcome, isBlockedByPolicy } = await whetherPolicyBlocks(agentUrl, () =>
    pairWithAgent(agentUrl, code.trim()),
  );
  if (isBlockedByPolicy) {
    return {
      ok: false,
      error: kioskError(
        'agent_not_allowed',
        "Cette adresse d'agent n'est pas autorisée pour ce site : l'administrateur du serveur doit l'ajouter (COMPTOIR_AGENT_ORIGINS).",
        'This agent address is not allowed for this site: the server administrator must add it (COMPTOIR_AGENT_ORIGINS).',
      ),
    };
  }
  try {
    if (outcome.status === 'rejected') throw outcome.reason;
    const token = outcome.value;
    await writeKioskState(kioskDb(), AGENT_KEY, { url: agentUrl, token });
    printerState.state = 'ready';
    return { ok: true, value: null };
  } catch (error) {
    const isUnreachable = error instanceof AgentError && error.code === 'unreachable';
    return {
      ok: false,
      error: isUnreachable
        ? kioskError(
            'agent_unreachable',
            "L'agent d'impression ne répond pas.",
            'The print agent does not answer.',
          )
        : kioskError(
            'pairing_failed',
            'Le jumelage a échoué (code invalide ou expiré).',
            'Pairing failed (wrong or expired code).',
          ),
    };
  }
}

/** Which printer role prints a document kind. */
export function printerRoleFor(kind: DocumentKind): PrinterRole {
  if (kind === 'atac') return 'atac';
  if (kind === 'provisional_plate') return 'plate';
  if (kind === 'receipt') return 'receipt';
  return 'certificate';
}

/**
 * Prints a document through the paired agent and records the outcome as a queued command
 * (so the server counts prints and copies). `reprint` marks the job as a COPY; the agent
 * also prints a copy when its own ledger shows the number already printed. `copies`: the
 * sheets of one job (customer, dealer file), every one after the first marked COPIE.
 */
export async function printDocument(
  row: DocumentRow,
  reprint: boolean,
  onProgress: (status: string) => void,
  copies = 1,
): Promise<ActionResult<TerminalStatus>> {
  const settings = await loadAgentSettings();
  if (!settings?.token) {
    return {
      ok: false,
      error: kioskError(
        'agent_not_paired',
        "Aucun agent d'impression jumelé : jumelez-le dans Réglages, ou téléchargez l'aperçu PDF.",
        'No print agent paired: pair it in Settings, or download the PDF preview.',
      ),
    };
  }
  // A voided or expired paper never prints: the agent would refuse it too.
  const refusal = printRefusalOf(
    { status: row.status, expiresAt: row.document.expiresAt },
    new Date(),
  );
  if (refusal) {
    return {
      ok: false,
      error: { code: refusal, message: { ...errorCatalogue[refusal] }, fields: [] },
    };
  }
  if (!row.jws) {
    return {
      ok: false,
      error: kioskError(
        'document_not_signed_here',
        'Impression possible une fois en ligne (document signé requis).',
        'Printing possible once online (signed document needed).',
      ),
    };
  }
  // A paper issued offline travels with its lease: the agent checks the chain (server key ->
  // lease -> kiosk key -> paper).
  const job = {
    jobId: newId(),
    document: row.jws,
    ...(row.offlineLease !== undefined && { lease: row.offlineLease }),
    ...(row.qrToken ? { qrToken: row.qrToken } : {}),
    role: printerRoleFor(row.document.kind),
    copies,
    reprint: reprint || (row.printCount ?? 0) > 0,
  } satisfies JobRequestInput;
  try {
    const accepted = await submitJob(settings, job);
    onProgress(accepted.state);
    const current = await followJob(
      (wait) => readJob(settings, job.jobId, wait),
      accepted,
      isFinal,
      onProgress,
    );
    printerState.state = 'ready';
    // Still queued or held after a minute: recorded as held (the printer holds its queue);
    // a job in flight whose fate is unknown is "to check", never assumed printed.
    const status: TerminalStatus = isFinal(current.state)
      ? current.state
      : current.state === 'held' || current.state === 'queued'
        ? 'held'
        : 'to_check';
    const outcome: PrintOutcome = {
      documentNumber: row.number,
      documentKind: row.document.kind,
      printer: current.printer,
      copy: current.mark === 'copy',
      status,
      jobId: job.jobId,
    };
    await queueCommand('print.outcome', outcome);
    // Failed with the agent's reason (a void that reached it after the job, a revoked
    // pairing): the person reads why, not just "failed".
    if (current.state === 'failed' && current.reason) {
      const { code, fr, en } = current.reason;
      return { ok: false, error: { code, message: { fr, en }, fields: [] } };
    }
    return { ok: true, value: status };
  } catch (error) {
    // The agent answered and said no (bad signature, expired, conflict...): show its reason;
    // only silence means the agent is unreachable.
    if (error instanceof AgentError && error.agentError) {
      printerState.state = 'ready';
      return { ok: false, error: error.agentError };
    }
    printerState.state = 'unreachable';
    return {
      ok: false,
      error: kioskError(
        'agent_unreachable',
        "L'agent d'impression ne répond pas.",
        'The print agent does not answer.',
      ),
    };
  }
}
