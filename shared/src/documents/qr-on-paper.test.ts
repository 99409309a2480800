import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentKinds, type DocumentKind } from '../schemas/document.schema.js';
import {
  documentVerificationUrl,
  generateSigningKeyPair,
  importSigningKey,
  signQrToken,
  verifyQrToken,
} from '../tokens/index.js';
import { renderDocumentPdf, sampleDocument } from './index.js';

const run = promisify(execFile);
// Rendering, rasterizing and decoding take a second alone, but these 2 cores are shared.
const SLOW_MACHINE_TIMEOUT_MS = 120_000;
const MM_PER_POINT = 25.4 / 72;
/** The longest server origin the papers are sized for (43 characters). */
const LONG_ORIGIN = 'https://registre.concessionnaires-quebec.ca';

const keyPair = await generateSigningKeyPair();
const signingKey = await importSigningKey(keyPair.privateJwk);
const jwks = { keys: [keyPair.publicJwk] };
let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'comptoir-qr-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** What an independent decoder (zbar) reads off page 1 rendered at `dpi`, as a worn print. */
async function scan(path: string, dpi: number): Promise<string[]> {
  const prefix = join(workDir, `scan-${dpi}`);
  await run('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-png',
    '-singlefile',
    '-f',
    '1',
    path,
    prefix,
  ]);
  const { stdout } = await run('zbarimg', [
    '--quiet',
    '--raw',
    '-Sdisable',
    '-Sqrcode.enable',
    `${prefix}.png`,
  ]).catch((error: unknown) => {
    throw new Error(
      `zbarimg read nothing (or is missing: apt-get install zbar-tools): ${String(error)}`,
    );
  });
  return stdout.split('\n').filter(Boolean);
}

/** The side of one QR module as drawn on page 1, in mm (from the `cm` before the form). */
async function moduleSizesMm(bytes: Uint8Array): Promise<number[]> {
  const pdf = await PDFDocument.load(bytes);
  const page = pdf.getPage(0);
  const contents = page.node.Contents();
  const refs =
    contents === undefined ? [] : 'asArray' in contents ? contents.asArray() : [contents];
  let text = '';
  for (const entry of refs) {
    const stream = entry instanceof PDFRef ? pdf.context.lookup(entry) : entry;
    if (!(stream instanceof PDFRawStream)) continue;
    const filtered = stream.dict.get(PDFName.of('Filter')) !== undefined;
    text += Buffer.from(filtered ? inflateSync(stream.contents) : stream.contents).toString(
      'latin1',
    );
  }
  return [...text.matchAll(/([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s*\/QR-?\d*\s+Do/g)].map(
    (match) => Number(match[1]) * MM_PER_POINT,
  );
}

describe('QR codes on paper', { timeout: SLOW_MACHINE_TIMEOUT_MS }, () => {
  it.each(documentKinds)(
    '%s: version <= 8, level M, modules >= 0.6 mm, read by zbar at 72 dpi',
    async (kind: DocumentKind) => {
      const document = sampleDocument(kind);
      const token = await signQrToken(document, signingKey);
      const url = documentVerificationUrl(LONG_ORIGIN, document.number, token);
      const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' });
      expect(symbol.version).toBeLessThanOrEqual(8);

      const bytes = await renderDocumentPdf(document, { mark: 'original', qrUrl: url });
      const path = join(workDir, `${kind}.pdf`);
      await writeFile(path, bytes);
      const modules = await moduleSizesMm(bytes);
      expect(modules.length).toBeGreaterThan(0);
      for (const size of modules) expect(size).toBeGreaterThanOrEqual(0.6);

      const [read] = await scan(path, 72);
      expect(read).toBe(url);
      // What the phone then does: the verifier reads the number from the path, the token from ?t=.
      const scanned = new URL(read ?? '');
      const number = decodeURIComponent(scanned.pathname.split('/').pop() ?? '');
      expect(
        await verifyQrToken(scanned.searchParams.get('t') ?? '', jwks, {
          number,
          checkExpiry: false,
        }),
      ).toMatchObject({ number: document.number, kind, format: 'compact' });
    },
  );
});
