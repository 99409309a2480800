import { mailOutboxEntrySchema, plateOrderSchema } from '@comptoir/shared';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { findPlateOrder, updatePlateOrder } from '../registry/plate-orders.repo.js';
import {
  claimDueOutbox,
  completeOutbox,
  nextOutboxDueAt,
  retryOutboxLater,
  type OutboxRow,
} from '../registry/server-outbox.repo.js';
import { DEFAULT_OUTBOX_IDLE_MS } from './outbox-settings.js';
import { onOutboxQueued } from '../registry/outbox-wake.js';
import type { Mailer } from './mailer.js';
import type { PlateSupplierClient } from './plate-supplier.client.js';

/*
 * Drains the server's outbox (docs/plates-by-mail.md): plate orders and cancellations to the
 * supplier, e-mails to SMTP. Rows are claimed with a lease in a short transaction, sent
 * outside any transaction, and their outcome written in another: a crash in between leaves
 * the row to be sent again once its lease expires, which the supplier's idempotency by order
 * id (and the e-mail's message id) makes harmless.
 */

/** Where the outbox sends. */
export interface OutboxSenders {
  supplier: PlateSupplierClient;
  mailer: Mailer;
}

const LEASE_MS = 60_000;
const FIRST_RETRY_MS = 1000;

/** The wait before attempt `attempts + 1`: doubling from 1 s, capped. */
export function retryDelayMs(attempts: number, maxMs: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempts, 30), maxMs);
}

const cancelPayloadSchema = z.object({ orderId: z.uuid() }).strict();

type Outcome = { done: string } | { retry: string };

async function sendRow(
  server: ServerContext,
  senders: OutboxSenders,
  row: OutboxRow,
): Promise<Outcome> {
  const payload: unknown = JSON.parse(row.payload_json);
  const now = () => server.clock();
  if (row.topic === 'plate.order') {
    const order = plateOrderSchema.parse(payload);
    const outcome = await senders.supplier.order(order);
    if (outcome.kind === 'retry') return { retry: outcome.error };
    await server.storage.writeTransaction(async (tx) => {
      const stored = await findPlateOrder(tx, order.orderId);
      if (!stored) return;
      const at = now().toISOString();
      if (outcome.kind === 'accepted' && stored.state === 'ordered') {
        await updatePlateOrder(tx, stored.id, { state: 'accepted', updated_at: at });
      }
      if (outcome.kind === 'refused') {
        await updatePlateOrder(tx, stored.id, {
          state: 'refused',
          refusal_reason: outcome.reason,
          updated_at: at,
        });
        await appendAudit(tx, now(), {
          event: 'plate_order.refused',
          licence: stored.licence,
          subject: stored.registration_number,
          detail: { orderId: stored.id, reason: outcome.reason },
        });
      }
    });
    return { done: outcome.kind };
  }
  if (row.topic === 'plate.cancel') {
    const { orderId } = cancelPayloadSchema.parse(payload);
    const outcome = await senders.supplier.cancel(orderId);
    if (outcome.kind === 'retry') return { retry: outcome.error };
    await server.storage.writeTransaction(async (tx) => {
      const stored = await findPlateOrder(tx, orderId);
      if (!stored) return;
      const at = now().toISOString();
      const isBeforeMade = stored.state === 'ordered' || stored.state === 'accepted';
      if (isBeforeMade) {
        await updatePlateOrder(tx, orderId, {
          state: outcome.kind === 'cancelled' ? 'cancelled' : 'made',
          updated_at: at,
        });
      }
      await appendAudit(tx, now(), {
        event:
          outcome.kind === 'cancelled' ? 'plate_order.cancelled' : 'plate_order.cancel_too_late',
        licence: stored.licence,
        subject: stored.registration_number,
        detail: { orderId },
      });
    });
    return { done: outcome.kind };
  }
  if (row.topic === 'mail') {
    const entry = mailOutboxEntrySchema.parse(payload);
    try {
      await senders.mailer.send(entry, row.id);
    } catch (error) {
      return { retry: String(error) };
    }
    return { done: 'sent' };
  }
  return { done: 'unknown_topic' };
}

/**
 * Sends what is due now, up to `limit` rows, and answers how many were handled. A row whose
 * payload no longer parses is closed as `invalid` (and logged): retrying cannot fix it.
 */
export async function drainOutbox(
  server: ServerContext,
  senders: OutboxSenders,
  limit = 20,
): Promise<number> {
  const rows = await server.storage.writeTransaction((tx) =>
    claimDueOutbox(tx, server.clock(), LEASE_MS, limit),
  );
  const retryMaxMs = server.config.outbox?.retryMaxMs ?? 300_000;
  for (const row of rows) {
    let outcome: Outcome;
    try {
      outcome = await sendRow(server, senders, row);
    } catch (error) {
      console.error(`comptoir: outbox row ${row.id} (${row.topic}) is invalid`, error);
      outcome = { done: 'invalid' };
    }
    await server.storage.writeTransaction(async (tx) => {
      if ('done' in outcome) {
        await completeOutbox(tx, row.id, outcome.done, server.clock());
        return;
      }
      const attempts = row.attempts + 1;
      await retryOutboxLater(tx, row.id, {
        attempts,
        nextAttemptAt: new Date(server.clock().getTime() + retryDelayMs(row.attempts, retryMaxMs)),
        error: outcome.retry,
      });
    });
  }
  return rows.length;
}

/** A running outbox worker. */
export interface OutboxWorker {
  /** Sends what is due now (tests and the end of a request that queued something). */
  kick(): void;
  stop(): Promise<void>;
}

/** After a row is queued in this process: look then, in ms (its transaction commits first). */
const WAKE_DELAYS_MS = [20, 250, 1500];

/**
 * Sends the outbox's rows when they fall due. Idle, it does not poll the table twice a second
 * (a write transaction each time, taking SQLite's write lock): it reads, outside any
 * transaction, when the next row falls due and sleeps until then, at most `idleMs` (rows
 * another process queued, or a lease another process left, are seen within that); a row
 * queued in this process wakes it at once ({@link onOutboxQueued}). `idleMs` 0 turns the
 * worker off (a benchmark's baseline: nothing is ever sent).
 */
export function startOutboxWorker(
  server: ServerContext,
  senders: OutboxSenders,
  idleMs = server.config.outbox?.idleMs ?? DEFAULT_OUTBOX_IDLE_MS,
): OutboxWorker {
  let running: Promise<void> | undefined;
  let isStopped = idleMs <= 0;
  let timer: NodeJS.Timeout | undefined;
  const wakes = new Set<NodeJS.Timeout>();

  /** Sleeps until `at` (at most `idleMs`), replacing the current sleep. */
  const sleepUntil = (at: Date | undefined) => {
    if (isStopped) return;
    clearTimeout(timer);
    const untilDue = at ? at.getTime() - server.clock().getTime() : idleMs;
    timer = setTimeout(run, Math.max(0, Math.min(idleMs, untilDue)));
    timer.unref();
  };
  const run = () => {
    if (running || isStopped) return;
    running = (async () => {
      let next: Date | undefined;
      try {
        next = await nextOutboxDueAt(server.storage.db);
        while (!isStopped && next && next.getTime() <= server.clock().getTime()) {
          const handled = await drainOutbox(server, senders);
          next = await nextOutboxDueAt(server.storage.db);
          // Due yet not claimable (another process just claimed it): look again in a second
          // rather than spin.
          if (handled === 0 && next && next.getTime() <= server.clock().getTime()) {
            next = new Date(server.clock().getTime() + 1000);
          }
        }
      } catch (error) {
        console.error('comptoir: outbox drain failed', error);
      } finally {
        running = undefined;
        sleepUntil(next);
      }
    })();
  };
  const stopListening = onOutboxQueued(() => {
    if (isStopped) return;
    for (const delay of WAKE_DELAYS_MS) {
      const wake = setTimeout(() => {
        wakes.delete(wake);
        run();
      }, delay);
      wake.unref();
      wakes.add(wake);
    }
  });
  run();
  return {
    kick: run,
    async stop() {
      isStopped = true;
      stopListening();
      clearTimeout(timer);
      for (const wake of wakes) clearTimeout(wake);
      await running;
      senders.mailer.close();
    },
  };
}
