import { sessionInfoSchema } from '@comptoir/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarnessClient, type HarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import {
  startTestProvider,
  type ProviderBrowser,
  type TestProvider,
} from './oidc-test-provider.js';

const APP_ORIGIN = 'http://127.0.0.1:3000';

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider(`${APP_ORIGIN}/api/auth/oidc/callback`);
});
afterAll(async () => {
  await provider.close();
});

const browsers = new Map<HarnessClient, ProviderBrowser>();

/**
 * Starts a flow with `client`, signs in at the provider as `login` (in the same browser: one
 * provider cookie jar per client), answers the callback path.
 */
async function throughProvider(client: HarnessClient, query: string, login: string) {
  const start = await client.request('GET', `/api/auth/oidc/start?${query}`);
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.get('location') ?? '');
  let browser = browsers.get(client);
  if (!browser) {
    browser = provider.browser();
    browsers.set(client, browser);
  }
  const back = await browser.signIn(authorization.href, login, APP_ORIGIN);
  return { authorization, callback: `${back.pathname}${back.search}` };
}

describe.each(ENGINES)('OpenID Connect sign-in on %s', (engine) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('links an identity, signs in with it, re-authenticates with a fresh provider sign-in, refuses strangers and other browsers', async () => {
    server = await createTestServer(engine);
    server.ctx.config.oidc = {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      scopes: 'openid',
      name: 'Test provider',
    };
    const subject = `agree-${engine}`;

    // Link: signed in with the password first.
    const owner = createHarnessClient(server);
    await owner.login('demo-agree');
    const link = await throughProvider(owner, 'purpose=link&returnTo=/reglages', subject);
    expect(link.authorization.searchParams.get('code_challenge_method')).toBe('S256');
    const linked = await owner.request('GET', link.callback);
    expect(linked.status).toBe(303);
    expect(linked.headers.get('location')).toBe('/reglages');

    // Sign in through the provider, in a browser with no session.
    const kiosk = createHarnessClient(server);
    const signIn = await throughProvider(kiosk, 'purpose=signin', subject);
    const signedIn = await kiosk.request('GET', signIn.callback);
    expect(signedIn.headers.get('location')).toBe('/');
    const info = sessionInfoSchema.parse(
      await (await kiosk.request('GET', '/api/auth/session')).json(),
    );
    expect(info).toMatchObject({ authMethod: 'oidc', account: { username: 'demo-agree' } });
    // A code is used once.
    expect((await kiosk.request('GET', signIn.callback)).headers.get('location')).toBe(
      '/connexion?erreur=oidc_failed',
    );

    // Re-authentication: prompt=login and max_age at the provider, then the session is fresh.
    server.clock.advance(10 * 60_000);
    const reauth = await throughProvider(kiosk, 'purpose=reauth&returnTo=/comptes', subject);
    expect(reauth.authorization.searchParams.get('prompt')).toBe('login');
    expect(reauth.authorization.searchParams.get('max_age')).toBe('0');
    expect((await kiosk.request('GET', reauth.callback)).headers.get('location')).toBe('/comptes');
    const after = sessionInfoSchema.parse(
      await (await kiosk.request('GET', '/api/auth/session')).json(),
    );
    expect(after.reauthenticatedAt).toBe(server.clock.now().toISOString());
    // Someone else at the provider cannot re-authenticate this session.
    const other = await throughProvider(kiosk, 'purpose=reauth', `someone-else-${engine}`);
    expect((await kiosk.request('GET', other.callback)).headers.get('location')).toBe(
      '/connexion?erreur=oidc_identity_mismatch',
    );

    // An identity linked to no account signs nobody in.
    const stranger = createHarnessClient(server);
    // Linking or re-authenticating needs a session to attach to.
    for (const purpose of ['link', 'reauth']) {
      const refused = await stranger.request('GET', `/api/auth/oidc/start?purpose=${purpose}`);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'unauthenticated' });
    }
    const unknown = await throughProvider(stranger, 'purpose=signin', `stranger-${engine}`);
    expect((await stranger.request('GET', unknown.callback)).headers.get('location')).toBe(
      '/connexion?erreur=oidc_account_unknown',
    );
    // Login CSRF: a callback started in one browser does nothing in another.
    const attacker = createHarnessClient(server);
    const planted = await throughProvider(attacker, 'purpose=signin', subject);
    const victim = createHarnessClient(server);
    expect((await victim.request('GET', planted.callback)).headers.get('location')).toBe(
      '/connexion?erreur=oidc_failed',
    );
    expect((await victim.request('GET', '/api/auth/session')).status).toBe(401);

    const refusals = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'oidc.refused')
      .execute();
    expect(refusals).toHaveLength(4);
  }, 60_000);
});
