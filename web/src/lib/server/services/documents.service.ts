import {
  documentStatusSchema,
  isExpired,
  issuedDocumentSchema,
  localDate,
  type DocumentEnvelope,
  type DocumentKind,
  type DocumentStatus,
  type IssuedDocument,
} from '@comptoir/shared';
import { signDocumentWith, signQrTokenWith } from '@comptoir/shared/tokens';
import { sql } from 'kysely';
import type { Tx } from '../db/engine.js';
import type { DocumentTable } from '../db/schema.js';
import type { ServerContext } from '../context.js';
import type { CommandContext, PendingSignature } from './command-context.js';

/**
 * Number series per document kind: `T-2026-000123`, `ATAC-2026-000045`; registration papers
 * `PP-` provisional plate, `CI-` certificat d'immatriculation, `PS-` preuve de service, `PR-`
 * preuve d'enregistrement, `PA-` preuve d'annulation (PostgreSQL sequences: migration 0003).
 */
const seriesOf: Partial<Record<DocumentKind, string>> = {
  atac: 'ATAC',
  transit: 'T',
  provisional_plate: 'PP',
  registration_certificate: 'CI',
  proof_of_service: 'PS',
  proof_of_registration: 'PR',
  proof_of_cancellation: 'PA',
};

/** What a service supplies to issue a document; the number, dates and signature are ours. */
export interface DocumentDraft<K extends DocumentKind> {
  kind: K;
  vin: string;
  customerKey: string | null;
  expiresAt?: Date;
  /** The kind-specific body, given the server-assigned common fields. */
  build: (common: CommonFields) => IssuedDocument;
}

/** Fields every document carries, from the server. */
export interface CommonFields {
  schemaVersion: 1;
  number: string;
  licence: string;
  dealer: { name: string; neq: string; permit?: string };
  issuedAt: string;
  expiresAt?: string;
  issuedBy: {
    signer: 'server';
    kid: string;
    person: { accountId: string; name: string; operatorId?: string };
  };
}

/**
 * Issues a document: draws its number, signs its full content (JWS) and its QR token,
 * stores both with the live status, bumps the licence's change counter and audits.
 */
export async function issueDocument<K extends DocumentKind>(
  c: Omit<CommandContext, 'command'> & {
    command: { id: string; actor?: { operatorId?: string | undefined } };
  },
  draft: DocumentDraft<K>,
): Promise<{ kind: K; number: string; expiresAt?: string }> {
  const { tx, server, licence, now } = c;
  const series = seriesOf[draft.kind];
  if (!series) throw new Error(`no number series for ${draft.kind}`);
  const value = await c.batch.nextNumber(series);
  const year = c.batch.once('year', () => localDate(now).slice(0, 4));
  const number = `${series}-${year}-${String(value).padStart(6, '0')}`;
  const { signingKey } = server.signer;
  const common: CommonFields = {
    schemaVersion: 1,
    number,
    licence: licence.number,
    dealer: {
      name: licence.dealer.name,
      neq: licence.dealer.neq,
      ...(licence.dealer.permit !== null && { permit: licence.dealer.permit }),
    },
    issuedAt: now.toISOString(),
    ...(draft.expiresAt && { expiresAt: draft.expiresAt.toISOString() }),
    issuedBy: { signer: 'server', kid: signingKey.kid, person: await issuingPerson(c) },
  };
  // Parse what we are about to sign: a document that its own schema refuses is a bug here.
  const document = issuedDocumentSchema.parse(draft.build(common));
  const changeSeq = await c.batch.nextChangeSeq(tx, licence.number);
  await tx
    .insertInto('documents')
    .values({
      number,
      kind: draft.kind,
      licence: licence.number,
      vin: draft.vin,
      customer_key: draft.customerKey,
      issued_at: common.issuedAt,
      expires_at: common.expiresAt ?? null,
      status: 'valid',
      document_json: JSON.stringify(document),
      // Filled by storeSignatures() before the batch commits: never committed empty.
      jws: '',
      qr_token: '',
      print_count: 0,
      command_id: c.command.id,
      change_seq: changeSeq,
    })
    .execute();
  c.batch.issued(licence.number, draft.kind);
  await c.batch.audit.append(tx, {
    event: 'document.issued',
    actor: c.actor.id,
    licence: licence.number,
    subject: number,
    detail: { kind: draft.kind, commandId: c.command.id, vin: draft.vin },
  });
  c.toSign.push({ number, document });
  return { kind: draft.kind, number, ...(common.expiresAt && { expiresAt: common.expiresAt }) };
}

/**
 * Who the paper names as its issuer: the signed-in person, or on a generic account the operator
 * who unlocked the kiosk with their PIN (read once per batch).
 */
async function issuingPerson(
  c: Omit<CommandContext, 'command'> & { command: { actor?: { operatorId?: string | undefined } } },
): Promise<CommonFields['issuedBy']['person']> {
  const operatorId = c.command.actor?.operatorId;
  const self = { accountId: c.actor.id, name: c.actor.displayName };
  if (operatorId === undefined) return self;
  const operator = await c.batch.once(`operator:${operatorId}`, () =>
    c.tx
      .selectFrom('operators')
      .select('display_name')
      .where('id', '=', operatorId)
      .executeTakeFirst(),
  );
  return operator ? { ...self, name: operator.display_name, operatorId } : self;
}

/** A document's signatures, as stored with it. */
export interface DocumentSignatures {
  number: string;
  jws: string;
  qrToken: string;
}

/**
 * Signs documents (full-content JWS and QR token) on the thread pool: the batch starts this
 * as soon as a command is applied and awaits it only before the commit.
 */
export async function signDocuments(
  server: ServerContext,
  pending: readonly PendingSignature[],
): Promise<DocumentSignatures[]> {
  const { rawSigningKey } = server.signer;
  return Promise.all(
    pending.map(async ({ number, document }) => ({
      number,
      jws: await signDocumentWith(document, rawSigningKey),
      qrToken: await signQrTokenWith(document, rawSigningKey),
    })),
  );
}

/** Stores the batch's signatures, inside its transaction, before its commit. */
export async function storeSignatures(
  tx: Tx,
  signed: readonly DocumentSignatures[],
): Promise<void> {
  // One UPDATE per chunk of documents instead of one per document.
  for (let start = 0; start < signed.length; start += 100) {
    const chunk = signed.slice(start, start + 100);
    const caseOf = (pick: (entry: (typeof chunk)[number]) => string) =>
      sql<string>`case number ${sql.join(
        chunk.map((entry) => sql`when ${entry.number} then ${pick(entry)}`),
        sql` `,
      )} end`;
    await tx
      .updateTable('documents')
      .set({ jws: caseOf((entry) => entry.jws), qr_token: caseOf((entry) => entry.qrToken) })
      .where(
        'number',
        'in',
        chunk.map((entry) => entry.number),
      )
      .execute();
  }
}

/** A document's status now: voided wins, then expiry from the server clock. */
export function statusOf(
  row: Pick<DocumentTable, 'status' | 'expires_at'>,
  now: Date,
): DocumentStatus {
  if (row.status === 'voided') return 'voided';
  if (isExpired(row.expires_at ? new Date(row.expires_at) : undefined, now)) return 'expired';
  return documentStatusSchema.parse(row.status);
}

/** Parses a stored document (tolerant schema: it is our own signed content). */
export function parseStoredDocument(json: string): IssuedDocument {
  const value: unknown = JSON.parse(json);
  return issuedDocumentSchema.parse(value);
}

/** The envelope the kiosk and the print flow read. */
export function envelopeOf(row: DocumentTable, now: Date): DocumentEnvelope {
  return {
    document: parseStoredDocument(row.document_json),
    jws: row.jws,
    qrToken: row.qr_token,
    status: statusOf(row, now),
    printCount: row.print_count,
  };
}
