import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { printJobSchema, printerSchema } from '@comptoir/shared';
import { createFileDriver } from '../drivers/file/file.driver.js';
import { DriverError, type PrinterDriver } from '../drivers/printer-driver.js';
import { createTestSigner, provisionalPlate, type TestSigner } from '../testing/documents.js';
import { ADMIN_SECRET, createTestAgent, eventually } from '../testing/test-agent.js';

let signer: TestSigner;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  signer = await createTestSigner();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The file printer whose first answer is lost after the file is written: the job becomes "to
 * check" with its sheet on disk, as when a real printer stops answering mid-job.
 */
function fileDriverLosingFirstAnswer(directory: string): PrinterDriver {
  const file = createFileDriver(directory);
  let sends = 0;
  return {
    ...file,
    async send(bytes, options) {
      const status = await file.send(bytes, options);
      sends += 1;
      if (sends === 1) {
        throw new DriverError(
          'no_answer',
          { fr: 'Pas de réponse.', en: 'No answer.' },
          { isUncertain: true },
        );
      }
      return status;
    },
  };
}

/** An agent whose first sheet was written but not acknowledged: the job waits "to check". */
async function jobToCheck() {
  const printer = printerSchema.parse({
    id: 'file',
    name: 'Fichier',
    driver: 'file',
    roles: ['plate'],
  });
  const folder = mkdtempSync(join(tmpdir(), 'comptoir-reprint-'));
  cleanups.push(() => Promise.resolve(rmSync(folder, { recursive: true, force: true })));
  const directory = () => join(folder, 'printed');
  const agent = await createTestAgent({
    signer,
    printers: [printer],
    drivers: new Map([['file', fileDriverLosingFirstAnswer(directory())]]),
  });
  cleanups.push(() => agent.dispose());
  const headers = { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' };
  const jobId = randomUUID();
  const submitted = await agent.app.request('/jobs', {
    method: 'POST',
    headers,
    body: JSON.stringify({
      jobId,
      document: await signer.sign(provisionalPlate(signer.key.kid)),
      role: 'plate',
    }),
  });
  expect(submitted.status).toBe(202);
  const stateOf = async () =>
    printJobSchema.parse(await (await agent.app.request(`/jobs/${jobId}`, { headers })).json())
      .state;
  await eventually(async () => (await stateOf()) === 'to_check');
  const first = readdirSync(directory());
  expect(first).toHaveLength(1);
  return { agent, headers, jobId, stateOf, directory, first };
}

describe('reprinting a job "to check" on the file printer', () => {
  it('keeps the first output and adds the reprint beside it', async () => {
    const { agent, headers, jobId, stateOf, directory, first } = await jobToCheck();
    const original = readFileSync(join(directory(), first[0] ?? ''));

    const decided = await agent.app.request(`/jobs/${jobId}/confirm-reprint`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ decision: 'reprint' }),
    });
    expect(decided.status).toBe(200);
    await eventually(async () => (await stateOf()) === 'printed');
    const files = readdirSync(directory()).sort();
    expect(files).toHaveLength(2);
    expect(readFileSync(join(directory(), first[0] ?? ''))).toEqual(original);

    // Decided once: the admin page's form refuses a second decision (documented 409).
    const again = await agent.app.request(`/admin/jobs/${jobId}/decision`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`admin:${ADMIN_SECRET}`).toString('base64')}`,
      },
      body: JSON.stringify({ decision: 'done' }),
    });
    expect(again.status).toBe(409);
  });

  it('is settled by the admin page\'s form: "it printed" closes it, nothing printed again', async () => {
    const { agent, jobId, stateOf, directory } = await jobToCheck();
    const decided = await agent.app.request(`/admin/jobs/${jobId}/decision`, {
      method: 'POST',
      headers: {
        // As the page's form posts it.
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`admin:${ADMIN_SECRET}`).toString('base64')}`,
      },
      body: 'decision=done',
    });
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain(': done');
    expect(await stateOf()).toBe('printed');
    expect(readdirSync(directory())).toHaveLength(1);
  });
});
