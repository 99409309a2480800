import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { documentKinds, type IssuedDocument } from '../schemas/document.schema.js';
import { documentTitles } from './document-titles.js';
import { renderDocumentPdf, sampleDocument } from './index.js';

const run = promisify(execFile);
// Rendering and extracting a PDF per kind take seconds alone; these 2 cores are shared.
const SLOW_MACHINE_TIMEOUT_MS = 120_000;
let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'comptoir-papers-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function extract(name: string, document: IssuedDocument, ...args: string[]) {
  const path = join(workDir, `${name}.pdf`);
  await writeFile(
    path,
    await renderDocumentPdf(document, { mark: 'original', qrUrl: 'https://x.example/v' }),
  );
  const { stdout } = await run('pdftotext', [...args, path, '-']).catch((error: unknown) => {
    throw new Error(`pdftotext failed (install poppler-utils): ${String(error)}`);
  });
  return stdout;
}

/** A word poppler placed on the page, with its box height (the font's size times a constant). */
interface Word {
  text: string;
  yMin: number;
  height: number;
}

function wordsOf(bbox: string): Word[] {
  const pattern = /yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return [...bbox.matchAll(pattern)].map((match) => ({
    text: (match[3] ?? '')
      .replaceAll('&apos;', "'")
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&'),
    yMin: Number(match[1]),
    height: Number(match[2]) - Number(match[1]),
  }));
}

// Every paper a person is handed: a real account and operator behind it, as issued.
const issuedBy = {
  signer: 'server',
  kid: 'sample-key-id',
  person: { accountId: newId(), name: 'Sophie Gagnon', operatorId: newId() },
};
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** What a raw key or code looks like: snake_case, camelCase, a dotted path, JSON. */
const rawKey = /\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-z]+\w*\b|\b[a-z]+\.[a-z]+[A-Z]\w*|\{"/;

describe('papers meant for people', { timeout: SLOW_MACHINE_TIMEOUT_MS }, () => {
  it.each(documentKinds)('the %s shows no UUID and no raw key', async (kind) => {
    const text = await extract(`raw-${kind}`, sampleDocument(kind, { issuedBy }));
    expect(text).not.toMatch(uuid);
    expect(text).not.toMatch(rawKey);
  });

  it('prints the transit’s expiry as the largest line after its title, measured in the PDF', async () => {
    const words = wordsOf(await extract('transit-expiry', sampleDocument('transit'), '-bbox'));
    const expiry = words.find((word) => word.text === 'EXPIRE');
    expect(expiry).toBeDefined();
    if (!expiry) return;
    const title = new Set(documentTitles.transit.fr.toUpperCase().split(/\s+/));
    const larger = words.filter((word) => word.height > expiry.height + 0.01);
    // Only the title's own words are larger than the expiry line...
    expect(larger.length).toBeGreaterThan(0);
    expect(larger.every((word) => title.has(word.text))).toBe(true);
    // ...and every word as large as it is on that line: nothing else competes with it.
    const asLarge = words.filter(
      (word) => !larger.includes(word) && word.height >= expiry.height - 0.01,
    );
    expect(asLarge.every((word) => Math.abs(word.yMin - expiry.yMin) < 1)).toBe(true);
    // The next size down (the number) is clearly smaller.
    const rest = words.filter((word) => !larger.includes(word) && !asLarge.includes(word));
    expect(Math.max(...rest.map((word) => word.height))).toBeLessThan(expiry.height * 0.97);
  });

  it('prints the dealer’s address on the ATAC', async () => {
    const text = (await extract('atac-address', sampleDocument('atac'))).replace(/\s+/g, ' ');
    expect(text).toContain('4200, boulevard Laurier');
    expect(text).toContain('G1V 2M3');
  });
});
