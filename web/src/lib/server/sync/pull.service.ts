import { fromZodError, pullQuerySchema, type PullResponse } from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/responses.js';
import { documentChangesSince, parseStoredDocument, statusOf } from '../registry/documents.repo.js';
import { authorizeLicence, refuse } from '../http/authorize.js';
import { currentEpoch } from '../backup/epoch.service.js';
import { latestRevocationFeed } from './revocation-feed.service.js';
import { findLicence } from '../registry/licences.repo.js';

/** The most changes one pull returns, whatever the kiosk asks. */
export const PULL_PAGE_MAX = 200;

/**
 * `GET /api/sync/pull?licence=&since=`: documents of the licence whose change counter is
 * past the cursor, in counter order. The counter is bumped under the licence's row lock in
 * the transaction of the change, so no change can commit behind a cursor already handed out.
 */
export async function pullChanges(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<PullResponse> {
  const parsed = pullQuerySchema.safeParse({ limit: String(PULL_PAGE_MAX), ...query });
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const { licence, since } = parsed.data;
  const limit = Math.min(parsed.data.limit, PULL_PAGE_MAX);
  if (!authorizeLicence(actor, licence, 'document.list')) {
    await refuse(server, actor, 403, 'licence_not_permitted', { route: 'sync.pull', licence });
  }
  // One more than the page: whether it comes back tells the kiosk that more follow.
  const rows = await documentChangesSince(server.storage.db, licence, since, limit + 1);
  const page = rows.slice(0, limit);
  const now = server.clock();
  const { epoch, backupTakenAt } = await currentEpoch(server.storage.db);
  // The dealer's voids, for the kiosk to hand to its print agent (voided papers never print).
  const revocations = await latestRevocationFeed(server, server.storage.db, licence);
  // A suspension takes effect at once: the kiosk learns it here and disables its services.
  const licenceRow = await findLicence(server.storage.db, licence);
  return {
    cursor: page.length > 0 ? Number(page[page.length - 1]?.change_seq) : since,
    changes: page.map((row) => ({
      seq: Number(row.change_seq),
      document: parseStoredDocument(row.document_json),
      status: statusOf(row, now),
      jws: row.jws,
      qrToken: row.qr_token,
      printCount: row.print_count,
    })),
    more: rows.length > limit,
    epoch: { epoch, ...(backupTakenAt !== null && { backupTakenAt }) },
    ...(revocations !== undefined && { revocations }),
    ...(licenceRow !== undefined && { isLicenceSuspended: licenceRow.isSuspended }),
  };
}
