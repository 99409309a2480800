/** The command types: one spec file each, and what is derived from them. */
export * from './define-command.js';
export * from './command-rejection.js';
export * from './command-specs.js';
export * from './command.schema.js';
export * from './atac-create.command.js';
export * from './transit-issue.command.js';
export * from './registration-hold.command.js';
export * from './registration-confirm.command.js';
export * from './registration-cancel.command.js';
export * from './inventory-record.command.js';
export * from './platex-order.command.js';
export * from './print-outcome.command.js';
export * from './bankaccount-set.command.js';
export * from './input-windows.js';
