/**
 * Which address of the print agent a page may call. An HTTPS page may not call `http://` at
 * all in Safari (mixed content, and WebKit has no Local Network Access permission to lift
 * it), nor in Chromium without that permission: from an HTTPS page the kiosk always calls the
 * agent's HTTPS address (the agent serves it with the site CA's certificate, `agent.tls`).
 * A loopback agent (the kiosk's own machine, never an iPad) is the one exception: browsers
 * treat `127.0.0.1`, `localhost` and `[::1]` as trustworthy over plain HTTP, and such an agent
 * may serve HTTP only (docs/printing.md, "Reaching the agent from Safari").
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `url` names the kiosk's own machine. */
export function isLoopbackAgent(url: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/**
 * The agent address to call from a page served over `pageProtocol` (`location.protocol`):
 * `http://agent.lan:9631` becomes `https://agent.lan:9631` from an HTTPS page; anything else
 * is returned as given.
 *
 * @example agentUrlForPage('http://192.168.1.20:9631', 'https:') // 'https://192.168.1.20:9631'
 */
export function agentUrlForPage(url: string, pageProtocol: string | undefined): string {
  const parsed = new URL(url);
  if (pageProtocol !== 'https:' || parsed.protocol !== 'http:' || isLoopbackAgent(url)) return url;
  parsed.protocol = 'https:';
  // URL keeps an explicit port through the change of scheme (9631 is no scheme's default).
  return parsed.href.replace(/\/$/, '');
}
