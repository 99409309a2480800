import { mailOutboxEntrySchema, plateOrderSchema } from '@comptoir/shared';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { findPlateOrder, updatePlateOrder } from '../registry/plate-orders.repo.js';
import {
  claimDueOutbox,
  completeOutbox,
  retryOutboxLater,
  type OutboxRow,
} from '../registry/server-outbox.repo.js';
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

/** Polls the outbox every `intervalMs` (and at once when kicked); one drain at a time. */
export function startOutboxWorker(
  server: ServerContext,
  senders: OutboxSenders,
  intervalMs = 500,
): OutboxWorker {
  let running: Promise<void> | undefined;
  let isStopped = false;
  const run = () => {
    if (running || isStopped) return;
    running = (async () => {
      try {
        while (!isStopped && (await drainOutbox(server, senders)) > 0) {
          // drain until nothing is due
        }
      } catch (error) {
        console.error('comptoir: outbox drain failed', error);
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    kick: run,
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await running;
      senders.mailer.close();
    },
  };
}
