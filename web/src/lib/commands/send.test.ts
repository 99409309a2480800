import 'fake-indexeddb/auto';
import { pushResponseSchema, sessionInfoSchema } from '@comptoir/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDocument } from '$lib/offline/documents';
import { kioskDb } from '$lib/offline/kiosk-db';
import { DEMO_VEHICLES } from '$lib/server/demo/demo-seed';
import { freshVins, holdCommand } from '$lib/server/commands/registration/registration-testing';
import { createHarnessClient, type HarnessClient } from '$lib/server/testing/http-harness';
import { createTestServer, type TestServer } from '$lib/server/testing/test-server';
import { session } from '$lib/session/session.svelte';
import { directCommandIntent, sendDirectCommand } from './send';
import {
  checkDriverLicence,
  checkRightToRegister,
  fetchHistory,
  fetchRegistration,
} from '$lib/services/registry-queries.service';

/*
 * The kiosk's online-only calls against the real server (SQLite, real hook and routes, in
 * process): the browser's fetch is the harness, `navigator.onLine` is the switch.
 */

const ORIGIN = 'http://127.0.0.1:3000';
let server: TestServer;
let http: HarnessClient;
const network = { onLine: true, calls: 0 };
// One vehicle per registration: a later transaction on the same vehicle blocks cancelling.
const vins = freshVins('K', 10);

beforeAll(async () => {
  server = await createTestServer('sqlite');
  http = createHarnessClient(server);
  const login = await http.login('demo-agree');
  session.info = sessionInfoSchema.parse(await login.json());
  session.licence = 'L-100001';
  vi.stubGlobal('navigator', {
    get onLine() {
      return network.onLine;
    },
  });
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    network.calls += 1;
    return http.request(init.method ?? 'GET', input, {
      headers: { origin: ORIGIN },
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
    });
  });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await server.dispose();
});

beforeEach(() => {
  network.onLine = true;
  network.calls = 0;
});

async function holdRegistration(buyerLicence = 'T123456789012'): Promise<string> {
  const accountId = session.info?.account.id ?? '';
  const vin = vins.shift() ?? '';
  const command = holdCommand({
    accountId,
    vehicle: {
      vin,
      make: 'Honda',
      model: 'Civic',
      year: 2019,
      type: 'automobile',
      netMassKg: 1300,
      condition: 'used',
      odometerKm: 42_000,
    },
    buyers: [
      {
        kind: 'person',
        firstName: 'Marie',
        lastName: 'Tremblay',
        driverLicence: buyerLicence,
        address: {
          line1: '12 rue Principale',
          city: 'Saint-Jérôme',
          province: 'QC',
          postalCode: 'J7Z 1X1',
          country: 'CA',
        },
      },
    ],
  });
  const response = await http.request('POST', '/api/sync/push', {
    json: { ops: [command] },
    headers: { origin: ORIGIN },
  });
  const [result] = pushResponseSchema.parse(await response.json()).results;
  const number = result?.result?.transaction;
  if (!number || typeof number !== 'object' || !('number' in number)) {
    throw new Error(`hold not applied: ${JSON.stringify(result)}`);
  }
  return String(number.number);
}

describe('sendDirectCommand', () => {
  it('confirms a registration once, even when the same intent is sent twice', async () => {
    const number = await holdRegistration();
    const intent = directCommandIntent('registration.confirm', { registrationNumber: number });

    const first = await sendDirectCommand(intent);
    expect(first).toMatchObject({ ok: true, isFinal: true });
    if (!first.ok) return;
    expect(first.value.transaction).toMatchObject({ number, status: 'confirmed' });
    expect(first.value.documents.map((document) => document.kind).sort()).toEqual([
      'proof_of_service',
      'provisional_plate',
      'registration_certificate',
    ]);

    // A lost answer resent: the server answers the stored result, nothing is issued twice.
    const again = await sendDirectCommand(intent);
    expect(again).toEqual(first);

    const view = await fetchRegistration(number);
    expect(view.ok && view.value.status).toBe('confirmed');
    expect(view.ok && view.value.documents).toHaveLength(3);
    // Kept on the kiosk with its signature: printable, and reprintable offline.
    const plate = first.value.documents.find((document) => document.kind === 'provisional_plate');
    const stored = await getDocument(kioskDb(), plate?.number ?? '');
    expect(stored?.jws).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('offline, says the action needs a connection and sends nothing', async () => {
    network.onLine = false;
    const intent = directCommandIntent('registration.confirm', { registrationNumber: 'R-1' });
    const outcome = await sendDirectCommand(intent);
    expect(outcome).toMatchObject({ ok: false, isFinal: false, error: { code: 'online_only' } });
    expect(network.calls).toBe(0);
  });

  it('names the bad field before any round trip', async () => {
    const intent = directCommandIntent('registration.cancel', {
      registrationNumber: 'R-1',
      reasonCode: 'because',
    });
    const outcome = await sendDirectCommand(intent);
    expect(outcome.ok).toBe(false);
    expect(outcome.isFinal).toBe(true);
    expect(!outcome.ok && outcome.error.fields.map((field) => field.path)).toEqual(['reasonCode']);
    expect(network.calls).toBe(0);
  });

  it('answers a refusal with its reason and field, final (a new intent is needed)', async () => {
    // Held while allowed (a blocked buyer is refused at hold); the registry blocks him since.
    const number = await holdRegistration('G234567890123');
    await server.ctx.storage.db
      .updateTable('registry_people')
      .set({ is_registration_blocked: 1 })
      .where('driver_licence', '=', 'G234567890123')
      .execute();
    const outcome = await sendDirectCommand(
      directCommandIntent('registration.confirm', { registrationNumber: number }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      isFinal: true,
      error: { code: 'right_to_register_blocked' },
    });
    expect(!outcome.ok && outcome.error.fields.map((field) => field.path)).toEqual([
      'request.buyers.0.driverLicence',
    ]);
    const view = await fetchRegistration(number);
    expect(view.ok && view.value.status).toBe('on_hold');
  });

  it('cancels a confirmed registration the same day, with its proof', async () => {
    const number = await holdRegistration();
    const confirmed = await sendDirectCommand(
      directCommandIntent('registration.confirm', { registrationNumber: number }),
    );
    expect(confirmed.ok).toBe(true);
    const cancelled = await sendDirectCommand(
      directCommandIntent('registration.cancel', {
        registrationNumber: number,
        reasonCode: 'sale_cancelled',
        reasonText: 'Vente annulée par le client',
      }),
    );
    expect(cancelled.ok && cancelled.value.documents.map((document) => document.kind)).toEqual([
      'proof_of_cancellation',
    ]);
    const view = await fetchRegistration(number);
    expect(view.ok && view.value).toMatchObject({
      status: 'cancelled',
      cancelReasonCode: 'sale_cancelled',
    });
  });
});

describe('registry queries', () => {
  it('checks a licence and a right to register, parsed by the shared schemas', async () => {
    expect(await checkDriverLicence('R345678901234')).toEqual({
      ok: true,
      value: { valid: false, category: 'suspended' },
    });
    expect(await checkRightToRegister({ driverLicence: 'B567890123456' })).toEqual({
      ok: true,
      value: { allowed: false },
    });
    expect(await checkRightToRegister({ neq: '1160000001' })).toMatchObject({ ok: true });
  });

  it('names the mistyped field without calling the server', async () => {
    const result = await checkRightToRegister({ neq: '12' });
    expect(!result.ok && result.error.fields.map((field) => field.path)).toEqual(['neq']);
    expect(network.calls).toBe(0);
  });

  it('reads an ownership history by VIN, without owners', async () => {
    const result = await fetchHistory(DEMO_VEHICLES[1].vin.toLowerCase());
    expect(result.ok && result.value).toMatchObject({ vin: DEMO_VEHICLES[1].vin, ownerCount: 1 });
    expect(JSON.stringify(result)).not.toContain('Tremblay');
  });

  it('offline, a check says it needs a connection', async () => {
    network.onLine = false;
    expect(await checkDriverLicence('T123456789012')).toMatchObject({
      ok: false,
      error: { code: 'online_only' },
    });
  });
});
