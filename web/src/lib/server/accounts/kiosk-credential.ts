import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  KIOSK_CREDENTIAL_HEADER,
  kioskLocations,
  newId,
  type KioskLocation,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { sha256Hex } from '../hash.js';

/** An enrolled, not revoked kiosk, as a request's device credential proved it. */
export interface KioskIdentity {
  id: string;
  dealerId: string;
  licence: string;
  name: string;
  location: KioskLocation;
}

/**
 * What a request's kiosk header says: no header (a browser that is not an enrolled kiosk, or
 * one enrolled before it was revoked and has since forgotten), a valid enrolled kiosk, or a
 * header that proves nothing (unknown kiosk, wrong secret, revoked).
 */
export type KioskCredentialCheck =
  | { kind: 'absent' }
  | { kind: 'valid'; kiosk: KioskIdentity }
  | { kind: 'invalid'; kioskId: string | null; reason: 'malformed' | 'unknown' | 'revoked' };

/** A new device credential: the header value to give the kiosk once, and the hash to keep. */
export function newKioskCredential(kioskId: string): { credential: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { credential: `${kioskId}.${secret}`, hash: sha256Hex(secret) };
}

function asLocation(value: string): KioskLocation {
  return kioskLocations.find((location) => location === value) ?? 'showroom';
}

function isSameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Checks the request's `X-Comptoir-Kiosk` header against the enrolled kiosks. Reads only. */
export async function kioskForRequest(
  server: ServerContext,
  request: Request,
): Promise<KioskCredentialCheck> {
  const header = request.headers.get(KIOSK_CREDENTIAL_HEADER);
  if (header === null || header.trim() === '') return { kind: 'absent' };
  const match = /^([0-9a-fA-F-]{36})\.([A-Za-z0-9_-]{20,128})$/.exec(header.trim());
  if (!match?.[1] || !match[2]) return { kind: 'invalid', kioskId: null, reason: 'malformed' };
  const kioskId = match[1].toLowerCase();
  const row = await server.storage.db
    .selectFrom('kiosks')
    .select(['id', 'dealer_id', 'licence', 'name', 'location', 'credential_hash', 'revoked_at'])
    .where('id', '=', kioskId)
    .executeTakeFirst();
  if (!row || !isSameHash(row.credential_hash, sha256Hex(match[2]))) {
    return { kind: 'invalid', kioskId, reason: 'unknown' };
  }
  if (row.revoked_at !== null) return { kind: 'invalid', kioskId, reason: 'revoked' };
  return {
    kind: 'valid',
    kiosk: {
      id: row.id,
      dealerId: row.dealer_id,
      licence: row.licence,
      name: row.name,
      location: asLocation(row.location),
    },
  };
}

/** Audits a kiosk header that proved nothing (system chain: it names no trusted licence). */
export async function auditInvalidKiosk(
  server: ServerContext,
  check: Extract<KioskCredentialCheck, { kind: 'invalid' }>,
  actor: string | null,
  context: string,
): Promise<void> {
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'kiosk.credential_refused',
      actor,
      subject: check.kioskId,
      detail: { code: 'kiosk_credential_invalid', reason: check.reason, context },
    }),
  );
}

/**
 * Records that `accountId` signed in online on the kiosk of the request, which opens that
 * person's offline window on that kiosk (the push accepts their commands created within
 * `OFFLINE_WINDOW_HOURS` after it). No kiosk header: nothing (a plain browser). A header that
 * proves nothing: nothing recorded, but audited. Called after every successful sign-in.
 */
export async function noteKioskSignIn(
  server: ServerContext,
  request: Request,
  accountId: string,
  now: Date,
): Promise<void> {
  const check = await kioskForRequest(server, request);
  if (check.kind === 'absent') return;
  if (check.kind === 'invalid') {
    await auditInvalidKiosk(server, check, accountId, 'sign_in');
    return;
  }
  await server.storage.writeTransaction(async (tx) => {
    await tx
      .insertInto('kiosk_sign_ins')
      .values({
        id: newId(),
        kiosk_id: check.kiosk.id,
        account_id: accountId,
        signed_in_at: now.toISOString(),
      })
      .execute();
    await appendAudit(tx, now, {
      event: 'kiosk.sign_in',
      actor: accountId,
      licence: check.kiosk.licence,
      subject: check.kiosk.id,
      detail: { kiosk: check.kiosk.name },
    });
  });
}
