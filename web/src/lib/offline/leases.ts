import {
  formatOfflineNumber,
  isLeaseOpen,
  leaseResponseSchema,
  leaseSchema,
  LEASE_DEFAULT_HOURS,
  offlineKinds,
  type Lease,
  type LeaseRequest,
  type OfflineKind,
} from '@comptoir/shared/offline';
import type { ComptoirDb, LeaseRow } from './db';
import { readKioskEnrolment, syncRequestHeaders } from './kiosk-credential';
import type { KioskKey } from './kiosk-key';
import { kioskId } from './kiosk-state';
import { noteServerTime } from './server-clock';

/** A lease as the kiosk uses it: the row and its parsed payload. */
export interface HeldLease {
  row: LeaseRow;
  lease: Lease;
}

/** Renew when less than this is left of the lease (the kiosk renews while online). */
export const RENEW_BEFORE_END_MS = (LEASE_DEFAULT_HOURS / 2) * 3600_000;
/** Renew when a block has fewer numbers left than this fraction of its cap. */
export const RENEW_WHEN_LEFT_BELOW = 0.5;

const decoder = new TextDecoder();

/** The payload of a lease JWS the server just answered (parsed, not verified: see below). */
export function leasePayload(jws: string): Lease | undefined {
  const part = jws.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const bytes = Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    const parsed = leaseSchema.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function held(row: LeaseRow | undefined): HeldLease | undefined {
  if (!row) return undefined;
  const parsed = leaseSchema.safeParse(row.lease);
  return parsed.success ? { row, lease: parsed.data } : undefined;
}

/**
 * Keeps a lease the server granted (its own answer over the kiosk's connection: the kiosk does
 * not verify the server's signature, the agent and the server do), retiring the one it renews.
 */
export async function storeLease(
  db: ComptoirDb,
  jws: string,
  lease: Lease,
  now: number,
  renews?: string,
): Promise<void> {
  await db.transaction('rw', db.leases, async () => {
    if (await db.leases.get(lease.leaseId)) return;
    await db.leases.add({
      leaseId: lease.leaseId,
      jws,
      lease,
      licence: lease.licence,
      expiresAt: Date.parse(lease.expiresAt),
      receivedAt: now,
      used: { transit: 0, atac: 0 },
    });
    if (renews !== undefined) await db.leases.update(renews, { retiredAt: now });
  });
}

/** The newest lease the kiosk holds for `licence` (retired or not, open or not). */
export async function newestLease(
  db: ComptoirDb,
  licence?: string,
): Promise<HeldLease | undefined> {
  const rows = await db.leases.toArray();
  const mine = rows
    .filter(
      (row) => row.retiredAt === undefined && (licence === undefined || row.licence === licence),
    )
    .sort((a, b) => b.receivedAt - a.receivedAt);
  return held(mine[0]);
}

/** Why a number could not be taken. */
export type NumberRefusal = 'lease_missing' | 'lease_expired' | 'lease_exhausted';

/**
 * Takes the next number of `kind` from the kiosk's open lease for `licence` at `at` (the
 * server-anchored time), in ONE IndexedDB transaction: read the counter, check the cap, move
 * the counter. IndexedDB runs read-write transactions on the same table one after the other,
 * across tabs too, and the counter is durable before the number is used: a number is never
 * taken twice, whatever the tabs, reloads or crashes (a crash after the take burns the
 * number, a gap the server accepts).
 */
export async function takeOfflineNumber(
  db: ComptoirDb,
  licence: string,
  kind: OfflineKind,
  at: number,
): Promise<{ number: string; lease: HeldLease } | { refusal: NumberRefusal }> {
  return db.transaction('rw', db.leases, async () => {
    const current = await newestLease(db, licence);
    if (!current) return { refusal: 'lease_missing' as const };
    if (!isLeaseOpen(current.lease, new Date(at))) return { refusal: 'lease_expired' as const };
    const block = current.lease.blocks.find((candidate) => candidate.kind === kind);
    const used = current.row.used[kind];
    if (!block || used >= block.cap) return { refusal: 'lease_exhausted' as const };
    const taken = { ...current.row.used, [kind]: used + 1 };
    await db.leases.update(current.row.leaseId, { used: taken });
    return {
      number: formatOfflineNumber(kind, block.year, block.first + used),
      lease: { row: { ...current.row, used: taken }, lease: current.lease },
    };
  });
}

/** Whether the kiosk should ask for a new lease now (none, ending soon, or running low). */
export function needsRenewal(current: HeldLease | undefined, now: number): boolean {
  if (!current) return true;
  if (Date.parse(current.lease.expiresAt) - now < RENEW_BEFORE_END_MS) return true;
  return current.lease.blocks.some(
    (block) => block.cap - current.row.used[block.kind] < block.cap * RENEW_WHEN_LEFT_BELOW,
  );
}

/** What asking for a lease needs from outside (real in the browser, fakes in tests). */
export interface LeaseDeps {
  db: ComptoirDb;
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  key: () => Promise<KioskKey>;
}

/** How a lease request ended. */
export type LeaseOutcome = 'renewed' | 'not_needed' | 'not_enrolled' | 'refused' | 'unreachable';

/**
 * Asks the server for a lease when the kiosk is enrolled and its lease is missing, ending
 * soon or running low, naming the lease it renews and how many numbers it took of it (the
 * server retires it and frees its unused numbers). Best effort, in the background: the next
 * sync tries again.
 */
export async function renewLeaseIfNeeded(deps: LeaseDeps, force = false): Promise<LeaseOutcome> {
  const enrolment = await readKioskEnrolment(deps.db);
  if (!enrolment) return 'not_enrolled';
  const current = await newestLease(deps.db);
  if (!force && !needsRenewal(current, deps.now())) return 'not_needed';
  const key = await deps.key();
  const body: LeaseRequest = {
    publicKey: key.publicJwk,
    kinds: [...offlineKinds],
    // A lease of another key (the browser's storage was wiped, a new key made) is not renewed:
    // it stays open on the server until it ends.
    ...(current &&
      current.lease.kioskKeyThumbprint === key.kid && {
        renews: { leaseId: current.lease.leaseId, used: current.row.used },
      }),
  };
  const id = await kioskId(deps.db);
  let response: Response;
  try {
    response = await deps.fetch(`${deps.baseUrl}/api/kiosks/${encodeURIComponent(id)}/lease`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        ...(await syncRequestHeaders(deps.db)),
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
    });
  } catch {
    return 'unreachable';
  }
  if (!response.ok) return response.status >= 500 ? 'unreachable' : 'refused';
  const answer = leaseResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (!answer.success) return 'refused';
  const lease = leasePayload(answer.data.lease);
  // A lease for another key or kiosk is of no use: this kiosk could not sign under it.
  if (!lease || lease.kioskKeyThumbprint !== key.kid || lease.kioskId !== id) return 'refused';
  await noteServerTime(deps.db, Date.parse(lease.issuedAt), deps.now());
  await storeLease(deps.db, answer.data.lease, lease, deps.now(), body.renews?.leaseId);
  return 'renewed';
}
