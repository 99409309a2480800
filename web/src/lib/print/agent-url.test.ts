import { describe, expect, it } from 'vitest';
import { agentUrlForPage, isLoopbackAgent } from './agent-url';

describe('the agent address a page calls', () => {
  it('is the HTTPS address from an HTTPS page (Safari refuses http:// there)', () => {
    expect(agentUrlForPage('http://192.168.10.5:9631', 'https:')).toBe('https://192.168.10.5:9631');
    expect(agentUrlForPage('http://agent.beauce.lan:9631/', 'https:')).toBe(
      'https://agent.beauce.lan:9631',
    );
    expect(agentUrlForPage('http://agent.beauce.lan', 'https:')).toBe('https://agent.beauce.lan');
  });

  it('stays as given from an HTTP page, for an HTTPS address, and for a loopback agent', () => {
    expect(agentUrlForPage('http://192.168.10.5:9631', 'http:')).toBe('http://192.168.10.5:9631');
    expect(agentUrlForPage('https://192.168.10.5:9631', 'https:')).toBe(
      'https://192.168.10.5:9631',
    );
    expect(agentUrlForPage('http://127.0.0.1:9631', 'https:')).toBe('http://127.0.0.1:9631');
    expect(agentUrlForPage('http://localhost:9631', 'https:')).toBe('http://localhost:9631');
    expect(agentUrlForPage('http://[::1]:9631', 'https:')).toBe('http://[::1]:9631');
    expect(agentUrlForPage('http://192.168.10.5:9631', undefined)).toBe('http://192.168.10.5:9631');
  });

  it('knows the loopback names', () => {
    expect(isLoopbackAgent('http://127.0.0.1:9631')).toBe(true);
    expect(isLoopbackAgent('https://agent.lan:9631')).toBe(false);
  });
});
