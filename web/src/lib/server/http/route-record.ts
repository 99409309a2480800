import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The environment variable that turns the recorder on: a folder where each process appends the
 * (method, route, status) triples it answered. `npm test` sets it so that a check run after the
 * suites (`scripts/api-statuses.check.mjs`) can prove every status code the OpenAPI document
 * promises is produced by some test. Unset (production): nothing is recorded.
 */
export const ROUTE_RECORD_DIR_VARIABLE = 'COMPTOIR_ROUTE_RECORD_DIR';

const seen = new Set<string>();

/**
 * Records that `route` (SvelteKit's route id, `/api/transit/[number]`) answered `status` to
 * `method`, once per process, when {@link ROUTE_RECORD_DIR_VARIABLE} is set. Synchronous and
 * append-only: a test worker that is ended abruptly keeps what it wrote.
 * @example recordRoute('GET', '/api/transit/[number]', 404)
 */
export function recordRoute(method: string, route: string | null, status: number): void {
  const dir = process.env[ROUTE_RECORD_DIR_VARIABLE];
  if (!dir || route === null) return;
  const line = JSON.stringify({ service: 'web', method, route, status });
  if (seen.has(line)) return;
  seen.add(line);
  try {
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, `web-${process.pid}.jsonl`), `${line}\n`);
  } catch {
    // A test aid: a folder that cannot be written must not change any answer.
  }
}
