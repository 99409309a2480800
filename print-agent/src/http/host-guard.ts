import { hostname, networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { apiError } from '@comptoir/shared';

/** Names every agent answers to: a request from the box itself. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** Lower case, no IPv6 brackets, no trailing dot: how two spellings of one host compare. */
function normalizeHost(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** True for a bind address that is every interface rather than a name kiosks use. */
function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * The names and addresses this machine answers to: its host name (and its mDNS `.local`
 * name) and every address of its interfaces. A kiosk may reach the agent by any of them.
 */
export function machineHostNames(): string[] {
  const name = hostname();
  const addresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address] : []));
  return [name, `${name}.local`, ...addresses];
}

/**
 * Refuses (421) a request whose `Host` is not one of the agent's own names or addresses, before
 * anything else runs, `/health` included. A DNS-rebinding page reaches the agent's address under
 * the attacker's name: the browser then treats the agent as same-origin with the attacker and
 * lets the page read every answer; the `Host` it sends still names the attacker.
 *
 * The loopback names are always allowed; `allowed` adds the bind address, the site file's
 * `publicHost` and `altNames`, the machine's names and `AGENT_ALLOWED_HOSTS`.
 *
 * @example app.use(allowedHostsOnly(['agent.concession.lan', '192.168.1.20']))
 */
export function allowedHostsOnly(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(
    [...LOOPBACK_NAMES, ...allowed].filter((name) => !isWildcard(name)).map(normalizeHost),
  );
  return async (c, next) => {
    // The URL's host is the request's `Host` header (@hono/node-server builds it from it).
    const host = normalizeHost(new URL(c.req.url).hostname);
    if (!names.has(host)) return c.json(apiError('host_not_allowed'), 421);
    return next();
  };
}
