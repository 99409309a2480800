import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerContext, type ServerContext } from '../context.js';

describe('the web data directory', () => {
  let parent: string | undefined;
  let ctx: ServerContext | undefined;
  afterEach(async () => {
    await ctx?.storage.close();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('is created 0700 with its files 0600 on first start, whatever the umask', async () => {
    parent = await mkdtemp(join(tmpdir(), 'comptoir-perm-'));
    const dataDir = join(parent, 'fresh', 'data');
    const previous = process.umask(0o022);
    try {
      ctx = await createServerContext(
        {
          dataDir,
          databaseUrl: undefined,
          faults: undefined,
          isDemo: false,
          origin: 'http://127.0.0.1:3000',
          trustProxy: false,
        },
        {},
      );
    } finally {
      process.umask(previous);
    }
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    for (const file of ['comptoir.sqlite', 'comptoir.sqlite-wal']) {
      expect((await stat(join(dataDir, file))).mode & 0o777, file).toBe(0o600);
    }
  });
});
