import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { createHandle } from '../http/handle.js';
import type { TestServer } from './test-server.js';

type RouteModule = Record<string, unknown>;

/** The API routes, as SvelteKit would match them (specific before the catch-all). */
const routes: { pattern: RegExp; params: string[]; load: () => Promise<RouteModule> }[] = [
  {
    pattern: /^\/api\/health$/,
    params: [],
    load: () => import('../../../routes/api/health/+server.js'),
  },
  {
    pattern: /^\/api\/auth\/login$/,
    params: [],
    load: () => import('../../../routes/api/auth/login/+server.js'),
  },
  {
    pattern: /^\/api\/auth\/logout$/,
    params: [],
    load: () => import('../../../routes/api/auth/logout/+server.js'),
  },
  {
    pattern: /^\/api\/auth\/session$/,
    params: [],
    load: () => import('../../../routes/api/auth/session/+server.js'),
  },
  {
    pattern: /^\/api\/sync\/push$/,
    params: [],
    load: () => import('../../../routes/api/sync/push/+server.js'),
  },
  {
    pattern: /^\/api\/sync\/pull$/,
    params: [],
    load: () => import('../../../routes/api/sync/pull/+server.js'),
  },
  {
    pattern: /^\/api\/documents\/([^/]+)$/,
    params: ['number'],
    load: () => import('../../../routes/api/documents/[number]/+server.js'),
  },
  {
    pattern: /^\/api\/atac$/,
    params: [],
    load: () => import('../../../routes/api/atac/+server.js'),
  },
  {
    pattern: /^\/api\/atac\/([^/]+)$/,
    params: ['number'],
    load: () => import('../../../routes/api/atac/[number]/+server.js'),
  },
  {
    pattern: /^\/api\/transit$/,
    params: [],
    load: () => import('../../../routes/api/transit/+server.js'),
  },
  {
    pattern: /^\/api\/transit\/([^/]+)$/,
    params: ['number'],
    load: () => import('../../../routes/api/transit/[number]/+server.js'),
  },
  {
    pattern: /^\/\.well-known\/jwks\.json$/,
    params: [],
    load: () => import('../../../routes/.well-known/jwks.json/+server.js'),
  },
  {
    pattern: /^\/api\/(.*)$/,
    params: ['rest'],
    load: () => import('../../../routes/api/[...rest]/+server.js'),
  },
];

/** A cookie jar with just what the routes use. */
function createCookies(jar: Map<string, string>, request: Request): Cookies {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name) jar.set(name, value.join('='));
  }
  return {
    get: (name) => jar.get(name),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name, value) => void jar.set(name, value),
    delete: (name) => void jar.delete(name),
    serialize: (name, value) => `${name}=${value}`,
  };
}

/** An HTTP-like client calling the real hook and route handlers in process. */
export interface HarnessClient {
  request(
    method: string,
    path: string,
    options?: { json?: unknown; body?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Signs in (demo password by default) and keeps the session cookie. */
  login(username: string, password?: string): Promise<Response>;
  cookies: Map<string, string>;
}

/**
 * A client of one test server: each request goes through `createHandle` (origin check,
 * session, body size) and then the route module SvelteKit would pick.
 */
export function createHarnessClient(server: TestServer): HarnessClient {
  const jar = new Map<string, string>();
  const handle = createHandle(() => Promise.resolve(server.ctx));
  const client: HarnessClient = {
    cookies: jar,
    async request(method, path, options = {}) {
      const url = new URL(path, 'http://127.0.0.1:3000');
      const headers = new Headers(options.headers);
      const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
      if (body !== undefined) {
        headers.set('content-type', 'application/json');
        headers.set('content-length', String(Buffer.byteLength(body)));
      }
      const request = new Request(url, { method, headers, ...(body !== undefined && { body }) });
      const cookies = createCookies(jar, request);
      const match = routes
        .map((route) => ({ route, groups: route.pattern.exec(url.pathname) }))
        .find((candidate) => candidate.groups !== null);
      const params = Object.fromEntries(
        (match?.route.params ?? []).map((name, index) => [
          name,
          decodeURIComponent(match?.groups?.[index + 1] ?? ''),
        ]),
      );
      const event = {
        request,
        url,
        params,
        locals: {},
        cookies,
        getClientAddress: () => '127.0.0.1',
        setHeaders: () => undefined,
        route: { id: null },
        platform: undefined,
        isDataRequest: false,
        isSubRequest: false,
        isRemoteRequest: false,
        fetch,
      };
      return handle({
        // The harness builds only the RequestEvent fields the hook and routes read.
        event: event as unknown as RequestEvent,
        resolve: async (resolved) => {
          if (!match) return new Response('not found', { status: 404 });
          const module = await match.route.load();
          const handler = module[method] ?? module.fallback;
          if (typeof handler !== 'function') return new Response(null, { status: 405 });
          const response: unknown = await handler(resolved);
          if (!(response instanceof Response)) throw new Error('route returned no Response');
          return response;
        },
      });
    },
    login(username, password = 'demo-password') {
      return client.request('POST', '/api/auth/login', { json: { username, password } });
    },
  };
  return client;
}
