import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentHealth, pairWithAgent } from './agent.client';

// Safari refuses an http:// call from an HTTPS page and has no Local Network Access permission
// to lift that: from an HTTPS page every call goes to the agent's HTTPS address (agent-url.ts).
let sentUrls: string[];

beforeEach(() => {
  sentUrls = [];
  vi.stubGlobal('fetch', async (input: URL) => {
    sentUrls.push(input.toString());
    return Promise.resolve(Response.json({ token: 'cpk_test', status: 'ok' }, { status: 201 }));
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the agent client on an HTTPS page', () => {
  it('pairs and calls over HTTPS even when the stored address says http://', async () => {
    vi.stubGlobal('location', { protocol: 'https:' });
    await pairWithAgent('http://192.168.10.5:9631', '12345678');
    await agentHealth({ url: 'http://192.168.10.5:9631', token: 'cpk_test' }).catch(() => false);
    expect(sentUrls).toEqual([
      'https://192.168.10.5:9631/pair',
      'https://192.168.10.5:9631/health',
    ]);
  });

  it('keeps a loopback agent, and every agent from an HTTP page, as given', async () => {
    vi.stubGlobal('location', { protocol: 'https:' });
    await pairWithAgent('http://127.0.0.1:9631', '12345678');
    vi.stubGlobal('location', { protocol: 'http:' });
    await pairWithAgent('http://192.168.10.5:9631', '12345678');
    expect(sentUrls).toEqual(['http://127.0.0.1:9631/pair', 'http://192.168.10.5:9631/pair']);
  });
});
