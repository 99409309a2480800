export * from './plate-supplier.schema.js';
export * from './plate-delivery.js';
export * from './notice.schema.js';
export * from './account-contact.schema.js';
