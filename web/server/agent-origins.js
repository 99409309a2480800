// Where the kiosk's scripts may connect: this server and the site's print agents, nothing else.
//
// The build's policy (svelte.config.js, sent in a <meta> tag on the prerendered kiosk shell and
// as a header on rendered pages) must allow any agent a site may run, so it allows `https:` and
// the kiosk's own loopback. A script injected into the kiosk could then send what it reads to
// any HTTPS host. This second policy, sent on every answer, names the site's agents
// (`COMPTOIR_AGENT_ORIGINS`); a browser enforces every policy it receives, so a connection must
// pass both. The service worker caches the shell with its headers: offline, the policy holds.

/** The agents allowed when none are configured: an agent on the kiosk itself, any port. */
export const LOOPBACK_AGENTS = [
  'http://127.0.0.1:*',
  'http://localhost:*',
  'http://[::1]:*',
  'https://127.0.0.1:*',
  'https://localhost:*',
];

/**
 * The agent origins of `COMPTOIR_AGENT_ORIGINS` (space- or comma-separated
 * `scheme://host[:port]`), or the loopback ones when unset. Throws a readable message on
 * anything else: a path, a wildcard host, another scheme, a quote that would end the policy.
 * @example agentOrigins('https://agent.garage.lan:9631') // ['https://agent.garage.lan:9631']
 * @param {string | undefined} raw
 * @returns {string[]}
 */
export function agentOrigins(raw) {
  const entries = (raw ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.length === 0) return [...LOOPBACK_AGENTS];
  return entries.map((entry) => {
    let url;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`COMPTOIR_AGENT_ORIGINS: "${entry}" is not an origin (https://host:port)`);
    }
    const isOrigin =
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.origin === entry.replace(/\/$/, '') &&
      !url.hostname.includes('*');
    if (!isOrigin) {
      throw new Error(
        `COMPTOIR_AGENT_ORIGINS: "${entry}" is not an origin (https://host:port, no path)`,
      );
    }
    return url.origin;
  });
}

/**
 * The narrowing policy: `connect-src` of this server and the agents. `frame-ancestors` stays
 * in it, so that this one header still forbids framing on answers that carry no other policy.
 * @param {readonly string[]} origins
 */
export function narrowingPolicy(origins) {
  return `frame-ancestors 'none'; connect-src 'self' ${origins.join(' ')}`;
}

/**
 * Makes every answer of `response` carry `policy` beside any policy set later: SvelteKit sets
 * its own `Content-Security-Policy` on rendered pages (replacing a header of the same name), so
 * a later value is sent as a second header rather than in place of this one.
 * @param {import('node:http').ServerResponse} response
 * @param {string} policy
 */
export function keepPolicy(response, policy) {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name, value) => {
    if (String(name).toLowerCase() !== 'content-security-policy') return setHeader(name, value);
    const later = (Array.isArray(value) ? value : [String(value)]).filter((v) => v !== policy);
    return setHeader(name, [policy, ...later]);
  };
  setHeader('content-security-policy', policy);
}
