import { siteSchema } from '@comptoir/shared';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatJsonPath, formatSiteIssue, readSiteFile } from './site-file.js';

const sitesDir = new URL('../sites/', import.meta.url);
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-site-file-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const writeScratch = async (name: string, text: string): Promise<string> => {
  const path = join(scratch, name);
  await writeFile(path, text);
  return path;
};

describe('the example sites', () => {
  it('has the demo and a larger dealership', async () => {
    const names = await readdir(sitesDir);
    expect(names).toEqual(expect.arrayContaining(['demo.json', 'dealership.json']));
  });

  it('validates every example', async () => {
    for (const name of await readdir(sitesDir)) {
      const result = await readSiteFile(new URL(name, sitesDir).pathname);
      expect(result, name).toMatchObject({ ok: true });
    }
  });

  it('describes the demo npm start uses: one kiosk, a loopback HTTP agent, file printers for every role', async () => {
    const site = siteSchema.parse(
      JSON.parse(await readFile(new URL('demo.json', sitesDir), 'utf8')),
    );
    expect(site.kiosks).toHaveLength(1);
    expect(site.server.origin).toBe('http://127.0.0.1:3000');
    expect(site.agent).toMatchObject({ host: '127.0.0.1', port: 9631 });
    expect(site.agent.tls).toBeUndefined();
    expect(site.printers.every((printer) => printer.driver === 'file')).toBe(true);
    const roles = new Set(site.printers.flatMap((printer) => printer.roles));
    expect([...roles].sort()).toEqual(['atac', 'certificate', 'plate', 'receipt']);
  });

  it('has the larger example the issue asks for', async () => {
    const site = siteSchema.parse(
      JSON.parse(await readFile(new URL('dealership.json', sitesDir), 'utf8')),
    );
    expect(site.kiosks.map((kiosk) => kiosk.location).sort()).toEqual([
      'delivery_bay',
      'showroom',
      'showroom',
    ]);
    expect(site.printers.map((printer) => printer.driver).sort()).toEqual([
      'cups',
      'escpos',
      'ipp',
    ]);
  });
});

describe('readSiteFile', () => {
  it('reports a missing file', async () => {
    const result = await readSiteFile(join(scratch, 'nowhere.json'));
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'file_not_found' }] });
  });

  it('reports bad JSON with where it broke', async () => {
    const result = await readSiteFile(await writeScratch('bad.json', '{ "id": "x", }'));
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'bad_json', path: [] }] });
    if (!result.ok) expect(result.issues[0]?.message.en).toMatch(/position|column/i);
  });

  it('reports every problem of a broken file, with its path', async () => {
    const demo: unknown = JSON.parse(await readFile(new URL('demo.json', sitesDir), 'utf8'));
    const text = JSON.stringify(demo)
      .replace('"id":"demo-receipt"', '"id":"demo-letter"')
      .replace('"port":9631', '"port":"9631"')
      .replace('"idleLockMinutes":15', '"idleLockMinutes":60');
    const result = await readSiteFile(await writeScratch('broken.json', text));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => formatJsonPath(issue.path))).toEqual([
      '$.agent.port',
      '$.kiosks[0].idleLockMinutes',
      '$.printers[1].id',
    ]);
  });
});

describe('formatting', () => {
  it('writes JSON paths as people read them', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['printers', 2, 'id'])).toBe('$.printers[2].id');
    expect(formatJsonPath(['kiosks', 0, 'defaultPrinters', 'odd key'])).toBe(
      '$.kiosks[0].defaultPrinters["odd key"]',
    );
  });

  it('prints the problem and its fix in French then English', () => {
    const text = formatSiteIssue({
      path: ['printers', 1, 'id'],
      code: 'duplicate_printer_id',
      message: { fr: 'en double', en: 'duplicate' },
      fix: { fr: 'renommez', en: 'rename' },
    });
    expect(text.split('\n')).toEqual([
      '✗ $.printers[1].id (duplicate_printer_id)',
      '    fr : en double — renommez',
      '    en: duplicate — rename',
    ]);
  });
});
