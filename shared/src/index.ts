/** @comptoir/shared: contracts and pure domain rules shared by every package. */
export * from './schemas/site.schema.js';

export * from './bilingual.js';
export * from './errors.js';
export * from './ids.js';
export * from './canonical-json.js';

export * from './schemas/primitives.schema.js';
export * from './schemas/vehicle.schema.js';
export * from './schemas/address.schema.js';
export * from './schemas/party.schema.js';
export * from './schemas/buyers.schema.js';
export * from './schemas/atac.schema.js';
export * from './schemas/transit.schema.js';
export * from './schemas/registration.schema.js';
export * from './schemas/registration-view.schema.js';
export * from './schemas/inventory.schema.js';
export * from './schemas/plate-x.schema.js';
export * from './schemas/bank-account.schema.js';
export * from './schemas/checks.schema.js';
export * from './schemas/print-outcome.schema.js';
export * from './schemas/print-job.schema.js';
export * from './schemas/document.schema.js';
export * from './commands/index.js';
export * from './schemas/sync.schema.js';
export * from './schemas/recovery.schema.js';
export * from './schemas/session.schema.js';
export * from './schemas/accounts.schema.js';
export * from './schemas/kiosk.schema.js';
export * from './schemas/listing.schema.js';
export * from './schemas/registry-queries.schema.js';
export * from './schemas/staff.schema.js';
export * from './schemas/jwks.schema.js';

export * from './domain/constants.js';
export * from './domain/vin.js';
export * from './domain/printable-text.js';
export * from './domain/validity.js';
export * from './domain/eligibility.js';
export * from './domain/caps.js';
export * from './domain/history.js';
export * from './domain/plates.js';
export * from './domain/document-numbers.js';
export * from './domain/permissions.js';
export * from './domain/listing.js';
export * from './domain/sessions.js';
export * from './plates-by-mail/index.js';
