import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';

/*
 * Refusals anyone can cause without signing in (cross-site writes, throttled sign-ins, floods)
 * must cost the attacker more than the server. Each one audited as its own hash-chained row
 * let 500 anonymous requests write 3.56 MB that can never be pruned, and an 8-thread flood
 * cut a kiosk's pushes by four (every row took the database's write lock). So they are
 * tallied here, in memory:
 * - the first refusal of a kind (event, address, subject, code) in a window is audited at
 *   once, with bounded fields;
 * - the repeats are counted and written as ONE row with their count when the window ends
 *   (or at the next flush), all kinds of one window in one transaction;
 * - an address has at most {@link KINDS_PER_ADDRESS} kinds per window (further subjects
 *   fold into `*`), and the table at most {@link MAX_KINDS} (further addresses fold into one
 *   overflow kind): memory and rows stay bounded whatever the flood.
 */

/** One window of aggregation. */
export const TALLY_WINDOW_MS = 60_000;
const KINDS_PER_ADDRESS = 20;
const MAX_KINDS = 5_000;
/** Longest text kept in any field of a refusal row. */
export const MAX_FIELD_CHARS = 120;

/** An anonymous refusal: what, from where, about what (all text cut to a bounded length). */
export interface AnonymousRefusal {
  event: string;
  clientAddress: string;
  subject?: string | null;
  actor?: string | null;
  detail: Record<string, string | number | boolean | null>;
}

interface Kind {
  refusal: AnonymousRefusal;
  repeats: number;
}

interface TallyState {
  windowStart: number;
  kinds: Map<string, Kind>;
  perAddress: Map<string, number>;
  timer: ReturnType<typeof setInterval> | undefined;
}

const states = new WeakMap<ServerContext, TallyState>();

function bounded(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}…` : value;
}

function boundedRefusal(refusal: AnonymousRefusal): AnonymousRefusal {
  const detail: AnonymousRefusal['detail'] = {};
  for (const [name, value] of Object.entries(refusal.detail).slice(0, 12)) {
    detail[name.slice(0, 40)] = typeof value === 'string' ? bounded(value) : value;
  }
  return {
    event: refusal.event.slice(0, 60),
    clientAddress: bounded(refusal.clientAddress) ?? '',
    subject: bounded(refusal.subject),
    actor: bounded(refusal.actor),
    detail,
  };
}

function stateOf(server: ServerContext): TallyState {
  let state = states.get(server);
  if (!state) {
    state = { windowStart: 0, kinds: new Map(), perAddress: new Map(), timer: undefined };
    states.set(server, state);
    const created = state;
    created.timer = setInterval(() => {
      flushRefusals(server).catch((error: unknown) => {
        console.error('comptoir: refusal tally flush failed', error);
      });
    }, TALLY_WINDOW_MS);
    created.timer.unref();
  }
  return state;
}

async function writeRows(
  server: ServerContext,
  rows: readonly { refusal: AnonymousRefusal; count: number; windowStart: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  const now = server.clock();
  await server.storage.writeTransaction(async (tx) => {
    for (const { refusal, count, windowStart } of rows) {
      await appendAudit(tx, now, {
        event: refusal.event,
        actor: refusal.actor ?? null,
        subject: refusal.subject ?? null,
        detail: {
          ...refusal.detail,
          clientAddress: refusal.clientAddress,
          count,
          ...(count > 1 && { since: new Date(windowStart).toISOString() }),
        },
      });
    }
  });
}

/** Writes the repeats counted so far (one row per kind with its count) and starts afresh. */
export async function flushRefusals(server: ServerContext): Promise<void> {
  const state = states.get(server);
  if (!state) return;
  const pending = [...state.kinds.values()]
    .filter((kind) => kind.repeats > 0)
    .map((kind) => ({
      refusal: kind.refusal,
      count: kind.repeats,
      windowStart: state.windowStart,
    }));
  state.kinds = new Map();
  state.perAddress = new Map();
  state.windowStart = server.clock().getTime();
  await writeRows(server, pending);
}

/**
 * Audits an anonymous refusal, aggregated: the first of its kind in the window is written at
 * once, repeats only as a count at the end of the window.
 */
export async function tallyRefusal(
  server: ServerContext,
  refusal: AnonymousRefusal,
): Promise<void> {
  const state = stateOf(server);
  const nowMs = server.clock().getTime();
  if (nowMs - state.windowStart >= TALLY_WINDOW_MS) await flushRefusals(server);
  const clean = boundedRefusal(refusal);
  const address = clean.clientAddress;
  const code = String(clean.detail.code ?? '');
  let key = `${clean.event}\u0000${address}\u0000${clean.subject ?? ''}\u0000${code}`;
  const existing = state.kinds.get(key);
  if (existing) {
    existing.repeats += 1;
    return;
  }
  const addressKinds = state.perAddress.get(address) ?? 0;
  if (addressKinds >= KINDS_PER_ADDRESS) {
    clean.subject = '*';
    key = `${clean.event}\u0000${address}\u0000*\u0000${code}`;
  } else if (state.kinds.size >= MAX_KINDS) {
    clean.clientAddress = '*';
    clean.subject = '*';
    key = `${clean.event}\u0000*\u0000*\u0000${code}`;
  }
  const folded = state.kinds.get(key);
  if (folded) {
    folded.repeats += 1;
    return;
  }
  state.kinds.set(key, { refusal: clean, repeats: 0 });
  state.perAddress.set(address, addressKinds + 1);
  await writeRows(server, [{ refusal: clean, count: 1, windowStart: nowMs }]);
}
