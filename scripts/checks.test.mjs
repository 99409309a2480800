// The two checks that run after the suites (api-statuses, e2e-logs), on small inputs: each
// finds what it must and nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { missingStatuses, openApiPathOf } from './api-statuses.mjs';
import { findLeaks } from './log-pii.mjs';

const scripts = dirname(fileURLToPath(import.meta.url));

const document = {
  paths: {
    '/api/transit/{number}': {
      parameters: [],
      get: { responses: { 200: {}, 404: {}, default: {} } },
    },
    '/jobs/{id}': { post: { responses: { 409: {} } } },
  },
};

test('route ids of both servers become OpenAPI paths', () => {
  assert.equal(openApiPathOf('/api/transit/[number]'), '/api/transit/{number}');
  assert.equal(openApiPathOf('/api/[...rest]'), '/api/{rest}');
  assert.equal(openApiPathOf('/jobs/:id/confirm-reprint'), '/jobs/{id}/confirm-reprint');
});

test('a documented status no test answered is named; `default` is no status', () => {
  const records = [
    { service: 'web', method: 'GET', route: '/api/transit/[number]', status: 200 },
    { service: 'agent', method: 'GET', route: '/api/transit/[number]', status: 404 },
    { service: 'agent', method: 'POST', route: '/jobs/:id', status: 409 },
  ];
  assert.deepEqual(missingStatuses({ web: document }, records), [
    'web GET /api/transit/{number} 404',
    'web POST /jobs/{id} 409',
  ]);
  assert.deepEqual(
    missingStatuses({ agent: { paths: { '/jobs/{id}': document.paths['/jobs/{id}'] } } }, records),
    [],
  );
});

test('the statuses check refuses to pass on no records, and says why', () => {
  const empty = mkdtempSync(join(tmpdir(), 'comptoir-records-'));
  try {
    const run = spawnSync(process.execPath, [join(scripts, 'api-statuses.mjs'), empty], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no route records/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the log check finds demo people, demo secrets, a run’s secrets and credential headers', () => {
  const log = [
    '{"msg":"request","route":"/api/history/[vin]","status":200,"requestId":"5f30123a-0000"}',
    '{"msg":"bad","lastName":"Morin"}',
    '{"headers":{"cookie":"x"}}',
    '{"durationMs":30123.4}',
    'token abcdefghijklmnop-run-secret',
  ].join('\n');
  assert.deepEqual(findLeaks(log, ['abcdefghijklmnop-run-secret']), [
    { line: 2, what: 'Morin' },
    { line: 3, what: 'cookie header' },
    { line: 5, what: 'secret #1 of secrets.txt' },
  ]);
});

test('the log check fails on a leak in a kept log and passes on a clean one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-logs-'));
  try {
    writeFileSync(join(dir, 'web.log'), '{"msg":"request","status":200}\n');
    const check = () =>
      spawnSync(process.execPath, [join(scripts, 'log-pii.mjs'), dir], { encoding: 'utf8' });
    assert.equal(check().status, 0, check().stderr);
    writeFileSync(join(dir, 'secrets.txt'), 'a-session-token-123\n');
    writeFileSync(join(dir, 'agent.log'), 'ok\nsaw a-session-token-123\n');
    const failed = check();
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /agent\.log:2: holds secret #1/);
    assert.doesNotMatch(failed.stderr, /a-session-token-123/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
