import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { createHandle } from '../http/handle.js';
import { recordRoute } from '../http/route-record.js';
import type { TestServer } from './test-server.js';

type RouteModule = Record<string, unknown>;

/** One `+server.ts` endpoint, as SvelteKit would match it. */
export interface HarnessRoute {
  /** The route id, e.g. `/api/transit/[number]` (groups removed). */
  id: string;
  pattern: RegExp;
  params: string[];
  load: () => Promise<RouteModule>;
}

/** Every endpoint module of the app, found on disk: a new route is served (and listed) at once. */
const modules = import.meta.glob<RouteModule>([
  '../../../routes/**/+server.ts',
  // Globs skip dot folders unless named.
  '../../../routes/.well-known/**/+server.ts',
]);

/** Segment rank for ordering: static before `[param]` before `[...rest]`, as SvelteKit does. */
function rankOf(segment: string): number {
  if (segment.startsWith('[...')) return 2;
  return segment.startsWith('[') ? 1 : 0;
}

function routeOf(file: string, load: () => Promise<RouteModule>): HarnessRoute {
  const id =
    file
      .replace(/^.*\/routes/, '')
      .replace(/\/\+server\.ts$/, '')
      .split('/')
      .filter((segment) => !/^\(.+\)$/.test(segment))
      .join('/') || '/';
  const params: string[] = [];
  const source = id
    .split('/')
    .map((segment) => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (rest?.[1]) {
        params.push(rest[1]);
        return '(.*)';
      }
      const param = /^\[(\w+)\]$/.exec(segment);
      if (param?.[1]) {
        params.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { id, pattern: new RegExp(`^${source}$`), params, load };
}

function compareRoutes(a: HarnessRoute, b: HarnessRoute): number {
  const left = a.id.split('/');
  const right = b.id.split('/');
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const l = left[index];
    const r = right[index];
    if (l === undefined || r === undefined) return l === undefined ? -1 : 1;
    const byRank = rankOf(l) - rankOf(r);
    if (byRank !== 0) return byRank;
  }
  return a.id.localeCompare(b.id);
}

/** The app's endpoints, most specific first (the order SvelteKit matches them in). */
export const harnessRoutes: readonly HarnessRoute[] = Object.entries(modules)
  .map(([file, load]) => routeOf(file, load))
  .sort(compareRoutes);

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
    options?: {
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
      /** The client address the server sees (default 127.0.0.1). */
      clientAddress?: string;
    },
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
        // A test may send another type or a lying length (the hook's refusals).
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
        if (!headers.has('content-length'))
          headers.set('content-length', String(Buffer.byteLength(body)));
      }
      const request = new Request(url, { method, headers, ...(body !== undefined && { body }) });
      const cookies = createCookies(jar, request);
      const match = harnessRoutes
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
        getClientAddress: () => options.clientAddress ?? '127.0.0.1',
        setHeaders: () => undefined,
        route: { id: match?.route.id ?? null },
        platform: undefined,
        isDataRequest: false,
        isSubRequest: false,
        isRemoteRequest: false,
        fetch,
      };
      const response = await handle({
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
      recordRoute(method, match?.route.id ?? null, response.status);
      return response;
    },
    login(username, password = 'demo-password') {
      return client.request('POST', '/api/auth/login', { json: { username, password } });
    },
  };
  return client;
}
