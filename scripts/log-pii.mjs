#!/usr/bin/env node
// No personal data and no secret in the logs (docs/operating.md, "Logs"). The values below are
// the demo data's people, licences and secrets (README, web/src/lib/server/demo); the `e2e-logs`
// suite of `npm test` greps every file the end-to-end run kept (web server, print agents) for
// them, for the secrets that run handed out (session cookies, kiosk credentials, agent tokens:
// `secrets.txt` in the same folder, one a line, written by the e2e fixtures), and for the
// shapes of a credential in transit (a cookie or authorization header). Any hit fails.
//
//   node scripts/log-pii.mjs [log dir]          (default: COMPTOIR_E2E_LOG_DIR)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What must never be in a log: the demo people, their licence numbers, and demo secrets. */
export const FORBIDDEN_IN_LOGS = [
  // The demo people (README) and their driving licences.
  'Nadia',
  'Morin',
  'M567890123456',
  'Lavoie',
  'L456789012345',
  'Bergeron',
  'B345678901234',
  'Tremblay',
  // The dealers' licence numbers and a demo vehicle.
  'L-100001',
  'L-100002',
  'L-200001',
  '1HGCM82633A004352',
  // The demo password, the unused access code, bank digits.
  'demo-password',
  'PES12345',
  '9876543210',
  '30123',
];

/** Shapes of a credential on its way: a header carried into a log line. */
export const FORBIDDEN_SHAPES = [
  { name: 'session cookie', pattern: /comptoir_session=/i },
  { name: 'cookie header', pattern: /"(?:set-)?cookie"\s*:/i },
  { name: 'authorization header', pattern: /"authorization"\s*:|\bBearer\s+[\w.~+/-]{12,}/i },
  { name: 'kiosk credential header', pattern: /"x-comptoir-kiosk[\w-]*"\s*:/i },
];

/**
 * Whether `line` holds `value`. Digits alone count only as a whole number: `30123` inside a
 * request id, a timestamp or a duration (`30123.4`) is chance, not the bank transit number.
 */
function containsValue(line, value) {
  if (!/^\d+$/.test(value)) return line.includes(value);
  return new RegExp(`(?<![\\w.])${value}(?![\\w.])`).test(line);
}

/**
 * Every hit in `text`: the forbidden value (or the shape's name) and the line number. The
 * secrets of a run are reported by position only, never echoed.
 * @param {string} text
 * @param {readonly string[]} secrets
 */
export function findLeaks(text, secrets = []) {
  const hits = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    for (const value of FORBIDDEN_IN_LOGS) {
      if (containsValue(line, value)) hits.push({ line: index + 1, what: value });
    }
    secrets.forEach((secret, secretIndex) => {
      if (secret.length >= 8 && line.includes(secret))
        hits.push({ line: index + 1, what: `secret #${secretIndex + 1} of secrets.txt` });
    });
    for (const { name, pattern } of FORBIDDEN_SHAPES) {
      if (pattern.test(line)) hits.push({ line: index + 1, what: name });
    }
  });
  return hits;
}

function main() {
  const dir = process.argv[2] ?? process.env.COMPTOIR_E2E_LOG_DIR;
  const logs =
    dir && existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.log')) : [];
  if (logs.length === 0) {
    console.error(
      `[e2e-logs] no log files in ${dir ?? '(COMPTOIR_E2E_LOG_DIR unset)'}: this check runs after ` +
        'the e2e suite of the same `npm test`, which keeps its servers’ logs there.',
    );
    process.exit(1);
  }
  const secretsFile = join(dir, 'secrets.txt');
  const secrets = existsSync(secretsFile)
    ? readFileSync(secretsFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
    : [];
  let failures = 0;
  let bytes = 0;
  for (const file of logs) {
    const text = readFileSync(join(dir, file), 'utf8');
    bytes += text.length;
    for (const hit of findLeaks(text, secrets)) {
      failures++;
      console.error(`[e2e-logs] ${join(dir, file)}:${hit.line}: holds ${hit.what}`);
    }
  }
  console.log(
    `[e2e-logs] ${logs.length} log files (${bytes} bytes), ${secrets.length} secrets of the run: ` +
      `${failures === 0 ? 'nothing personal, no secret' : `${failures} leaks`}`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
