import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// The built server's entry narrows where the kiosk's scripts may connect
// (web/server/agent-origins.js, plain JavaScript run before SvelteKit).
const ENTRY_MODULE = new URL('../../../../server/agent-origins.js', import.meta.url).href;

const moduleSchema = z.object({
  agentOrigins: z.function({ input: [z.string().optional()], output: z.array(z.string()) }),
  narrowingPolicy: z.function({ input: [z.array(z.string())], output: z.string() }),
  keepPolicy: z.function({ input: [z.custom<ServerResponse>(), z.string()], output: z.void() }),
});

async function load() {
  const loaded: unknown = await import(/* @vite-ignore */ ENTRY_MODULE);
  return moduleSchema.parse(loaded);
}

describe('the agents the kiosk may connect to', () => {
  it('allows the kiosk’s own loopback agent when none is configured, never any https: host', async () => {
    const { agentOrigins, narrowingPolicy } = await load();
    const policy = narrowingPolicy(agentOrigins(undefined));
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:*");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/\shttps:(\s|;|$)/);
  });

  it('takes the configured origins, space- or comma-separated', async () => {
    const { agentOrigins } = await load();
    expect(agentOrigins('https://agent.garage.lan:9631, http://10.0.0.7:9631/')).toEqual([
      'https://agent.garage.lan:9631',
      'http://10.0.0.7:9631',
    ]);
  });

  it.each([
    'agent.garage.lan',
    'https://agent.garage.lan/jobs',
    'https://*.garage.lan',
    'ftp://agent.garage.lan',
    "https://agent.garage.lan'; script-src *",
    'https:',
  ])('refuses %j, saying which setting', async (raw) => {
    const { agentOrigins } = await load();
    expect(() => agentOrigins(raw)).toThrow(/COMPTOIR_AGENT_ORIGINS/);
  });

  it('keeps its policy beside one the app sets later, as a second header', async () => {
    const { keepPolicy } = await load();
    const server = createServer((_request: IncomingMessage, response: ServerResponse) => {
      keepPolicy(response, "connect-src 'self'");
      // As SvelteKit does on a rendered page: its own policy, set by name.
      response.setHeader('content-security-policy', "script-src 'self'");
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`);
      expect(answer.headers.get('content-security-policy')).toBe(
        "connect-src 'self', script-src 'self'",
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
