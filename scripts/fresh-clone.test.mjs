// `npx comptoir-site` at the root of a fresh clone, as kiosk-config/README.md says: npm must
// find the command in the clone itself (the committed launcher it links at install), never ask
// the public registry, and say plainly when the CLI is not built yet. The clone's dependencies
// are this checkout's (hard links), and `npm rebuild --ignore-scripts` links the commands as
// `npm ci` does; `--offline` turns any registry request into a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('npx comptoir-site runs from a fresh clone, says when it is not built, never asks the registry', () => {
  for (const built of ['shared/dist/index.js', 'kiosk-config/dist/cli.js'])
    assert.ok(existsSync(join(root, built)), `${built} is missing: build first (npm run build)`);
  const clone = join(mkdtempSync(join(tmpdir(), 'comptoir-clone-')), 'comptoir');
  try {
    assert.equal(run('git', ['clone', '--quiet', root, clone], root).status, 0);
    spawnSync('cp', ['-al', join(root, 'node_modules'), join(clone, 'node_modules')]);
    rmSync(join(clone, 'node_modules', '.bin'), { recursive: true, force: true });
    const linked = run('npm', ['rebuild', '--offline', '--ignore-scripts'], clone);
    assert.equal(linked.status, 0, linked.output);

    const unbuilt = run('npx', ['--offline', 'comptoir-site', 'validate', 'x.json'], clone);
    assert.equal(unbuilt.status, 1, unbuilt.output);
    assert.match(unbuilt.output, /not built yet/);
    assert.match(unbuilt.output, /npm run build/);
    assert.doesNotMatch(unbuilt.output, /ENOTCACHED|registry/);

    for (const dist of ['shared/dist', 'kiosk-config/dist'])
      cpSync(join(root, dist), join(clone, dist), { recursive: true });
    const site = join('kiosk-config', 'sites', 'demo.json');
    const validated = run('npx', ['--offline', 'comptoir-site', 'validate', site], clone);
    assert.equal(validated.status, 0, validated.output);
  } finally {
    rmSync(dirname(clone), { recursive: true, force: true });
  }
});
