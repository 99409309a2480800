import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '@comptoir/shared';
import { signJwsQrToken } from '@comptoir/shared/tokens';
import { createTemplateRenderer } from '../render/template-renderer.js';
import { createTestSigner, provisionalPlate, type TestSigner } from '../testing/documents.js';
import { FakePrinter } from '../testing/fake-printer.js';
import { TEST_ORIGIN, createTestAgent, rawPrinter, type TestAgent } from '../testing/test-agent.js';

const run = promisify(execFile);
// Rendering the real layout, rasterizing and decoding: seconds on these shared cores.
const SLOW_MACHINE_TIMEOUT_MS = 60_000;

let signer: TestSigner;
let printer: FakePrinter;
let agent: TestAgent;
let workDir = '';

beforeAll(async () => {
  signer = await createTestSigner();
  printer = await FakePrinter.start();
  agent = await createTestAgent({
    signer,
    printers: [rawPrinter('front', printer.port)],
    renderer: createTemplateRenderer(),
  });
  workDir = await mkdtemp(join(tmpdir(), 'comptoir-agent-qr-'));
});
afterAll(async () => {
  await agent.dispose();
  await printer.close();
  await rm(workDir, { recursive: true, force: true });
});

async function submit(document: string, qrToken: string): Promise<Response> {
  return agent.app.request('/jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
    body: JSON.stringify({ jobId: randomUUID(), document, qrToken, role: 'plate' }),
  });
}

/** The QR code of the sheet as zbar reads it from a 72 dpi rendering. */
async function scanPrinted(bytes: Buffer): Promise<string> {
  const path = join(workDir, `${randomUUID()}.pdf`);
  await writeFile(path, bytes);
  await run('pdftoppm', ['-r', '72', '-gray', '-png', '-singlefile', path, path]);
  const { stdout } = await run('zbarimg', [
    '--quiet',
    '--raw',
    '-Sdisable',
    '-Sqrcode.enable',
    `${path}.png`,
  ]);
  return stdout.trim();
}

describe('QR tokens at the agent', { timeout: SLOW_MACHINE_TIMEOUT_MS }, () => {
  it('prints the compact token, and the JWS token of papers issued before it, in the QR code', async () => {
    const document = provisionalPlate(signer.key.kid);
    const jws = await signer.sign(document);
    const tokens = [await signer.qrToken(document), await signJwsQrToken(document, signer.key)];
    for (const [index, qrToken] of tokens.entries()) {
      expect((await submit(jws, qrToken)).status).toBe(202);
      const printed = (await printer.waitForJobs(index + 1))[index];
      expect(await scanPrinted(printed?.bytes ?? Buffer.alloc(0))).toBe(
        `${TEST_ORIGIN}/verifier/${document.number}?t=${qrToken}`,
      );
    }
  });

  it("refuses another document's token in either format, naming the field", async () => {
    const document = provisionalPlate(signer.key.kid);
    const other = provisionalPlate(signer.key.kid);
    const tokens = [await signer.qrToken(other), await signJwsQrToken(other, signer.key)];
    for (const qrToken of tokens) {
      const response = await submit(await signer.sign(document), qrToken);
      expect(response.status).toBe(422);
      const error = apiErrorSchema.parse(await response.json());
      expect(error.fields[0]?.path).toBe('qrToken');
    }
  });
});
