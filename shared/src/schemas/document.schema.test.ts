import { describe, expect, it } from 'vitest';
import { documentCommon, oneDocumentOfEachKind } from '../testing/documents.js';
import { documentEnvelopeSchema, documentKinds, issuedDocumentSchema } from './document.schema.js';

describe('issuedDocumentSchema', () => {
  it('parses one document of every kind and round-trips', () => {
    const documents = oneDocumentOfEachKind();
    expect(documents.map((document) => document.kind)).toEqual([...documentKinds]);
    for (const raw of documents) {
      const parsed = issuedDocumentSchema.parse(raw);
      expect(parsed).toEqual(raw);
      expect(issuedDocumentSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    }
  });

  it('keeps unknown fields at every level (a newer server must not stop an older agent)', () => {
    for (const raw of oneDocumentOfEachKind()) {
      const newer = {
        ...raw,
        futureField: { any: 'thing' },
        vehicle: { ...documentCommon.vehicle, netMassKg: 1450, trim: 'EX-L' },
        dealer: { ...documentCommon.dealer, phone: '450-555-0101' },
      };
      const parsed = issuedDocumentSchema.parse(newer);
      expect(parsed).toMatchObject({
        futureField: { any: 'thing' },
        vehicle: { trim: 'EX-L' },
        dealer: { phone: '450-555-0101' },
      });
    }
  });

  it('reads documents of a newer schema version, keeping their new fields', () => {
    const [atac] = oneDocumentOfEachKind();
    const newer = issuedDocumentSchema.parse({ ...atac, schemaVersion: 2, stampedBy: 'future' });
    expect(newer).toMatchObject({ schemaVersion: 2, stampedBy: 'future' });
  });

  it('still refuses what it cannot print: unknown kind, bad version, missing expiry or mass', () => {
    const [atac, transit, , certificate] = oneDocumentOfEachKind();
    expect(
      issuedDocumentSchema.safeParse({ ...certificate, vehicle: documentCommon.vehicle }).success,
    ).toBe(false);
    expect(issuedDocumentSchema.safeParse({ ...atac, kind: 'hologram' }).success).toBe(false);
    expect(issuedDocumentSchema.safeParse({ ...atac, schemaVersion: 0 }).success).toBe(false);
    expect(issuedDocumentSchema.safeParse({ ...transit, expiresAt: undefined }).success).toBe(
      false,
    );
  });
});

describe('documentEnvelopeSchema', () => {
  it('carries the document, its tokens, status and print count', () => {
    const [document] = oneDocumentOfEachKind();
    const envelope = { document, jws: 'a.b.c', qrToken: 'q.r.s', status: 'valid', printCount: 0 };
    expect(documentEnvelopeSchema.parse(envelope)).toEqual(envelope);
    expect(documentEnvelopeSchema.safeParse({ ...envelope, status: 'lost' }).success).toBe(false);
  });
});
