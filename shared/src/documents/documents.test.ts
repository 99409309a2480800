import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentKinds, type DocumentKind } from '../schemas/document.schema.js';
import {
  documentVerificationUrl,
  generateSigningKeyPair,
  importSigningKey,
  signQrToken,
} from '../tokens/index.js';
import { fontMetrics, foldToCharset } from './fonts/document-fonts.js';
import {
  fitPlateNumber,
  PLATE_NUMBER_MIN_HEIGHT_MM,
  renderDocumentPdf,
  sampleDocument,
  type RenderOptions,
} from './index.js';

// jsqr is CommonJS with a `default` property; under NodeNext the typed callable is there.
const jsQR = jsQRModule.default;
const run = promisify(execFile);
// Rendering, rasterizing and decoding take under a second alone, but these 2 cores are shared.
const SLOW_MACHINE_TIMEOUT_MS = 60_000;
let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'comptoir-documents-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A real verification URL, with a token signed by a real key: the QR must carry all of it. */
async function verificationUrl(kind: DocumentKind): Promise<string> {
  const keyPair = await generateSigningKeyPair();
  const token = await signQrToken(sampleDocument(kind), await importSigningKey(keyPair.privateJwk));
  return documentVerificationUrl('https://comptoir.example', sampleDocument(kind).number, token);
}

async function writePdf(name: string, bytes: Uint8Array): Promise<string> {
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  const path = join(workDir, `${name}.pdf`);
  await writeFile(path, bytes);
  return path;
}

/** The text poppler extracts: what a reader (and a screen reader) gets from the PDF. */
async function pdfText(path: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('pdftotext', [...args, path, '-']).catch((error: unknown) => {
    throw new Error(`pdftotext failed (install poppler-utils): ${String(error)}`);
  });
  return stdout;
}

/** Rasterizes page 1 like a printer would, then reads the QR code off the pixels. */
async function decodeQrOnPage(path: string): Promise<string | undefined> {
  const prefix = join(workDir, 'raster');
  await run('pdftoppm', ['-r', '200', '-png', '-singlefile', '-f', '1', path, prefix]);
  const png = PNG.sync.read(await readFile(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** Count of pink/red pixels in the central third of page 1 rendered at 50 dpi. */
async function reddishPixelsInCentre(path: string): Promise<number> {
  const prefix = join(workDir, 'tint');
  await run('pdftoppm', ['-r', '50', '-png', '-singlefile', '-f', '1', path, prefix]);
  const png = PNG.sync.read(await readFile(`${prefix}.png`));
  let count = 0;
  for (let y = Math.floor(png.height / 3); y < (2 * png.height) / 3; y++) {
    for (let x = Math.floor(png.width / 3); x < (2 * png.width) / 3; x++) {
      const at = (y * png.width + x) * 4;
      const [red = 0, green = 0] = [png.data[at], png.data[at + 1]];
      if (red - green > 25) count++;
    }
  }
  return count;
}

const original = (qrUrl: string): RenderOptions => ({ mark: 'original', qrUrl });

describe('renderDocumentPdf', { timeout: SLOW_MACHINE_TIMEOUT_MS }, () => {
  const qrUrl = 'https://comptoir.example/verifier/X?t=a.b.c';

  it.each(documentKinds)('renders %s with its number, accents and dealer', async (kind) => {
    const document = sampleDocument(kind);
    const text = await pdfText(
      await writePdf(kind, await renderDocumentPdf(document, original(qrUrl))),
    );
    expect(text).toContain(document.number);
    expect(text).toContain('Automobiles Lévesque & Frères Inc.');
    expect(text).toMatch(/Émis|Émise|Confirmé|Annulée|Reçu/);
    expect(text).not.toContain('COPIE');
    expect(text).not.toContain('APERÇU');
  });

  it('prints the people, amounts and signature lines of an ATAC', async () => {
    const text = await pdfText(
      await writePdf(
        'atac-fields',
        await renderDocumentPdf(sampleDocument('atac'), original(qrUrl)),
      ),
      '-layout',
    );
    expect(text).toMatch(/Titulaire de\s+l'immatriculation/);
    for (const expected of [
      'François Bélanger',
      'Hélène Gagné',
      'Copropriétaire / Co-owner',
      '2HGFC2F59KH542118',
      '48 213 km',
      '23 495,00 $ / $23,495.00',
      '949,75 $ / $949.75',
      'Signature — Hélène Gagné',
      '2026-11-26',
    ]) {
      expect(text.replace(/\u00a0/g, ' ')).toContain(expected);
    }
  });

  it('prints times in Montréal, not in the machine zone (15:42 UTC is 10:42 EST)', async () => {
    const text = await pdfText(
      await writePdf('tz', await renderDocumentPdf(sampleDocument('transit'), original(qrUrl))),
    );
    expect(text).toContain('2026-11-26 10:42');
    expect(text).toContain('2026-12-06 23:59');
  });

  it('prints the plate number and its expiry on the provisional plate and the certificate', async () => {
    for (const kind of ['provisional_plate', 'registration_certificate'] as const) {
      const text = await pdfText(
        await writePdf(
          `${kind}-plate`,
          await renderDocumentPdf(sampleDocument(kind), original(qrUrl)),
        ),
      );
      expect(text).toMatch(/A12\s+BCD/);
    }
    const plate = await pdfText(join(workDir, 'provisional_plate-plate.pdf'));
    expect(plate).toContain('EXPIRE LE 2027-01-10 23:59');
    expect(plate).toContain('À apposer en haut à gauche de la lunette arrière');
  });

  it('prints the ATAC a transit or a registration follows, and nothing when there is none', async () => {
    for (const kind of ['transit', 'registration_certificate'] as const) {
      const linked = await pdfText(
        await writePdf(
          `atac-${kind}`,
          await renderDocumentPdf(
            sampleDocument(kind, { atacNumber: 'AT-2026-007890' }),
            original(qrUrl),
          ),
        ),
      );
      expect(linked).toMatch(/ATAC\s+AT-2026-007890/);
      const alone = await pdfText(
        await writePdf(
          `alone-${kind}`,
          await renderDocumentPdf(sampleDocument(kind), original(qrUrl)),
        ),
      );
      expect(alone).not.toContain('AT-2026-007890');
    }
  });

  it('marks reprints COPIE / COPY, previews APERÇU / PREVIEW, and offline issuance', async () => {
    const document = sampleDocument('transit');
    const copy = await pdfText(
      await writePdf('copy', await renderDocumentPdf(document, { mark: 'copy', qrUrl })),
    );
    expect(copy).toContain('COPIE / COPY');
    const preview = await pdfText(
      await writePdf(
        'preview',
        await renderDocumentPdf(document, { mark: 'preview', qrUrl, issuedOffline: true }),
      ),
    );
    expect(preview).toContain('APERÇU / PREVIEW');
    expect(preview).toContain('ÉMIS HORS LIGNE / ISSUED OFFLINE');
  });

  it('marks a paper issued from a lease offline, with its lease id, in the original too', async () => {
    const document = sampleDocument('transit');
    const leaseId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const offline = {
      ...document,
      issuedBy: { ...document.issuedBy, signer: 'kiosk' as const, leaseId },
    };
    const text = await pdfText(
      await writePdf('offline', await renderDocumentPdf(offline, original(qrUrl))),
    );
    expect(text).toContain('ÉMIS HORS LIGNE / ISSUED OFFLINE');
    expect(text).toContain(leaseId);
    const online = await pdfText(
      await writePdf('online', await renderDocumentPdf(document, original(qrUrl))),
    );
    expect(online).not.toContain('HORS LIGNE');
  });

  it('lays the diagonal preview watermark over the middle of the page (pixels, not text)', async () => {
    const document = sampleDocument('proof_of_cancellation');
    const tinted = async (mark: RenderOptions['mark']) =>
      reddishPixelsInCentre(
        await writePdf(`mark-${mark}`, await renderDocumentPdf(document, { mark, qrUrl })),
      );
    // Poppler drops diagonal text from pdftotext, so look at the page like a person would.
    expect(await tinted('original')).toBe(0);
    expect(await tinted('preview')).toBeGreaterThan(500);
  });

  it('flows a long ATAC onto more pages, numbering each page', async () => {
    const buyer = sampleDocument('atac').buyers[0];
    const document = sampleDocument('atac', { buyers: Array.from({ length: 8 }, () => buyer) });
    const text = await pdfText(
      await writePdf('long', await renderDocumentPdf(document, original(qrUrl))),
    );
    const pages = Number(/Page 1\/(\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Page ${pages}/${pages}`);
  });

  it('embeds its fonts', async () => {
    const path = await writePdf(
      'fonts',
      await renderDocumentPdf(sampleDocument('atac'), original(qrUrl)),
    );
    const { stdout } = await run('pdffonts', [path]);
    const fontRows = stdout.split('\n').slice(2).filter(Boolean);
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) expect(row).toMatch(/\byes\s+(yes|no)\s+yes\b/);
  });
});

describe('QR codes', { timeout: SLOW_MACHINE_TIMEOUT_MS }, () => {
  it('decode from the printed provisional plate to the verification URL', async () => {
    const qrUrl = await verificationUrl('provisional_plate');
    const path = await writePdf(
      'qr-plate',
      await renderDocumentPdf(sampleDocument('provisional_plate'), original(qrUrl)),
    );
    expect(await decodeQrOnPage(path)).toBe(qrUrl);
  });

  it('decode from the smaller header QR of a transit, even under the preview watermark', async () => {
    const qrUrl = await verificationUrl('transit');
    const path = await writePdf(
      'qr-transit',
      await renderDocumentPdf(sampleDocument('transit'), { mark: 'preview', qrUrl }),
    );
    expect(await decodeQrOnPage(path)).toBe(qrUrl);
  });
});

describe('plate number size', { timeout: SLOW_MACHINE_TIMEOUT_MS }, () => {
  it('prints the plate number with glyphs at least 40 mm tall, measured in the PDF', async () => {
    const document = sampleDocument('provisional_plate');
    const path = await writePdf(
      'plate-size',
      await renderDocumentPdf(document, original('https://x.example')),
    );
    const bbox = await pdfText(path, '-bbox');
    const word = /yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">A12<\/word>/.exec(bbox);
    expect(word).not.toBeNull();
    // Poppler's word box spans the font's ascent to descent: recover the font size from it,
    // then the inked height from the real glyph outlines of the embedded bold face.
    const font = fontMetrics('bold');
    const fontSize =
      ((Number(word?.[2]) - Number(word?.[1])) * font.unitsPerEm) / (font.ascent - font.descent);
    const glyphs = font.layout(document.plateNumber).glyphs;
    const inkUnits =
      Math.max(...glyphs.map((g) => g.bbox.maxY)) - Math.min(0, ...glyphs.map((g) => g.bbox.minY));
    const heightMm = ((inkUnits / font.unitsPerEm) * fontSize * 25.4) / 72;
    expect(heightMm).toBeGreaterThanOrEqual(PLATE_NUMBER_MIN_HEIGHT_MM);
    expect(heightMm).toBeCloseTo(fitPlateNumber(document.plateNumber, 508).glyphHeightMm, 0);
  });

  it('fits long plate numbers inside the page by condensing, then shrinking', () => {
    const usual = fitPlateNumber('A12 BCD', 508);
    expect(usual.glyphHeightMm).toBeGreaterThanOrEqual(PLATE_NUMBER_MIN_HEIGHT_MM);
    expect(usual.width).toBeLessThanOrEqual(508.0001);
    const dealer = fitPlateNumber('X01234', 508);
    expect(dealer.glyphHeightMm).toBeGreaterThanOrEqual(PLATE_NUMBER_MIN_HEIGHT_MM);
    const absurd = fitPlateNumber('ABCDEFGHIJKLMNOP', 508);
    expect(absurd.width).toBeLessThanOrEqual(508.0001);
    expect(absurd.horizontalScale).toBeCloseTo(0.55);
  });
});

describe('fonts', () => {
  it('folds characters the fonts lack instead of drawing empty boxes', () => {
    const charset = new Set(fontMetrics('regular').characterSet);
    expect(foldToCharset('Éloïse Œuvré-Çà', charset)).toBe('Éloïse Œuvré-Çà');
    expect(foldToCharset('Łódź Ştefan Nguyễn', charset)).toBe('Łódź Ştefan Nguyễn');
    // Decomposed input is drawn as the one precomposed glyph the font has.
    expect(foldToCharset('Rene\u0301e', charset)).toBe('Renée');
    // Outside the fonts: a Latin letter without a decomposition, a Greek accented letter.
    expect(foldToCharset('\u1efc ά', charset)).toBe('? ?');
    expect(foldToCharset('12\u202f345,00\u00a0$', charset)).toBe('12\u00a0345,00\u00a0$');
    expect(foldToCharset('漢', charset)).toBe('?');
  });
});
