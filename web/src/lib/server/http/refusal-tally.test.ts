import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { MAX_FIELD_CHARS, TALLY_WINDOW_MS, flushRefusals } from './refusal-tally.js';

const countDetail = z.object({ count: z.number() }).loose();

describe.each(ENGINES)(
  'anonymous refusals cost the attacker more than the server on %s',
  (engine) => {
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.dispose();
      server = undefined;
    });

    it('audits 500 cross-site writes from one address as a few bounded rows with their count', async () => {
      server = await createTestServer(engine);
      const { db } = server.ctx.storage;
      const client = createHarnessClient(server);
      const longPath = `/api/${'x'.repeat(5000)}`;
      for (let index = 0; index < 500; index += 1) {
        const response = await client.request('POST', `${longPath}${String(index % 50)}`, {
          headers: { origin: `https://evil.example/${'y'.repeat(5000)}` },
          json: { n: index },
          clientAddress: '198.51.100.4',
        });
        expect(response.status).toBe(403);
      }
      server.clock.advance(TALLY_WINDOW_MS);
      await flushRefusals(server.ctx);
      const rows = await db
        .selectFrom('audit_log')
        .select(['detail_json', 'subject'])
        .where('event', '=', 'request.refused')
        .execute();
      // One row per kind (at most 20 subjects per address, then folded) and one per repeat tally.
      expect(rows.length).toBeLessThanOrEqual(2 * 21);
      const total = rows.reduce(
        (sum, row) => sum + countDetail.parse(JSON.parse(row.detail_json)).count,
        0,
      );
      expect(total).toBe(500);
      for (const row of rows) {
        expect(row.detail_json.length).toBeLessThan(6 * MAX_FIELD_CHARS);
        expect((row.subject ?? '').length).toBeLessThanOrEqual(MAX_FIELD_CHARS + 1);
      }
      const written = rows.reduce((sum, row) => sum + row.detail_json.length, 0);
      expect(written).toBeLessThan(40_000);
    }, 60_000);
  },
);
