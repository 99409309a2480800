#!/usr/bin/env node
// The `api-statuses` suite of `npm test`: every status code the two OpenAPI documents promise
// (the server's `GET /api/openapi.json`, the agent's `GET /openapi.json`) must have been
// answered by that route to some test of this run. The suites before it (unit, hostile, e2e)
// record each (method, route, status) they see into COMPTOIR_ROUTE_RECORD_DIR (one JSON line
// per triple, a file per process: web/src/lib/server/http/route-record.ts and the agent's
// twin); this compares. Run with tsx (the documents are built from the TypeScript sources):
//
//   node --import tsx scripts/api-statuses.mjs [records dir]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Documented statuses known to lack a test that produces them, each with why: named here so
 * that each run prints them (a warning, not a failure) and a new gap still fails. Remove a line
 * when its test lands; never add one for a status a test could simply ask for.
 */
export const PENDING = new Map([]);

/** A recorded route (`/api/transit/[number]`, `/jobs/:id`) as an OpenAPI path (`{number}`). */
export function openApiPathOf(route) {
  return route.replace(/\[(?:\.\.\.)?(\w+)\]/g, '{$1}').replace(/:(\w+)/g, '{$1}');
}

/** Every (method, path, status) a document promises; `default` is no status code. */
export function documentedTriples(document) {
  const triples = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      for (const status of Object.keys(operation.responses ?? {})) {
        if (/^\d{3}$/.test(status)) triples.push({ method: method.toUpperCase(), path, status });
      }
    }
  }
  return triples;
}

/** The records of a folder: `{ service, method, route, status }` objects. */
export function readRecords(dir) {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/**
 * The documented triples of each service that no record shows, as readable lines
 * (`web POST /api/kiosks 409`).
 * @param {Record<string, { paths?: object }>} documents by service name
 */
export function missingStatuses(documents, records) {
  const seen = new Set(
    records.map((r) => `${r.service} ${r.method} ${openApiPathOf(r.route)} ${r.status}`),
  );
  const missing = [];
  for (const [service, document] of Object.entries(documents)) {
    for (const { method, path, status } of documentedTriples(document)) {
      const key = `${service} ${method} ${path} ${status}`;
      if (!seen.has(key)) missing.push(key);
    }
  }
  return missing;
}

async function main() {
  const dir = process.argv[2] ?? process.env.COMPTOIR_ROUTE_RECORD_DIR;
  const records = readRecords(dir);
  if (records.length === 0) {
    console.error(
      `[api-statuses] no route records in ${dir ?? '(COMPTOIR_ROUTE_RECORD_DIR unset)'}: this check ` +
        'runs after the unit, hostile and e2e suites of the same `npm test`, which record them.',
    );
    process.exit(1);
  }
  const root = new URL('..', import.meta.url);
  const web = await import(new URL('web/src/lib/server/openapi/openapi.document.ts', root).href);
  const agent = await import(new URL('print-agent/src/routes/openapi.ts', root).href);
  const documents = { web: web.buildOpenApiDocument(), 'print-agent': agent.openApiDocument() };
  const unseen = missingStatuses(documents, records);
  const missing = unseen.filter((line) => !PENDING.has(line));
  for (const line of unseen.filter((entry) => PENDING.has(entry))) {
    console.warn(`[api-statuses] pending (${PENDING.get(line)}): ${line}`);
  }
  const total = Object.values(documents).reduce((n, d) => n + documentedTriples(d).length, 0);
  for (const line of missing) {
    console.error(`[api-statuses] documented, never answered to a test: ${line}`);
  }
  console.log(
    `[api-statuses] ${total - unseen.length} of ${total} documented statuses seen, ` +
      `${unseen.length - missing.length} pending, ${missing.length} missing ` +
      `(${records.length} records in ${dir})`,
  );
  process.exit(missing.length === 0 ? 0 : 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
