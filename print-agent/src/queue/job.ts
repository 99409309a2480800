import { finalPrintJobStates, paperMayExistStatuses, type PrintJobState } from '@comptoir/shared';

// A job's states, its reasons and the job the API answers are the shared `printJobStates`,
// `PrintReason` and `PrintJob` (the kiosk parses them with the same schemas). What follows is
// how the agent's ledger reads those states.

/** States where the paper may have come out: a later job of the same number is a COPY. */
export const mayHavePrintedStates: readonly PrintJobState[] = [...paperMayExistStatuses, 'sending'];

/** States a job never leaves on its own. */
export const finalStates: readonly PrintJobState[] = finalPrintJobStates;
