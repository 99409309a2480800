/**
 * `npm run audit:verify -w web`: recomputes every audit chain of the configured database
 * (COMPTOIR_DATA_DIR / DATABASE_URL) and names the first broken row of each; exit 1 if any.
 */
import { verifyAuditChains } from './audit.js';
import { readServerConfig } from './config.js';
import { openStorage } from './db/engine.js';

const config = readServerConfig();
const storage = await openStorage(config);
try {
  const verdicts = await verifyAuditChains(storage.db);
  let brokenChains = 0;
  for (const verdict of verdicts) {
    if (verdict.broken) {
      brokenChains += 1;
      console.log(
        `BROKEN ${verdict.chain}: first broken row id=${String(verdict.broken.id)} ` +
          `seq=${String(verdict.broken.seq)} (${verdict.broken.reason})`,
      );
    } else {
      console.log(`ok     ${verdict.chain}: ${String(verdict.rows)} rows`);
    }
  }
  console.log(
    brokenChains === 0
      ? `All ${String(verdicts.length)} audit chains verify.`
      : `${String(brokenChains)} of ${String(verdicts.length)} audit chains are broken.`,
  );
  process.exitCode = brokenChains === 0 ? 0 : 1;
} finally {
  await storage.close();
}
