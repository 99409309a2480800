import { createPrivateKey, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { base64url, CompactSign, createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { issuedDocumentSchema, type IssuedDocument } from '../schemas/document.schema.js';
import {
  documentVerificationUrl,
  generateSigningKeyPair,
  importSigningKey,
  publicJwkOf,
  signDocument,
  signDocumentWith,
  signJwsQrToken,
  signJwsQrTokenWith,
  signQrToken,
  signQrTokenWith,
  TokenError,
  verifyDocument,
  verifyQrToken,
  type TokenErrorCode,
} from './index.js';

const keyPair = await generateSigningKeyPair();
const signingKey = await importSigningKey(keyPair.privateJwk);
const jwks = { keys: [keyPair.publicJwk] };

function plateDocument(overrides: Record<string, unknown> = {}): IssuedDocument {
  return issuedDocumentSchema.parse({
    kind: 'provisional_plate',
    schemaVersion: 1,
    number: 'PP-2026-000042',
    licence: 'L-100001',
    dealer: { name: 'Autos Lévis Inc.', neq: '1234567890' },
    issuedAt: '2026-11-26T15:00:00.000Z',
    expiresAt: '2027-01-10T04:59:59.000Z',
    vehicle: { vin: '1HGCM82633A004352', make: 'Honda', model: 'Accord', year: 2003 },
    issuedBy: { signer: 'server', kid: keyPair.kid },
    plateNumber: 'A12 BCD',
    futureField: { kept: true },
    ...overrides,
  });
}

const beforeExpiry = { now: new Date('2026-12-01T12:00:00Z') };

async function refusal(promise: Promise<unknown>): Promise<TokenErrorCode> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TokenError))
    throw new Error(`expected a TokenError, got ${String(error)}`);
  return error.code;
}

function swapPayload(jws: string, payload: unknown): string {
  const [header, , signature] = jws.split('.');
  return `${header}.${base64url.encode(JSON.stringify(payload))}.${signature}`;
}

describe('signing keys', () => {
  it('derives the kid from the public key (RFC 7638) and survives export/import', async () => {
    expect(keyPair.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keyPair.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: keyPair.kid });
    expect(keyPair.publicJwk).not.toHaveProperty('d');
    const reloaded = await importSigningKey(JSON.parse(JSON.stringify(keyPair.privateJwk)));
    expect(reloaded.kid).toBe(keyPair.kid);
    expect(await publicJwkOf(keyPair.privateJwk)).toEqual(keyPair.publicJwk);
  });

  it('recomputes the kid instead of trusting a stored one', async () => {
    const reloaded = await importSigningKey({ ...keyPair.privateJwk, kid: 'forged' });
    expect(reloaded.kid).toBe(keyPair.kid);
  });

  it('refuses a public key or a non-Ed25519 key for signing', async () => {
    expect(await refusal(importSigningKey(keyPair.publicJwk))).toBe('token_malformed');
    expect(await refusal(importSigningKey({ kty: 'oct', k: 'c2VjcmV0' }))).toBe('token_malformed');
  });
});

describe('document tokens', () => {
  it('round-trips the full document with a JWKS, keeping unknown fields', async () => {
    const document = plateDocument();
    const jws = await signDocument(document, signingKey);
    const verified = await verifyDocument(jws, jwks, beforeExpiry);
    expect(verified.kid).toBe(keyPair.kid);
    expect(verified.document).toEqual(document);
  });

  it('round-trips with a key resolver returning a JWK', async () => {
    const jws = await signDocument(plateDocument(), signingKey);
    const resolver = (kid: string) => (kid === keyPair.kid ? keyPair.publicJwk : undefined);
    const { document } = await verifyDocument(jws, resolver, beforeExpiry);
    expect(document.number).toBe('PP-2026-000042');
  });

  it('puts alg EdDSA, the kid and the document typ in the protected header', async () => {
    const jws = await signDocument(plateDocument(), signingKey);
    const header: unknown = JSON.parse(
      new TextDecoder().decode(base64url.decode(jws.split('.')[0] ?? '')),
    );
    expect(header).toEqual({ alg: 'EdDSA', kid: keyPair.kid, typ: 'comptoir-document+jws' });
  });

  it('refuses a tampered payload', async () => {
    const jws = await signDocument(plateDocument(), signingKey);
    const tampered = swapPayload(jws, plateDocument({ plateNumber: 'Z99 ZZZ' }));
    expect(await refusal(verifyDocument(tampered, jwks, beforeExpiry))).toBe('token_bad_signature');
  });

  it('refuses a signature by another key that claims a trusted kid', async () => {
    const other = await importSigningKey((await generateSigningKeyPair()).privateJwk);
    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(plateDocument())))
      .setProtectedHeader({ alg: 'EdDSA', kid: keyPair.kid, typ: 'comptoir-document+jws' })
      .sign(other.key);
    expect(await refusal(verifyDocument(forged, jwks, beforeExpiry))).toBe('token_bad_signature');
  });

  it('says token_unknown_key for a key id nobody trusts, with a JWKS or a resolver', async () => {
    const stranger = await generateSigningKeyPair();
    const strangerKey = await importSigningKey(stranger.privateJwk);
    const jws = await signDocument(
      plateDocument({ issuedBy: { signer: 'server', kid: stranger.kid } }),
      strangerKey,
    );
    expect(await refusal(verifyDocument(jws, jwks, beforeExpiry))).toBe('token_unknown_key');
    expect(await refusal(verifyDocument(jws, () => undefined, beforeExpiry))).toBe(
      'token_unknown_key',
    );
  });

  it('refuses an expired document, honours the clock tolerance and can report instead', async () => {
    const jws = await signDocument(plateDocument(), signingKey);
    const justAfter = new Date('2027-01-10T05:00:30Z');
    expect(await refusal(verifyDocument(jws, jwks, { now: justAfter }))).toBe('token_expired');
    await expect(
      verifyDocument(jws, jwks, { now: justAfter, clockToleranceSeconds: 60 }),
    ).resolves.toMatchObject({ kid: keyPair.kid });
    await expect(
      verifyDocument(jws, jwks, { now: justAfter, checkExpiry: false }),
    ).resolves.toMatchObject({ document: { number: 'PP-2026-000042' } });
  });

  it('refuses malformed tokens', async () => {
    for (const garbage of ['', 'abc', 'a.b.c', 'eyJhbGciOiJFZERTQSJ9..sig']) {
      expect(await refusal(verifyDocument(garbage, jwks))).toBe('token_malformed');
    }
    const notJson = await new CompactSign(new TextEncoder().encode('not json'))
      .setProtectedHeader({ alg: 'EdDSA', kid: keyPair.kid, typ: 'comptoir-document+jws' })
      .sign(signingKey.key);
    expect(await refusal(verifyDocument(notJson, jwks))).toBe('token_malformed');
    const notDocument = await new CompactSign(new TextEncoder().encode('{"schemaVersion":"1"}'))
      .setProtectedHeader({ alg: 'EdDSA', kid: keyPair.kid, typ: 'comptoir-document+jws' })
      .sign(signingKey.key);
    expect(await refusal(verifyDocument(notDocument, jwks))).toBe('token_malformed');
  });

  it("refuses alg 'none' and HS256 keyed with the public key (algorithm confusion)", async () => {
    const payload = base64url.encode(JSON.stringify(plateDocument()));
    const noneHeader = base64url.encode(
      JSON.stringify({ alg: 'none', kid: keyPair.kid, typ: 'comptoir-document+jws' }),
    );
    expect(await refusal(verifyDocument(`${noneHeader}.${payload}.`, jwks, beforeExpiry))).toBe(
      'token_bad_signature',
    );
    const publicKeyBytes = base64url.decode(keyPair.publicJwk.x ?? '');
    const hs256 = await new CompactSign(new TextEncoder().encode(JSON.stringify(plateDocument())))
      .setProtectedHeader({ alg: 'HS256', kid: keyPair.kid, typ: 'comptoir-document+jws' })
      .sign(publicKeyBytes);
    expect(await refusal(verifyDocument(hs256, jwks, beforeExpiry))).toBe('token_bad_signature');
    const octResolver = () => ({ kty: 'oct', k: keyPair.publicJwk.x ?? '' });
    expect(await refusal(verifyDocument(hs256, octResolver, beforeExpiry))).toBe(
      'token_bad_signature',
    );
  });

  it('lets a failing key resolver fail as itself, not as a verdict on the token', async () => {
    const jws = await signDocument(plateDocument(), signingKey);
    const unavailable = new Error('key store unavailable');
    await expect(
      verifyDocument(
        jws,
        () => {
          throw unavailable;
        },
        beforeExpiry,
      ),
    ).rejects.toBe(unavailable);
  });

  it('refuses a document naming another signer key than the one that signed', async () => {
    const mislabelled = plateDocument({ issuedBy: { signer: 'server', kid: 'someone-else' } });
    expect(await refusal(signDocument(mislabelled, signingKey))).toBe('token_malformed');
  });

  it('works with a prepared jose local JWKS too', () => {
    expect(() => createLocalJWKSet(jwks)).not.toThrow();
  });
});

describe('synchronous raw signer (Node crypto.sign)', () => {
  const keyObject = createPrivateKey({ key: keyPair.privateJwk, format: 'jwk' });
  const rawKey = {
    kid: keyPair.kid,
    sign: async (input: Uint8Array) =>
      new Uint8Array(await promisify(sign)(null, input, keyObject)),
  };

  it('makes the very document token jose makes, and it verifies', async () => {
    const document = plateDocument();
    const jws = await signDocumentWith(document, rawKey);
    expect(jws).toBe(await signDocument(document, signingKey));
    expect(await verifyDocument(jws, jwks, beforeExpiry)).toEqual({ document, kid: keyPair.kid });
  });

  it('makes the very QR token jose makes, and it verifies', async () => {
    const document = plateDocument();
    const token = await signQrTokenWith(document, rawKey);
    expect(token).toBe(await signQrToken(document, signingKey));
    expect(
      await verifyQrToken(token, jwks, { ...beforeExpiry, number: document.number }),
    ).toMatchObject({ number: document.number, kid: keyPair.kid, format: 'compact' });
    const legacy = await signJwsQrTokenWith(document, rawKey);
    expect(legacy).toBe(await signJwsQrToken(document, signingKey));
  });

  it('keeps the checks: a document naming another key is refused', async () => {
    const document = plateDocument({ issuedBy: { signer: 'server', kid: 'someone-else' } });
    expect(await refusal(signDocumentWith(document, rawKey))).toBe('token_malformed');
  });

  it('a wrong raw signer yields a token that does not verify', async () => {
    const jws = await signDocumentWith(plateDocument(), {
      ...rawKey,
      sign: () => Promise.resolve(new Uint8Array(64)),
    });
    expect(await refusal(verifyDocument(jws, jwks, beforeExpiry))).toBe('token_bad_signature');
  });
});

describe('QR tokens', () => {
  const number = 'PP-2026-000042';
  const withNumber = { ...beforeExpiry, number };

  it('round-trips kind and expiry for its number, in 119 base32 characters', async () => {
    const token = await signQrToken(plateDocument(), signingKey);
    expect(token).toMatch(/^[A-Z2-7]{119}$/);
    expect(await verifyQrToken(token, jwks, withNumber)).toEqual({
      number,
      kind: 'provisional_plate',
      expiresAt: '2027-01-10T04:59:59.000Z',
      kid: keyPair.kid,
      format: 'compact',
    });
  });

  it('round-trips a document that does not expire, with a resolver and candidate kids', async () => {
    const { expiresAt: _dropped, ...rest } = plateDocument();
    const document = issuedDocumentSchema.parse({ ...rest, kind: 'receipt', lines: [] });
    const token = await signQrToken(document, signingKey);
    const resolver = (kid: string) => (kid === keyPair.kid ? keyPair.publicJwk : undefined);
    const verified = await verifyQrToken(token, resolver, {
      number,
      candidateKids: ['unknown', keyPair.kid],
    });
    expect(verified).toEqual({ number, kind: 'receipt', kid: keyPair.kid, format: 'compact' });
    expect(await refusal(verifyQrToken(token, resolver, { number }))).toBe('token_unknown_key');
  });

  it('carries no personal data: format, kind, key hint, expiry and the signature only', async () => {
    const token = await signQrToken(plateDocument(), signingKey);
    const bytes = base32Bytes(token);
    expect(bytes.length).toBe(74);
    expect([bytes[0], bytes[1]]).toEqual([1, 0]);
    expect(bytes.slice(2, 6)).toEqual(base64url.decode(keyPair.kid).slice(0, 4));
    expect(new DataView(bytes.buffer).getUint32(6)).toBe(Date.parse('2027-01-10T04:59:59Z') / 1000);
  });

  it('refuses expired, tampered, re-numbered, foreign and unknown-format tokens', async () => {
    const token = await signQrToken(plateDocument(), signingKey);
    expect(
      await refusal(verifyQrToken(token, jwks, { number, now: new Date('2027-02-01Z') })),
    ).toBe('token_expired');
    expect(
      await refusal(verifyQrToken(token, jwks, { ...withNumber, number: 'PP-2026-000043' })),
    ).toBe('token_bad_signature');
    const bytes = base32Bytes(token);
    bytes[9] = (bytes[9] ?? 0) ^ 1; // one second more of validity
    expect(await refusal(verifyQrToken(base32(bytes), jwks, withNumber))).toBe(
      'token_bad_signature',
    );
    bytes[9] = (bytes[9] ?? 0) ^ 1;
    bytes[0] = 2; // the kiosk-signed format, not defined yet
    expect(await refusal(verifyQrToken(base32(bytes), jwks, withNumber))).toBe('token_malformed');
    expect(await refusal(verifyQrToken(token, { keys: [] }, withNumber))).toBe('token_unknown_key');
    const stranger = await generateSigningKeyPair();
    const strangerToken = await signQrToken(
      plateDocument(),
      await importSigningKey(stranger.privateJwk),
    );
    expect(await refusal(verifyQrToken(strangerToken, jwks, withNumber))).toBe('token_unknown_key');
    expect(await refusal(verifyQrToken(token, jwks, beforeExpiry))).toBe('token_malformed');
    expect(await refusal(verifyQrToken(`${token}A`, jwks, withNumber))).toBe('token_malformed');
    expect(await refusal(verifyQrToken(token.slice(0, -1), jwks, withNumber))).toBe(
      'token_malformed',
    );
  });

  it('refuses a signature by another key that shares the key hint', async () => {
    const token = await signQrToken(plateDocument(), signingKey);
    const other = await generateSigningKeyPair();
    // Same kid, another public key: the hint matches, the signature cannot.
    const impostor = { keys: [{ ...other.publicJwk, kid: keyPair.kid }] };
    expect(await refusal(verifyQrToken(token, impostor, withNumber))).toBe('token_bad_signature');
  });

  it('still verifies the JWS tokens printed on papers before the compact token', async () => {
    const legacy = await signJwsQrToken(plateDocument(), signingKey);
    expect(legacy.split('.')).toHaveLength(3);
    expect(await verifyQrToken(legacy, jwks, beforeExpiry)).toEqual({
      number,
      kind: 'provisional_plate',
      expiresAt: '2027-01-10T04:59:59.000Z',
      kid: keyPair.kid,
      format: 'jws',
    });
    expect(await verifyQrToken(legacy, jwks, withNumber)).toMatchObject({ format: 'jws' });
    const claims: unknown = JSON.parse(
      new TextDecoder().decode(base64url.decode(legacy.split('.')[1] ?? '')),
    );
    expect(Object.keys(claims ?? {}).sort()).toEqual(['exp', 'k', 'n']);
    // A JWS token says which number it is for; the caller compares (the verifier says
    // "another document's code" rather than "forged").
    expect(
      await verifyQrToken(legacy, jwks, { ...withNumber, number: 'PP-2026-000043' }),
    ).toMatchObject({ number });
    expect(
      await refusal(verifyQrToken(legacy, jwks, { number, now: new Date('2027-02-01Z') })),
    ).toBe('token_expired');
    const tampered = swapPayload(legacy, { n: 'PP-2026-000043', k: 'provisional_plate' });
    expect(await refusal(verifyQrToken(tampered, jwks))).toBe('token_bad_signature');
    expect(await refusal(verifyQrToken(legacy, { keys: [] }))).toBe('token_unknown_key');
  });

  it('is not interchangeable with a document token', async () => {
    const document = plateDocument();
    const qr = await signQrToken(document, signingKey);
    const legacy = await signJwsQrToken(document, signingKey);
    const jws = await signDocument(document, signingKey);
    expect(await refusal(verifyDocument(qr, jwks, beforeExpiry))).toBe('token_malformed');
    expect(await refusal(verifyDocument(legacy, jwks, beforeExpiry))).toBe('token_malformed');
    expect(await refusal(verifyQrToken(jws, jwks, withNumber))).toBe('token_malformed');
  });

  it('builds the verification URL', () => {
    expect(documentVerificationUrl('https://c.example/', 'PP 1/2', 'a.b.c')).toBe(
      'https://c.example/verifier/PP%201%2F2?t=a.b.c',
    );
  });
});

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 written out here, independently of the code under test. */
function base32Bytes(text: string): Uint8Array {
  const bits = [...text].map((c) => BASE32.indexOf(c).toString(2).padStart(5, '0')).join('');
  return Uint8Array.from(bits.match(/.{8}/g) ?? [], (byte) => parseInt(byte, 2));
}

function base32(bytes: Uint8Array): string {
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  return (bits.match(/.{1,5}/g) ?? [])
    .map((chunk) => BASE32[parseInt(chunk.padEnd(5, '0'), 2)])
    .join('');
}
