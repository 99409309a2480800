import {
  formatDocumentNumber,
  issuedDocumentSchema,
  localDate,
  seriesOfKind,
  type DocumentKind,
  type IssuedDocument,
} from '@comptoir/shared';
import { findOperator } from '../registry/licences.repo.js';
import type { CommandContext } from './command-context.js';
import { countersigned } from './offline/countersign.js';

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
  const { tx, server, licence, now, offline } = c;
  const series = seriesOfKind(draft.kind);
  if (!series) throw new Error(`no number series for ${draft.kind}`);
  // An offline paper keeps the number it was printed under (drawn from its lease's block).
  const number =
    offline?.document.number ??
    formatDocumentNumber(
      series,
      c.batch.once('year', () => localDate(now).slice(0, 4)),
      await c.batch.nextNumber(series),
    );
  // The batch's key: a rotation read meanwhile changes the next batch's, never this one's.
  const signingKey = c.batch.once('signing-key', () => server.signer.current());
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
  // An offline paper is countersigned as printed: its content, the server as its signer.
  const document = issuedDocumentSchema.parse(
    offline
      ? countersigned(offline.document, offline.leaseId, signingKey.kid, common.issuedBy.person)
      : draft.build(common),
  );
  const changeSeq = await c.batch.nextChangeSeq(tx, licence.number);
  c.batch.addDocument({
    number,
    kind: draft.kind,
    licence: licence.number,
    vin: draft.vin,
    customerKey: draft.customerKey,
    issuedAt: document.issuedAt,
    expiresAt: document.expiresAt ?? null,
    document,
    commandId: c.command.id,
    changeSeq,
  });
  await c.batch.audit.append(tx, {
    event: 'document.issued',
    actor: c.actor.id,
    licence: licence.number,
    subject: number,
    detail: { kind: draft.kind, commandId: c.command.id, vin: draft.vin },
  });
  c.toSign.push({ number, document });
  return {
    kind: draft.kind,
    number,
    ...(document.expiresAt !== undefined && { expiresAt: document.expiresAt }),
  };
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
    findOperator(c.tx, operatorId),
  );
  return operator ? { ...self, name: operator.displayName, operatorId } : self;
}
