import type { RequestEvent } from '@sveltejs/kit';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { createRequestLog, REQUEST_ID_HEADER } from './request-log.js';

/** A logger whose lines land in an array. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(sink), lines };
}

function eventFor(url: string, routeId: string | null, headers: Record<string, string> = {}) {
  return {
    request: new Request(url, { headers }),
    route: { id: routeId },
    url: new URL(url),
  } as unknown as RequestEvent;
}

describe('the request log', () => {
  it('writes one JSON line with method, route pattern, status, duration and request id', async () => {
    const { log, lines } = capturedLogger();
    const handle = createRequestLog(log);
    const response = await handle({
      event: eventFor(
        'http://x/api/history/1HGCM82633A004352?licence=L-100001',
        '/api/history/[vin]',
        {
          cookie: 'comptoir_session=secret-session-token',
        },
      ),
      resolve: async () => new Response('{}', { status: 200 }),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 30,
      service: 'web',
      msg: 'request',
      method: 'GET',
      route: '/api/history/[vin]',
      status: 200,
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(line?.requestId).toBe(response.headers.get(REQUEST_ID_HEADER));
    // The asked-for path, its query and the cookie never reach the log.
    const text = JSON.stringify(lines);
    for (const secret of ['1HGCM82633A004352', 'L-100001', 'secret-session-token'])
      expect(text).not.toContain(secret);
  });

  it('keeps a proxy’s UUID request id, and makes its own for anything else', async () => {
    const { log, lines } = capturedLogger();
    const handle = createRequestLog(log);
    const given = '0b9d1c2e-8f4a-4c3b-9a1d-2e3f4a5b6c7d';
    for (const id of [given, 'Nadia Morin M567890123456'])
      await handle({
        event: eventFor('http://x/api/openapi.json', '/api/openapi.json', {
          [REQUEST_ID_HEADER]: id,
        }),
        resolve: async () => new Response('{}'),
      });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]?.requestId).toBe(given);
    expect(lines[1]?.requestId).not.toContain('Nadia');
  });

  it('keeps a healthy health probe out of the info log, and logs a failing one', async () => {
    const { log, lines } = capturedLogger();
    const handle = createRequestLog(log);
    for (const status of [200, 503]) {
      await handle({
        event: eventFor('http://x/api/health', '/api/health'),
        resolve: async () => new Response('{}', { status }),
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => line.status)).toEqual([503]);
  });

  it('logs a route that throws as 500 with the error kind, not its details', async () => {
    const { log, lines } = capturedLogger();
    const handle = createRequestLog(log);
    const failure = Object.assign(new Error('duplicate key'), {
      code: '23505',
      detail: 'Key (licence)=(L-100001) already exists.',
    });
    await expect(
      handle({
        event: eventFor('http://x/api/commands', null),
        resolve: async () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ level: 50, status: 500, route: 'unmatched' });
    expect(lines[0]?.err).toMatchObject({ type: 'Error', code: '23505', message: 'duplicate key' });
    expect(JSON.stringify(lines)).not.toContain('L-100001');
  });
});
