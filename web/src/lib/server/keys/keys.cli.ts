/**
 * `npm run keys:rotate` (root) or `npm run keys -w @comptoir/web -- <command>`: manages the
 * registry's signing keys in the configured database (COMPTOIR_DATA_DIR / DATABASE_URL), with
 * the registry secret every process holds (COMPTOIR_SECRET_KEY / COMPTOIR_SECRET_KEY_FILE).
 *
 *   list                        every key, its status and when it was added or revoked
 *   rotate                      adds a key; every process signs with it at its next keyset read
 *   revoke <kid> --reason "..."  the key leaked: nothing it signed verifies any more
 *
 * Prints key ids only, never key material. Exit 1 with the reason when it cannot act.
 */
import { readServerConfig } from '../config.js';
import { createServerContext } from '../context.js';
import { listSigningKeys } from './signing-keys.repo.js';
import { revokeSigningKey, rotateSigningKey } from './keyset.js';
import { StartupRefusal } from './startup-refusal.js';

const [command, ...rest] = process.argv.slice(2);
const usage = 'usage: keys list | keys rotate | keys revoke <kid> --reason "why"';

async function main(): Promise<number> {
  if (command !== 'list' && command !== 'rotate' && command !== 'revoke') {
    console.error(usage);
    return 2;
  }
  // The same checks as a server start: a wrong secret is refused here too.
  const ctx = await createServerContext(readServerConfig());
  try {
    const now = ctx.clock();
    if (command === 'rotate') {
      const kid = await rotateSigningKey(ctx.storage, ctx.secretKey, now);
      console.log(`added the signing key ${kid}; every process signs with it within its refresh`);
    } else if (command === 'revoke') {
      const kid = rest[0];
      const reasonAt = rest.indexOf('--reason');
      const reason = reasonAt >= 0 ? rest[reasonAt + 1]?.trim() : undefined;
      if (!kid || kid.startsWith('--') || !reason) {
        console.error(usage);
        return 2;
      }
      const result = await revokeSigningKey(ctx.storage, ctx.secretKey, kid, reason, now);
      if (!result.isKnown) {
        console.error(`no signing key ${kid} in this registry`);
        return 1;
      }
      console.log(`revoked the signing key ${kid}`);
      if (result.newKid) console.log(`added the signing key ${result.newKid}, now current`);
    }
    const rows = await listSigningKeys(ctx.storage.db);
    const current = rows.filter((row) => row.revoked_at === null).at(-1)?.kid;
    for (const row of rows) {
      const status = row.revoked_at ? 'revoked' : row.kid === current ? 'current' : 'retired';
      const when = row.revoked_at ? `revoked ${row.revoked_at}` : `added ${row.created_at}`;
      console.log(`${status.padEnd(8)} ${row.kid}  ${when} (${row.origin})`);
    }
    return 0;
  } finally {
    ctx.signer.close();
    await ctx.storage.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof StartupRefusal)) throw error;
  console.error(`comptoir keys: ${error.message}`);
  process.exitCode = 1;
}
