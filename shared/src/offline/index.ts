/**
 * `@comptoir/shared/offline`: the contract of offline issuance (docs/sync.md#offline-issuance-leases-the-chain-reconcile):
 * offline number series, the server-signed lease, the kiosk-signed document and the chain
 * that ties them, one piece of code for the server, the kiosk and the print agent.
 */
export * from './offline-series.js';
export * from './lease.schema.js';
export * from './lease-token.js';
export * from './offline-document.js';
export * from './offline-chain.js';
