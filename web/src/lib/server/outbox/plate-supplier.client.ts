import {
  plateCancelAnswerSchema,
  plateOrderAnswerSchema,
  signSupplierEvent,
  supplierSignatureHeaders,
  type PlateOrder,
  type PlateOrderRefusalReason,
} from '@comptoir/shared';

/*
 * The one client of the plate supplier's HTTP contract (docs/plates-by-mail.md). Requests are
 * signed like the supplier's webhook (HMAC-SHA256 of `<timestamp>.<body>`), so the supplier
 * knows they come from Comptoir.
 */

/** What became of a send: done, refused for good, or to try again later. */
export type OrderSendOutcome =
  | { kind: 'accepted' }
  | { kind: 'refused'; reason: PlateOrderRefusalReason }
  | { kind: 'retry'; error: string };

/** What became of a cancellation. */
export type CancelSendOutcome =
  { kind: 'cancelled' } | { kind: 'already_made' } | { kind: 'retry'; error: string };

/** A supplier client bound to its base URL and secret. */
export interface PlateSupplierClient {
  order(order: PlateOrder): Promise<OrderSendOutcome>;
  cancel(orderId: string): Promise<CancelSendOutcome>;
}

const TIMEOUT_MS = 10_000;

/** The supplier client; `now` is the wall clock the signatures are timestamped with. */
export function plateSupplierClient(
  baseUrl: string,
  secret: string,
  now: () => Date,
): PlateSupplierClient {
  async function send(method: string, path: string, body: unknown) {
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(now().getTime() / 1000);
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        [supplierSignatureHeaders.timestamp]: String(timestamp),
        [supplierSignatureHeaders.signature]: await signSupplierEvent(secret, timestamp, raw),
      },
      body: raw,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  }
  return {
    async order(order) {
      try {
        const answer = await send('PUT', `/orders/${order.orderId}`, order);
        const parsed = plateOrderAnswerSchema.safeParse(answer.json);
        if (answer.status < 500 && parsed.success && parsed.data.orderId === order.orderId) {
          if (parsed.data.status === 'accepted') return { kind: 'accepted' };
          return { kind: 'refused', reason: parsed.data.reason };
        }
        return {
          kind: 'retry',
          error: `HTTP ${String(answer.status)}: ${answer.text.slice(0, 200)}`,
        };
      } catch (error) {
        return { kind: 'retry', error: String(error) };
      }
    },
    async cancel(orderId) {
      try {
        const answer = await send('POST', `/orders/${orderId}/cancel`, { orderId });
        const parsed = plateCancelAnswerSchema.safeParse(answer.json);
        if (answer.status < 500 && parsed.success && parsed.data.orderId === orderId) {
          return { kind: parsed.data.status };
        }
        // 404: the order has not reached the supplier yet (its send is under way): later.
        return {
          kind: 'retry',
          error: `HTTP ${String(answer.status)}: ${answer.text.slice(0, 200)}`,
        };
      } catch (error) {
        return { kind: 'retry', error: String(error) };
      }
    },
  };
}
