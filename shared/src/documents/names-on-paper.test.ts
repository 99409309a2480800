import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentKinds } from '../schemas/document.schema.js';
import { renderDocumentPdf, sampleDocument } from './index.js';

const run = promisify(execFile);
// Rendering and extracting a hundred PDFs take seconds alone; these 2 cores are shared.
const SLOW_MACHINE_TIMEOUT_MS = 120_000;

/**
 * Names a Québec customer, employee or dealer can have, from the communities that live here:
 * every script block of the printable set (Latin-1, Latin Extended-A and -B, Latin Extended
 * Additional, combining marks), typed as people write them.
 */
const names = [
  'Jean-François Bélanger-Côté',
  "Marie-Ève O'Brien-Ní Dhomhnaill",
  'Nguyễn Thị Ánh',
  'Trần Đức Thắng',
  'Łukasz Wąsowski',
  'Şükrü Çağlar',
  'Þórður Guðmundsson',
  'Ștefan Țîrcă',
  'Erdős Győző',
  'Antonín Dvořák',
  'Lǚ Xiǎomíng',
  'Søren Ærøskøbing',
  'Kahnawà:ke Œuvray',
  'Máret Ŋuolja',
  'Adéọlá Ọ̀ṣun',
  'Pere Llull·Roig — Weiß’s',
  // Typed decomposed (a Mac keyboard, a pasted PDF): signed as is, compared in NFC.
  'Rene\u0301e Lafle\u0300che',
];

const nfc = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ');

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'comptoir-names-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Renders `document` and returns the text poppler extracts, NFC, whitespace collapsed. */
async function printedText(name: string, document: Parameters<typeof renderDocumentPdf>[0]) {
  const path = join(workDir, `${name}.pdf`);
  await writeFile(
    path,
    await renderDocumentPdf(document, { mark: 'original', qrUrl: 'https://comptoir.example/v' }),
  );
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
  return nfc(stdout);
}

describe('names on paper', { timeout: SLOW_MACHINE_TIMEOUT_MS }, () => {
  it.each(documentKinds)('%s prints every name exactly as signed', async (kind) => {
    // Every name in the dealer's name (wrapped across lines: whitespace is collapsed above),
    // and one in each single-line or boxed place: the issuing person's footer, the holder.
    const document = sampleDocument(kind, {
      dealer: { name: names.join(' / '), neq: '1163456789' },
      issuedBy: {
        signer: 'server',
        kid: 'sample-key-id',
        person: { accountId: 'acc-1', name: names[2] },
      },
      ...(kind === 'transit' && { holder: { name: names[3] } }),
    });
    const text = await printedText(kind, document);
    for (const name of names) expect(text, `${kind}: ${name}`).toContain(nfc(name));
  });
});
