import {
  apiError,
  canonicalCommandJson,
  fromZodError,
  partyKey,
  recoverRequestSchema,
  type ApiError,
  type Command,
  type RecoverResponse,
  type RecoveryItem,
} from '@comptoir/shared';
import { verifyDocument, type VerifiedDocument } from '@comptoir/shared/tokens';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { sha256Hex } from '../hash.js';
import { HttpError } from '../http/responses.js';
import type { CommandSender } from '../pipeline/pipeline.js';
import { insertDocuments } from '../registry/documents.repo.js';
import { storeResults, storedResults } from '../registry/idempotency.repo.js';
import { bumpChangeSeq } from '../registry/licences.repo.js';
import { currentEpoch } from './epoch.service.js';
import { recoveryRefusal } from './recover-permission.js';

type Outcome = RecoverResponse['results'][number];

/**
 * `POST /api/sync/recover` (docs/sync.md#epochs-after-a-restore): after a restore, a kiosk
 * sends back the commands the server had applied for it after the backup, with the documents
 * it pulled for them. The documents carry the server's own signature over their whole content,
 * so they are recorded again exactly as they were issued, under their original numbers (which
 * the restore's jump keeps out of the new numbering); the command's answer is stored under its
 * id, so a later push of the same command replays it instead of issuing a second paper.
 * Nothing else of the command is run again (limits and caps were judged when it was applied).
 */
export async function recoverCommands(
  server: ServerContext,
  sender: CommandSender,
  body: unknown,
): Promise<RecoverResponse> {
  const request = recoverRequestSchema.safeParse(body);
  if (!request.success) throw new HttpError(400, fromZodError(request.error));
  const { epoch } = await currentEpoch(server.storage.db);
  if (request.data.epoch !== epoch) throw new HttpError(409, apiError('epoch_mismatch'));
  const { items } = request.data;
  // Signatures are checked before the transaction: they need no lock.
  const verified = await Promise.all(items.map((item) => verifyAll(server, item)));
  const now = server.clock();
  const licences = [...new Set(items.map((item) => item.command.licence))];
  return server.storage.writeTransaction(async (tx) => {
    await server.storage.lockLicences(tx, licences);
    await server.storage.lockKeys(
      tx,
      items.map((item) => `command:${item.command.id}`),
    );
    const known = await storedResults(
      tx,
      items.map((item) => item.command.id),
    );
    const results: Outcome[] = [];
    for (const [index, item] of items.entries()) {
      const { command } = item;
      if (known.has(command.id)) {
        results.push({ id: command.id, outcome: 'known' });
        continue;
      }
      const refusal =
        (await recoveryRefusal(tx, sender, command)) ?? verified[index]?.error ?? null;
      if (refusal) {
        await appendAudit(tx, now, {
          event: 'recovery.refused',
          actor: command.actor.accountId,
          licence: command.licence,
          subject: command.id,
          detail: { code: refusal.code, epoch },
        });
        results.push({ id: command.id, outcome: 'refused', error: refusal });
        continue;
      }
      results.push(await recoverOne(tx, item, verified[index]?.documents ?? [], { now, epoch }));
    }
    return { epoch, results };
  });
}

/** The item's documents, verified against the server's keys; an error if any fails. */
async function verifyAll(
  server: ServerContext,
  item: RecoveryItem,
): Promise<{
  documents: (VerifiedDocument & { jws: string; qrToken: string })[];
  error?: ApiError;
}> {
  const documents = [];
  for (const { jws, qrToken } of item.documents) {
    try {
      const verified = await verifyDocument(jws, (kid) => server.signer.resolve(kid), {
        checkExpiry: false,
      });
      documents.push({ ...verified, jws, qrToken });
    } catch {
      return { documents: [], error: apiError('recovery_signature_invalid') };
    }
  }
  const claimed = new Set(item.result.documents.map((document) => document.number));
  const isMatching = documents.every(
    ({ document }) => claimed.has(document.number) && document.licence === item.command.licence,
  );
  return isMatching ? { documents } : { documents: [], error: apiError('recovery_mismatch') };
}

/** The customer a document counts against in the per-customer limits, as its handler sets it. */
function customerKeyOf(command: Command): string | null {
  if (command.type === 'transit.issue') return partyKey(command.payload.holder);
  if (command.type === 'atac.create') {
    const holder = command.payload.buyers[command.payload.holderIndex];
    return holder ? partyKey(holder) : null;
  }
  return null;
}

async function recoverOne(
  tx: Tx,
  item: RecoveryItem,
  documents: (VerifiedDocument & { jws: string; qrToken: string })[],
  at: { now: Date; epoch: number },
): Promise<Outcome> {
  const { command, result } = item;
  const pulled = new Set(documents.map(({ document }) => document.number));
  const missing = result.documents.filter((document) => !pulled.has(document.number));
  if (missing.length > 0) {
    // Nothing proves what was printed under these numbers: they stay unused (the restore's
    // jump keeps them out of the new numbering) and the hole is on record.
    await appendAudit(tx, at.now, {
      event: 'recovery.unrecoverable',
      actor: command.actor.accountId,
      licence: command.licence,
      subject: command.id,
      detail: { numbers: missing.map((document) => document.number), epoch: at.epoch },
    });
    return { id: command.id, outcome: 'unrecoverable' };
  }
  const numbers = documents.map(({ document }) => document.number);
  const taken = numbers.length
    ? await tx
        .selectFrom('documents')
        .select(['number', 'jws'])
        .where('number', 'in', numbers)
        .execute()
    : [];
  if (taken.length > 0) {
    const error = apiError('recovery_number_collision');
    await appendAudit(tx, at.now, {
      event: 'recovery.refused',
      actor: command.actor.accountId,
      licence: command.licence,
      subject: command.id,
      detail: { code: error.code, numbers: taken.map((row) => row.number), epoch: at.epoch },
    });
    return { id: command.id, outcome: 'refused', error };
  }
  const rows = [];
  for (const { document, jws, qrToken } of documents) {
    rows.push({
      number: document.number,
      kind: document.kind,
      licence: document.licence,
      vin: document.vehicle.vin,
      customerKey: customerKeyOf(command),
      issuedAt: document.issuedAt,
      expiresAt: document.expiresAt ?? null,
      document,
      commandId: command.id,
      changeSeq: await bumpChangeSeq(tx, document.licence),
      jws,
      qrToken,
    });
  }
  await insertDocuments(tx, rows);
  const answer = { id: command.id, status: 'applied', result };
  await storeResults(tx, [
    {
      commandId: command.id,
      accountId: command.actor.accountId,
      bodyHash: sha256Hex(canonicalCommandJson(command)),
      status: 'applied',
      resultJson: JSON.stringify(answer),
      supersedes: command.supersedes,
      createdAt: at.now,
    },
  ]);
  for (const number of numbers) {
    await appendAudit(tx, at.now, {
      event: 'document.recovered',
      actor: command.actor.accountId,
      licence: command.licence,
      subject: number,
      detail: { commandId: command.id, epoch: at.epoch },
    });
  }
  return { id: command.id, outcome: 'recovered' };
}
