import {
  apiError,
  canonicalJson,
  fieldError,
  type ApiError,
  type ErrorCode,
  type IssuedDocument,
  type JobRequest,
  type PrintJob,
  type Printer,
} from '@comptoir/shared';
import { isInBlock, OfflineChainError } from '@comptoir/shared/offline';
import { documentVerificationUrl, TokenError, verifyQrToken } from '@comptoir/shared/tokens';
import { createHash } from 'node:crypto';
import type { JobLedger } from '../queue/job-ledger.js';
import type { PrintQueue } from '../queue/print-queue.js';
import type { DocumentVerifier } from '../trust/document-verifier.js';
import type { RevocationStore } from '../trust/revocation-store.js';
import type { ServerKeys } from '../trust/server-keys.js';

/** What accepting a job needs. */
export interface SubmitContext {
  ledger: JobLedger;
  queue: PrintQueue;
  verifier: DocumentVerifier;
  keys: ServerKeys;
  printers: Printer[];
  revocations: RevocationStore;
  /** The server's public origin: the QR code's verification page lives there. */
  serverOrigin: string;
}

/** A job accepted (201-like: new or the same again), or a refusal with its HTTP status. */
export type SubmitOutcome =
  | { kind: 'created' | 'existing'; job: PrintJob }
  | { kind: 'refused'; status: 400 | 409 | 422; error: ApiError };

/**
 * Accepts a print job: the same jobId again answers the stored job without printing (another
 * body under that id is a conflict); otherwise the document must verify against the server's
 * keys and be in no revocation feed the agent keeps, then it is routed to a printer and written to the ledger before the answer.
 */
export async function submitJob(
  ctx: SubmitContext,
  request: JobRequest,
  /** The paired kiosk that sent it: its jobs stop when its pairing is revoked. */
  kioskId: string | null = null,
): Promise<SubmitOutcome> {
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  // Checked before verifying: a retry of an accepted job must not fail because the document
  // expired in between.
  const previous = ctx.ledger.findPrevious(request.jobId, requestHash);
  if (previous?.kind === 'existing') return previous;
  if (previous) return { kind: 'refused', status: 409, error: apiError('idempotency_conflict') };

  let document: IssuedDocument;
  if (request.lease !== undefined) {
    const offline = await verifyOfflinePaper(ctx, request.lease, request.document);
    if ('refusal' in offline) return offline.refusal;
    document = offline.document;
  } else {
    try {
      document = await ctx.verifier.verify(request.document);
    } catch (error) {
      return tokenRefusal(error, 'document');
    }
  }
  // After the signature and expiry: an expired paper keeps its `token_expired`.
  if (ctx.revocations.voided(document.number) !== undefined) {
    const field = fieldError('document', 'document_voided');
    return { kind: 'refused', status: 422, error: apiError('document_voided', [field]) };
  }
  let qrUrl: string;
  try {
    qrUrl = await verificationUrl(ctx, document, request.qrToken);
  } catch (error) {
    return tokenRefusal(error, 'qrToken');
  }

  const printer = await routePrinter(ctx, request);
  if ('error' in printer) return { kind: 'refused', status: 400, error: printer.error };

  const outcome = ctx.ledger.accept({
    jobId: request.jobId,
    requestHash,
    documentNumber: document.number,
    documentKind: document.kind,
    documentJson: JSON.stringify(document),
    qrUrl,
    printer: printer.id,
    role: request.role ?? null,
    copies: request.copies,
    reprint: request.reprint,
    kioskId,
  });
  if (outcome.kind === 'conflict') {
    return { kind: 'refused', status: 409, error: apiError('idempotency_conflict') };
  }
  if (outcome.kind === 'created') ctx.queue.kick(printer.id);
  return outcome;
}

function refusal(code: ErrorCode, path: string): SubmitOutcome {
  return { kind: 'refused', status: 422, error: apiError(code, [fieldError(path, code)]) };
}

/**
 * A paper a kiosk signed offline (docs/printing.md#offline-papers-the-chain-check): the chain,
 * then what only the agent's ledger knows. A number the ledger already holds with another
 * content is refused (never a second original under one number; the same paper again prints
 * as a COPY like any reprint), and a lease never prints more papers of a kind than its cap.
 */
async function verifyOfflinePaper(
  ctx: SubmitContext,
  lease: string,
  jws: string,
): Promise<{ document: IssuedDocument } | { refusal: SubmitOutcome }> {
  let chain;
  try {
    chain = await ctx.verifier.verifyOffline({ lease, document: jws }, (leaseId) =>
      ctx.revocations.leaseRevoked(leaseId),
    );
  } catch (error) {
    if (!(error instanceof OfflineChainError)) throw error;
    return { refusal: refusal(error.code, error.code === 'lease_invalid' ? 'lease' : 'document') };
  }
  const { document, block } = chain;
  const held = ctx.ledger.offlinePapers(`${block.series}-${block.year}-`);
  const same = held.get(document.number);
  if (same !== undefined) {
    if (canonicalJson(JSON.parse(same)) !== canonicalJson(document)) {
      return { refusal: refusal('offline_number_reused', 'document') };
    }
    return { document };
  }
  const used = [...held.keys()].filter((number) => isInBlock(number, block)).length;
  if (used >= block.cap) return { refusal: refusal('offline_cap_exceeded', 'document') };
  return { document };
}

/** A verification failure as a refusal naming the field; anything else is a bug and throws. */
function tokenRefusal(error: unknown, path: 'document' | 'qrToken'): SubmitOutcome {
  if (!(error instanceof TokenError)) throw error;
  return {
    kind: 'refused',
    status: 422,
    error: apiError(error.code, [fieldError(path, error.code)]),
  };
}

/**
 * The URL printed in the QR code. With the server's QR token (checked: same key set, same
 * number), the page verifies offline; without it, it looks the number up online.
 */
async function verificationUrl(
  ctx: SubmitContext,
  document: IssuedDocument,
  qrToken: string | undefined,
): Promise<string> {
  if (qrToken === undefined) return documentVerificationUrl(ctx.serverOrigin, document.number);
  // Either format: the compact token, or the JWS one of documents issued before it. The
  // compact token names its key by a hint: the document's own key is the one to try.
  const verified = await verifyQrToken(qrToken, (kid) => ctx.keys.find(kid), {
    checkExpiry: false,
    number: document.number,
    candidateKids: [document.issuedBy.kid],
  });
  if (verified.number !== document.number) {
    throw new TokenError('token_malformed', 'QR token of another document');
  }
  return documentVerificationUrl(ctx.serverOrigin, document.number, qrToken);
}

/**
 * The printer for a job: the one named, or the first printer with the role; when that one is
 * known to be off or out of paper and has a fallback, the fallback.
 */
async function routePrinter(
  ctx: SubmitContext,
  request: JobRequest,
): Promise<{ id: string } | { error: ApiError }> {
  if (request.printer !== undefined) {
    const named = ctx.printers.find((p) => p.id === request.printer);
    if (!named)
      return { error: apiError('printer_unknown', [fieldError('printer', 'printer_unknown')]) };
    return { id: named.id };
  }
  const role = request.role;
  const primary = ctx.printers.find((p) => role !== undefined && p.roles.includes(role));
  if (!primary)
    return { error: apiError('no_printer_for_role', [fieldError('role', 'no_printer_for_role')]) };
  if (primary.fallback !== undefined) {
    const status = await ctx.queue.status(primary.id);
    if (status && !['ready', 'busy'].includes(status.state)) return { id: primary.fallback };
  }
  return { id: primary.id };
}
