import { randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  plateOrderSchema,
  s10CheckDigit,
  signSupplierEvent,
  supplierSignatureHeaders,
  SUPPLIER_SIGNATURE_TOLERANCE_SECONDS,
  type PlateEvent,
  type PlateOrder,
} from '@comptoir/shared';
import type { SupplierTimings } from '../outbox/outbox-settings.js';

/*
 * A stand-in plate supplier, as the file printer stands in for a printer: it speaks the
 * supplier's contract (docs/plates-by-mail.md), refuses the undeliverable address (postal
 * code H0H 0H0), and moves each accepted order along on a clock (made, shipped with a
 * tracking number, delivered), reporting each step to Comptoir's signed webhook. `npm start`
 * runs it inside the web process; tests run it as a separate process (`main.ts`).
 */

/** Postal codes the stand-in cannot deliver to (Canada Post's North Pole). */
const UNDELIVERABLE_POSTAL_CODES = new Set(['H0H 0H0']);

type Stage = 'accepted' | 'made' | 'shipped' | 'delivered' | 'cancelled' | 'refused';

/** An order as the supplier keeps it. */
export interface SupplierOrder {
  order: PlateOrder;
  stage: Stage;
  acceptedAt: number;
  trackingNumber: string | null;
  /** Events made and not yet acknowledged by Comptoir, oldest first. */
  outbox: PlateEvent[];
  /** How many times this order was received (idempotency is by id: one plate). */
  receipts: number;
}

/** The stand-in's settings. */
export interface EmbeddedSupplierOptions {
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Comptoir's webhook: `<origin>/api/plate-supplier/events`. */
  webhookUrl: string;
  secret: string;
  timings: SupplierTimings;
  /** Where it keeps its orders across its own restarts (optional). */
  stateFile?: string;
  tickMs?: number;
}

/** A running stand-in supplier. */
export interface EmbeddedSupplier {
  url: string;
  orders(): SupplierOrder[];
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 100_000) request.destroy();
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** A Canada Post-style (UPU S10) tracking number from a serial. */
function trackingNumberOf(serial: number): string {
  const digits = String(serial % 100_000_000).padStart(8, '0');
  return `RR${digits}${String(s10CheckDigit(digits))}CA`;
}

/** Starts the stand-in supplier. */
export async function startEmbeddedSupplier(
  options: EmbeddedSupplierOptions,
): Promise<EmbeddedSupplier> {
  const orders = new Map<string, SupplierOrder>();
  if (options.stateFile && existsSync(options.stateFile)) {
    const saved = JSON.parse(readFileSync(options.stateFile, 'utf8')) as SupplierOrder[];
    for (const entry of saved) orders.set(entry.order.orderId, entry);
  }
  let nextSerial = 10_000_000 + orders.size;
  const save = () => {
    if (options.stateFile) writeFileSync(options.stateFile, JSON.stringify([...orders.values()]));
  };

  async function isSigned(request: IncomingMessage, body: string): Promise<boolean> {
    const timestamp = Number(request.headers[supplierSignatureHeaders.timestamp]);
    const signature = request.headers[supplierSignatureHeaders.signature];
    if (!Number.isInteger(timestamp) || typeof signature !== 'string') return false;
    if (Math.abs(Date.now() / 1000 - timestamp) > SUPPLIER_SIGNATURE_TOLERANCE_SECONDS)
      return false;
    const expected = Buffer.from(await signSupplierEvent(options.secret, timestamp, body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://supplier');
    if (request.method === 'GET' && url.pathname === '/orders') {
      answer(response, 200, { orders: [...orders.values()] });
      return;
    }
    const orderPath = /^\/orders\/([0-9a-f-]{36})(\/cancel)?$/.exec(url.pathname);
    const body = await readBody(request);
    if (!orderPath?.[1]) return answer(response, 404, { error: 'not_found' });
    if (!(await isSigned(request, body))) return answer(response, 401, { error: 'unsigned' });
    const orderId = orderPath[1];
    const known = orders.get(orderId);
    if (request.method === 'PUT' && !orderPath[2]) {
      if (known) {
        known.receipts += 1;
        save();
        return known.stage === 'refused'
          ? answer(response, 422, { orderId, status: 'refused', reason: 'address_undeliverable' })
          : answer(response, 200, { orderId, status: 'accepted' });
      }
      const parsed = plateOrderSchema.safeParse(JSON.parse(body));
      if (!parsed.success || parsed.data.orderId !== orderId) {
        return answer(response, 422, { orderId, status: 'refused', reason: 'order_invalid' });
      }
      const isUndeliverable = UNDELIVERABLE_POSTAL_CODES.has(
        parsed.data.recipient.address.postalCode,
      );
      orders.set(orderId, {
        order: parsed.data,
        stage: isUndeliverable ? 'refused' : 'accepted',
        acceptedAt: Date.now(),
        trackingNumber: null,
        outbox: [],
        receipts: 1,
      });
      save();
      return isUndeliverable
        ? answer(response, 422, { orderId, status: 'refused', reason: 'address_undeliverable' })
        : answer(response, 202, { orderId, status: 'accepted' });
    }
    if (request.method === 'POST' && orderPath[2]) {
      if (!known) return answer(response, 404, { error: 'unknown_order' });
      if (known.stage === 'accepted' || known.stage === 'cancelled' || known.stage === 'refused') {
        known.stage = 'cancelled';
        save();
        return answer(response, 200, { orderId, status: 'cancelled' });
      }
      return answer(response, 409, { orderId, status: 'already_made' });
    }
    return answer(response, 405, { error: 'method_not_allowed' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 500, { error: 'internal' }));
  });

  /** Moves orders along the clock and reports each step (retried until Comptoir has it). */
  let isTicking = false;
  async function tick() {
    if (isTicking) return;
    isTicking = true;
    try {
      const now = Date.now();
      for (const entry of orders.values()) {
        const elapsed = now - entry.acceptedAt;
        const event = (type: PlateEvent['type']): PlateEvent =>
          type === 'shipped'
            ? {
                eventId: randomUUID(),
                orderId: entry.order.orderId,
                type,
                at: new Date().toISOString(),
                trackingNumber: entry.trackingNumber ?? '',
              }
            : {
                eventId: randomUUID(),
                orderId: entry.order.orderId,
                type,
                at: new Date().toISOString(),
              };
        if (entry.stage === 'accepted' && elapsed >= options.timings.madeMs) {
          entry.stage = 'made';
          entry.outbox.push(event('made'));
        }
        if (entry.stage === 'made' && elapsed >= options.timings.shippedMs) {
          entry.stage = 'shipped';
          entry.trackingNumber = trackingNumberOf(nextSerial++);
          entry.outbox.push(event('shipped'));
        }
        if (entry.stage === 'shipped' && elapsed >= options.timings.deliveredMs) {
          entry.stage = 'delivered';
          entry.outbox.push(event('delivered'));
        }
        while (entry.outbox[0]) {
          if (!(await deliver(entry.outbox[0]))) break;
          entry.outbox.shift();
        }
      }
      save();
    } finally {
      isTicking = false;
    }
  }

  /** True when Comptoir took the event (or already had it: a replay answer). */
  async function deliver(event: PlateEvent): Promise<boolean> {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(options.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [supplierSignatureHeaders.timestamp]: String(timestamp),
          [supplierSignatureHeaders.signature]: await signSupplierEvent(
            options.secret,
            timestamp,
            body,
          ),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      return response.ok || response.status === 409;
    } catch {
      return false;
    }
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? 250);
  timer.unref();
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${String(port)}`,
    orders: () => [...orders.values()],
    async stop() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
