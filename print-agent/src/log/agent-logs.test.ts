import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestSigner, provisionalPlate } from '../testing/documents.js';
import { FakePrinter } from '../testing/fake-printer.js';
import { ADMIN_SECRET, createTestAgent, eventually, rawPrinter } from '../testing/test-agent.js';
import { createLogger } from './logger.js';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
const printer = await FakePrinter.start();
const signer = await createTestSigner();
const agent = await createTestAgent({
  signer,
  printers: [rawPrinter('front', printer.port)],
  deps: { logger: createLogger(sink) },
});
afterAll(async () => {
  await agent.dispose();
  await printer.close();
});

describe('the agent’s JSON log', () => {
  it('writes one line per request and one per job, without the token, the secret or the document', async () => {
    const jobId = randomUUID();
    const document = provisionalPlate(signer.key.kid);
    const response = await agent.app.request('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
      body: JSON.stringify({ jobId, document: await signer.sign(document), printer: 'front' }),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await agent.app.request(`/jobs/${jobId}`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    await agent.app.request('/admin', { headers: { 'x-agent-admin-secret': ADMIN_SECRET } });
    const job = await eventually(() => lines.find((l) => l.msg === 'job' && l.jobId === jobId));
    expect(job).toMatchObject({ service: 'print-agent', printer: 'front', state: 'spooled' });
    expect(lines.filter((l) => l.msg === 'request')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'POST', route: '/jobs', status: 202 }),
        expect.objectContaining({ method: 'GET', route: '/jobs/:id', status: 200 }),
        expect.objectContaining({ method: 'GET', route: '/admin', status: 200 }),
      ]),
    );
    const text = JSON.stringify(lines);
    for (const secret of [agent.token, ADMIN_SECRET, document.plateNumber, document.number])
      expect(text).not.toContain(secret);
  });
});
