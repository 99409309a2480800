import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './testing/test-server.js';

const run = promisify(execFile);

async function cli(dataDir: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      'node',
      ['--import', 'tsx', 'src/lib/server/audit-verify.cli.ts'],
      {
        env: { ...process.env, COMPTOIR_DATA_DIR: dataDir, DATABASE_URL: '' },
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    // execFile rejects with the exit code and output attached to the error.
    const code =
      error instanceof Error && 'code' in error && typeof error.code === 'number' ? error.code : -1;
    const stdout =
      error instanceof Error && 'stdout' in error && typeof error.stdout === 'string'
        ? error.stdout
        : '';
    return { code, stdout };
  }
}

describe('audit:verify CLI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('sqlite');
    const at = server.clock.now();
    const { appendAudit } = await import('./audit.js');
    await server.ctx.storage.writeTransaction(async (tx) => {
      for (const subject of ['a', 'b', 'c']) {
        await appendAudit(tx, at, { event: 'test.event', licence: 'L-100001', subject });
      }
    });
    await server.ctx.storage.close();
  });
  afterAll(async () => {
    await server.dispose().catch(() => undefined);
  });

  it(
    'passes on an intact log, then names the first broken row and exits 1',
    { timeout: 60_000 },
    async () => {
      const intact = await cli(server.dataDir);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('ok     licence:L-100001: 3 rows');

      const Database = (await import('better-sqlite3')).default;
      const file = new Database(`${server.dataDir}/comptoir.sqlite`);
      const row = file
        .prepare("select id from audit_log where chain = 'licence:L-100001' and seq = 2")
        .get() as { id: number };
      file.prepare("update audit_log set subject = 'forged' where id = ?").run(row.id);
      file.close();

      const broken = await cli(server.dataDir);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(
        `BROKEN licence:L-100001: first broken row id=${String(row.id)} seq=2`,
      );
    },
  );
});
