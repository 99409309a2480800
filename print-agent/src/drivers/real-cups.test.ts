import { printerSchema } from '@comptoir/shared';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSigner, provisionalPlate, type TestSigner } from '../testing/documents.js';
import { createTestAgent, eventually, type TestAgent } from '../testing/test-agent.js';
import { requireTestEnv } from '../testing/test-env.js';
import { createCupsDriver } from './cups/cups.driver.js';
import { createIppDriver } from './ipp/ipp.driver.js';

const run = promisify(execFile);

// Real CUPS with a cups-pdf queue: the PDF the agent sends comes out as a file we can read.
describe('real CUPS', () => {
  let signer: TestSigner;
  let agent: TestAgent;
  let outputDir: string;

  beforeAll(async () => {
    const queue = requireTestEnv('COMPTOIR_TEST_CUPS_PRINTER');
    const ippUri = requireTestEnv('COMPTOIR_TEST_CUPS_URI');
    outputDir = requireTestEnv('COMPTOIR_TEST_CUPS_OUTPUT_DIR');
    signer = await createTestSigner();
    agent = await createTestAgent({
      signer,
      // The test twin renderer (standard Helvetica): cups-pdf re-distills through Ghostscript,
      // which turns the shared layouts' embedded DejaVu fonts into Type 3 fonts whose text
      // pdftotext cannot read back. The real layouts go through the agent process test.
      printers: [
        printerSchema.parse({ id: 'lp', name: 'CUPS lp', driver: 'cups', queue, roles: ['plate'] }),
        printerSchema.parse({ id: 'ipp', name: 'CUPS IPP', driver: 'ipp', uri: ippUri, roles: [] }),
      ],
    });
  });

  afterAll(async () => {
    await agent?.dispose();
  });

  /** The cups-pdf file whose name carries the job id (the agent's job title). */
  async function pdfTextOf(jobId: string): Promise<string> {
    const file = await eventually(
      () => readdirSync(outputDir).find((f) => f.includes(jobId) && f.endsWith('.pdf')),
      30_000,
    );
    // cups-pdf writes then closes: pdftotext may see a partial file for a moment.
    return eventually(async () => {
      try {
        const { stdout } = await run('pdftotext', [join(outputDir, file), '-']);
        return stdout.length > 0 ? stdout : undefined;
      } catch {
        return undefined;
      }
    }, 30_000);
  }

  it.each([
    ['cups', 'lp', 'spooled'],
    ['ipp', 'ipp', 'printed'],
  ])(
    'the %s driver prints a provisional plate that comes out with its plate number',
    async (_driver, printer, finalState) => {
      const document = provisionalPlate(signer.key.kid, {
        plateNumber: `F${String(Date.now()).slice(-5)}`,
      });
      const jobId = randomUUID();
      const response = await agent.app.request('/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
        body: JSON.stringify({ jobId, document: await signer.sign(document), printer }),
      });
      expect(response.status).toBe(202);
      const text = await pdfTextOf(jobId);
      expect(text).toContain(document.plateNumber);
      await eventually(() => agent.deps.ledger.get(jobId)?.state === finalState, 30_000);
    },
  );

  it('reports the real queue ready, and an unknown queue offline with the reason', async () => {
    expect(
      (await createCupsDriver(requireTestEnv('COMPTOIR_TEST_CUPS_PRINTER')).status()).state,
    ).toMatch(/ready|busy/);
    const missing = await createCupsDriver('NoSuchQueue').status();
    expect(missing.state).toBe('offline');
    expect(missing.reason?.en).toContain('NoSuchQueue');
    expect(
      (await createIppDriver(requireTestEnv('COMPTOIR_TEST_CUPS_URI')).status()).state,
    ).toMatch(/ready|busy/);
    const unreachable = await createIppDriver('ipp://127.0.0.1:9/printers/none').status();
    expect(unreachable.state).toBe('offline');
  });
});
