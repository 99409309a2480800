import { readKioskEnrolment } from '$lib/offline/kiosk-credential';
import { kioskDb } from '$lib/offline/kiosk-db';
import { listJobs } from '$lib/print/agent.client';
import { fetchGenericAccounts } from './accounts.service';
import { loadAgentSettings } from './agent-settings.service';
import { dealerOperators } from './kiosk-access.service';
import { fetchBankAccount } from './registry-queries.service';

/** Where a first-run step stands: done, to do, or not known now (offline, agent silent). */
export type StepState = 'done' | 'todo' | 'unknown';

/** The steps of a new administrator's first run, in the order they are best done. */
export const FIRST_RUN_STEPS = ['bank', 'kiosk', 'printer', 'people', 'testPage'] as const;
/** One step's name. */
export type FirstRunStep = (typeof FIRST_RUN_STEPS)[number];

/**
 * Reads where each first-run step stands from the real state, never from a tick box: the
 * dealer's bank account and its operators or generic accounts from the registry, this
 * kiosk's enrolment and pairing from its own database, and the agent's own job list (a page
 * it printed, the test page or any paper, proves the printer works end to end).
 */
export async function firstRunState(): Promise<Record<FirstRunStep, StepState>> {
  const [bank, enrolment, agent, operators, generics] = await Promise.all([
    fetchBankAccount(),
    readKioskEnrolment(kioskDb()),
    loadAgentSettings(),
    dealerOperators(),
    fetchGenericAccounts(),
  ]);
  const hasPeople =
    (operators.ok && operators.value.length > 0) || (generics.ok && generics.value.length > 0);
  return {
    bank: bank.ok ? (bank.value.account ? 'done' : 'todo') : 'unknown',
    kiosk: enrolment ? 'done' : 'todo',
    printer: agent?.token ? 'done' : 'todo',
    people: hasPeople ? 'done' : operators.ok || generics.ok ? 'todo' : 'unknown',
    testPage: agent?.token ? await printedOnce(agent) : 'todo',
  };
}

async function printedOnce(agent: Parameters<typeof listJobs>[0]): Promise<StepState> {
  try {
    const jobs = await listJobs(agent);
    return jobs.some((job) => job.state === 'printed' || job.state === 'spooled') ? 'done' : 'todo';
  } catch {
    return 'unknown';
  }
}
