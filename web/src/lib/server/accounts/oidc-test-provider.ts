import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

/** A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1, for tests only. */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
  /** A browser with its own cookies at the provider. */
  browser(): ProviderBrowser;
}

/** One browser at the provider. */
export interface ProviderBrowser {
  /**
   * Plays the person at the provider: follows its redirects and submits its forms (login as
   * `login`, consent), until it sends the browser back to `appOrigin`; answers that URL.
   */
  signIn(authorizationUrl: string, login: string, appOrigin: string): Promise<URL>;
}

/** Starts the provider with one confidential client whose callback is `redirectUri`. */
export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  // Listen first: the issuer URL names the port.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const issuer = `http://127.0.0.1:${String(address.port)}`;
  const clientId = 'comptoir-test';
  const clientSecret = 'a-client-secret-for-tests-only';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    cookies: { keys: ['cookie-key-for-tests-only'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  });
  // The dev interactions warn loudly on each start: expected in a test provider.
  provider.on('server_error', (_ctx, error) => console.error('test provider error', error));
  const callback = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void callback(request, response);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    browser: () => createBrowser(),
  };
}

function createBrowser(): ProviderBrowser {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const keepCookies = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', ...value] = pair.split('=');
      jar.set(name.trim(), value.join('='));
    }
  };

  return {
    async signIn(authorizationUrl, login, appOrigin) {
      let url = new URL(authorizationUrl);
      let init: RequestInit = {};
      for (let step = 0; step < 20; step += 1) {
        const response = await fetch(url, {
          ...init,
          redirect: 'manual',
          headers: { ...(init.headers ?? {}), cookie: cookieHeader() },
        });
        keepCookies(response);
        init = {};
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          url = new URL(location, url);
          if (url.origin === appOrigin) return url;
          continue;
        }
        const html = await response.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        if (!action) throw new Error(`provider page without a form: ${html.slice(0, 2000)}`);
        // Submit the form as a person would: its hidden fields, plus a login where it asks one
        // (other forms: consent, or ending the provider session of someone else first).
        const fields = new URLSearchParams();
        for (const [, name = '', value = ''] of html.matchAll(
          /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
        )) {
          fields.set(name, value);
        }
        if (fields.get('prompt') === 'login') {
          fields.set('login', login);
          fields.set('password', 'any');
        }
        url = new URL(action, url);
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: fields.toString(),
        };
      }
      throw new Error('the provider never sent the browser back');
    },
  };
}
