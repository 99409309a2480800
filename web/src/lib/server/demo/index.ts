import type { ServerContext } from '../context.js';
import { seedDemo } from './demo-seed.js';
import { seedDemoAccounts } from './demo-seed-accounts.js';
import { seedDemoContacts } from './demo-seed-contacts.js';

/** Seeds the demo dealers, licences, registry records and accounts (idempotent). */
export async function seedDemoData(ctx: ServerContext): Promise<void> {
  await seedDemo(ctx);
  await seedDemoAccounts(ctx);
  await seedDemoContacts(ctx);
}
