/**
 * The kiosk's one command client. A command type's destination comes from its shared spec:
 * queued types go to the outbox (`queueCommand`), online-only types to the server at once
 * (`sendDirectCommand`); a refused queued command comes back into its form
 * (`loadCorrection`), and every envelope is built by `commandEnvelope`.
 */
export { loadCorrection, type CommandPayload, type Correction } from './correct';
export {
  commandDestination,
  correctionHref,
  followHref,
  type CommandDestination,
} from './destinations';
export { commandEnvelope, currentSigner, type EnvelopeFields, type Signer } from './envelope';
export { formCommand, type FormCommand, type FormMapping } from './form-command';
export {
  appliedResultOf,
  discardCommand,
  liveOutbox,
  liveOfflineIssuance,
  liveOutboxCounts,
  liveOwnCommand,
  livePendingCommands,
  liveSyncStatus,
  startSync,
  syncNow,
  type OutboxCounts,
  type OutboxRow,
  type SyncStatus,
} from './outbox';
export { queueCommand } from './queue';
export {
  directCommandIntent,
  sendDirectCommand,
  type DirectCommandIntent,
  type DirectOutcome,
} from './send';
