import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileDriver } from './file.driver.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-file-printer-'));
  dirs.push(dir);
  return join(dir, 'printed');
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the file printer', () => {
  it('never overwrites an earlier output: a second job under the same title gets its own file', async () => {
    const directory = folder();
    const driver = createFileDriver(directory);
    // A "to check" job reprinted sends its sheets under the titles of the first attempt.
    await driver.send(bytes('first attempt'), { title: 'T-1_job_1', timeoutMs: 1000 });
    await driver.send(bytes('reprint'), { title: 'T-1_job_1', timeoutMs: 1000 });
    await driver.send(bytes('third'), { title: 'T-1_job_1', timeoutMs: 1000 });
    const files = readdirSync(directory).sort();
    expect(files).toHaveLength(3);
    expect(files.every((name) => name.endsWith('.pdf'))).toBe(true);
    const contents = files.map((name) => readFileSync(join(directory, name), 'utf8')).sort();
    expect(contents).toEqual(['first attempt', 'reprint', 'third']);
    expect(readFileSync(join(directory, 'T-1_job_1.pdf'), 'utf8')).toBe('first attempt');
  });

  it('keeps every output when the same title arrives at once', async () => {
    const directory = folder();
    const driver = createFileDriver(directory);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        driver.send(bytes(`copy ${i}`), { title: 'same', timeoutMs: 1000 }),
      ),
    );
    expect(readdirSync(directory).filter((name) => name.endsWith('.pdf'))).toHaveLength(8);
    expect(readdirSync(directory).some((name) => name.endsWith('.part'))).toBe(false);
  });

  it('creates its folder 0700 and its files 0600', async () => {
    const directory = folder();
    const driver = createFileDriver(directory);
    await driver.send(bytes('x'), { title: 'private', timeoutMs: 1000 });
    expect((statSync(directory).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(join(directory, 'private.pdf')).mode & 0o777).toString(8)).toBe('600');
  });
});
