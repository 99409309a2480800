import type { ApiError } from '@comptoir/shared';

/** What the next request should suffer. `lost_answer`: the server applies, the answer is lost. */
export type FakeFault = 'network' | 'lost_answer' | 500 | 401 | 'actor_not_session';

interface StoredResult {
  id: string;
  status: 'applied' | 'rejected';
  result?: unknown;
  error?: ApiError;
}

/**
 * A fast in-memory twin of `POST /api/sync/push` for unit tests: it keeps an idempotency
 * record per command id like the real server (the real one is exercised by the model test
 * and the e2e tests). A command whose vehicle make is `REJECT` is refused.
 */
export class FakePushServer {
  readonly applied = new Map<string, number>();
  readonly requests: { ids: string[] }[] = [];
  readonly faults: FakeFault[] = [];
  private readonly records = new Map<string, StoredResult>();
  private nextNumber = 1;
  signedInAccountId: string | undefined;

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/api/sync/push')) return new Response('{}', { status: 404 });
    const body: unknown = JSON.parse(typeof init?.body === 'string' ? init.body : '{}');
    const ops = readOps(body);
    this.requests.push({ ids: ops.map((op) => op.id) });
    const fault = this.faults.shift();
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault === 500)
      return json(500, { code: 'internal_error', message: { fr: 'x', en: 'x' }, fields: [] });
    if (fault === 401)
      return json(401, { code: 'unauthenticated', message: { fr: 'x', en: 'x' }, fields: [] });
    if (
      fault === 'actor_not_session' ||
      ops.some((op) => op.accountId !== (this.signedInAccountId ?? op.accountId))
    ) {
      return json(403, { code: 'actor_not_session', message: { fr: 'x', en: 'x' }, fields: [] });
    }
    const results = ops.map((op) => this.apply(op));
    if (fault === 'lost_answer') throw new TypeError('Failed to fetch');
    return json(200, { serverTime: new Date().toISOString(), results });
  };

  private apply(op: { id: string; make: string }): StoredResult {
    const stored = this.records.get(op.id);
    if (stored) return stored;
    let result: StoredResult;
    if (op.make === 'REJECT') {
      result = {
        id: op.id,
        status: 'rejected',
        error: {
          code: 'invalid_input',
          message: { fr: 'Certains champs sont invalides.', en: 'Some fields are invalid.' },
          fields: [
            {
              path: 'payload.vehicle.make',
              code: 'invalid_choice',
              message: { fr: 'Marque', en: 'Make' },
            },
          ],
        },
      };
    } else {
      const number = `T-${String(this.nextNumber++).padStart(6, '0')}`;
      this.applied.set(op.id, (this.applied.get(op.id) ?? 0) + 1);
      result = {
        id: op.id,
        status: 'applied',
        result: { documents: [{ kind: 'transit', number }] },
      };
    }
    this.records.set(op.id, result);
    return result;
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function readOps(body: unknown): { id: string; make: string; accountId: string }[] {
  if (typeof body !== 'object' || body === null || !('ops' in body) || !Array.isArray(body.ops))
    return [];
  return body.ops.map((op: unknown) => {
    const record = op !== null && typeof op === 'object' ? op : {};
    const id = 'id' in record && typeof record.id === 'string' ? record.id : '';
    const actor =
      'actor' in record && record.actor !== null && typeof record.actor === 'object'
        ? record.actor
        : {};
    const accountId =
      'accountId' in actor && typeof actor.accountId === 'string' ? actor.accountId : '';
    const payload =
      'payload' in record && record.payload !== null && typeof record.payload === 'object'
        ? record.payload
        : {};
    const vehicle =
      'vehicle' in payload && payload.vehicle !== null && typeof payload.vehicle === 'object'
        ? payload.vehicle
        : {};
    const make = 'make' in vehicle && typeof vehicle.make === 'string' ? vehicle.make : '';
    return { id, make, accountId };
  });
}
