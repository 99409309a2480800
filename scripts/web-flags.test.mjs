// The web process takes command-line flags as the agent does (docs/configuration.md): flag >
// environment > default, with a readable refusal of an unknown flag. The built server
// (`node web/build`) is started with a flag and a variable that disagree: the flag wins.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { webEnvironment } from '../web/server/flags.js';
import { freePort } from './test-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

test('a flag beats the environment; the environment stays when no flag is given', () => {
  const env = { PORT: '3000', HOST: '0.0.0.0', ORIGIN: 'https://a.example', OTHER: 'kept' };
  const result = webEnvironment(
    ['--port', '3101', '--origin', 'https://b.example', '--data-dir', 'rel/dir'],
    env,
  );
  assert.equal(result.PORT, '3101');
  assert.equal(result.ORIGIN, 'https://b.example');
  assert.equal(result.COMPTOIR_DATA_DIR, resolve('rel/dir'));
  assert.equal(result.HOST, '0.0.0.0');
  assert.equal(result.OTHER, 'kept');
  assert.deepEqual(webEnvironment([], env), env);
});

test('an unknown flag, a missing value or a bad port is refused', () => {
  assert.throws(() => webEnvironment(['--database-url', 'postgres://x'], {}), /Unknown option/);
  assert.throws(() => webEnvironment(['--port'], {}), /argument missing/);
  assert.throws(() => webEnvironment(['--port', 'http'], {}), /a port is a number/);
});

test('node web/build --port listens where the flag says, not where PORT says', async () => {
  assert.ok(existsSync(join(root, 'web', 'build', 'flags.js')), 'web/build: build first');
  const [flagPort, envPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-web-flags-'));
  const child = spawn(
    process.execPath,
    ['build', '--host', '127.0.0.1', '--port', String(flagPort), '--data-dir', dataDir],
    {
      cwd: join(root, 'web'),
      env: { ...process.env, PORT: String(envPort), HOST: '0.0.0.0', COMPTOIR_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (c) => (output += c));
  try {
    let answer;
    for (let attempt = 0; attempt < 200 && !answer; attempt++) {
      answer = await fetch(`http://127.0.0.1:${flagPort}/api/health`).catch(() => undefined);
      if (!answer) await sleep(100);
    }
    assert.equal(answer?.status, 200, output);
    await assert.rejects(fetch(`http://127.0.0.1:${envPort}/api/health`));
    // The data dir of the flag holds the process's SQLite file.
    assert.ok(existsSync(join(dataDir, 'comptoir.sqlite')), `no database in ${dataDir}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('close', done));
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('node web/build refuses an unknown flag with its usage (exit 64)', () => {
  const result = spawnSync(process.execPath, ['build', '--prot', '3000'], {
    cwd: join(root, 'web'),
    encoding: 'utf8',
  });
  assert.equal(result.status, 64, result.stderr);
  assert.match(result.stderr, /usage: node build/);
});
