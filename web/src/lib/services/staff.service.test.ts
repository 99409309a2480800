import { sessionInfoSchema } from '@comptoir/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarnessClient, type HarnessClient } from '$lib/server/testing/http-harness';
import { createTestServer, type TestServer } from '$lib/server/testing/test-server';
import { session } from '$lib/session/session.svelte';
import { readAudit, setLicenceCaps, setLicenceSuspended, voidDocument } from './staff.service';

/*
 * The authority staff's screens' calls against the real server (SQLite, real hook and
 * routes, in process), re-authentication included.
 */

const ORIGIN = 'http://127.0.0.1:3000';
let server: TestServer;
let http: HarnessClient;
const network = { calls: 0 };
const noFilter = { licence: '', actor: '', subject: '', event: '', from: '', to: '' };

beforeAll(async () => {
  server = await createTestServer('sqlite');
  http = createHarnessClient(server);
  const login = await http.login('demo-staff');
  session.info = sessionInfoSchema.parse(await login.json());
  session.licence = undefined;
  vi.stubGlobal('navigator', { onLine: true });
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
  network.calls = 0;
});

describe('staff actions', () => {
  it('suspends a licence at once, then asks for a fresh re-authentication to reinstate it', async () => {
    const suspended = await setLicenceSuspended('l-100002', true, 'Transits en série suspects');
    expect(suspended).toEqual({
      ok: true,
      value: { number: 'L-100002', isSuspended: true, transitCap: null, plateCap: null },
    });

    server.clock.advance(6 * 60_000);
    const stale = await setLicenceSuspended('L-100002', false, 'Vérification faite');
    expect(stale).toMatchObject({ ok: false, error: { code: 'reauthentication_required' } });

    const reauth = await http.request('POST', '/api/auth/reauthenticate', {
      json: { password: 'demo-password' },
      headers: { origin: ORIGIN },
    });
    expect(reauth.status).toBe(200);
    const reinstated = await setLicenceSuspended('L-100002', false, 'Vérification faite');
    expect(reinstated).toMatchObject({ ok: true, value: { isSuspended: false } });
  });

  it('sets caps, a blank one going back to the default', async () => {
    const caps = await setLicenceCaps('L-100001', { transitCap: '5', plateCap: ' ', reason: '' });
    expect(caps).toMatchObject({ ok: true, value: { transitCap: 5, plateCap: null } });
  });

  it('names a mistyped field without calling the server', async () => {
    const caps = await setLicenceCaps('L-100001', { transitCap: 'cinq', plateCap: '', reason: '' });
    expect(!caps.ok && caps.error.fields.map((field) => field.path)).toEqual(['transitCap']);
    const audit = await readAudit({ ...noFilter, from: '2026-03-10', to: '2026-03-01' });
    expect(!audit.ok && audit.error.fields.map((field) => field.path)).toContain('from');
    expect(network.calls).toBe(0);
  });

  it('reads the audit log of one licence, newest first', async () => {
    const page = await readAudit({ ...noFilter, licence: 'L-100002' });
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.items.length).toBeGreaterThan(0);
    expect(page.value.items.every((entry) => entry.licence === 'L-100002')).toBe(true);
    const ids = page.value.items.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('says plainly when a document to void does not exist', async () => {
    const voided = await voidDocument('T-1999-000001', 'Erreur de saisie');
    expect(voided).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
