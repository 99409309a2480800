#!/usr/bin/env node
// `npm run bench`: every package's benchmarks (`<package>/bench/*.bench.ts`), one table.
//
// A benchmark prints one line per figure: `BENCH {"name", "figure", "unit", "baseline"?,
// "baselineName"?, "note"?}`. Figures and their baselines are measured in the same run, side by
// side, because these machines are noisy: the ratio is the number to read, not the absolute.
//
//   npm run bench                 all of them
//   npm run bench -- render       only files whose path contains "render"
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEnv } from './test-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const PACKAGES = ['shared', 'print-agent', 'web', 'kiosk-config'];

const files = PACKAGES.flatMap((pkg) => {
  const dir = join(root, pkg, 'bench');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => ({ pkg, file: `bench/${f}` }));
}).filter(({ pkg, file }) => !filter || `${pkg}/${file}`.includes(filter));

const baseEnv = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  TURBO_TELEMETRY_DISABLED: '1',
};
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: baseEnv,
});
if (build.status !== 0) process.exit(build.status ?? 1);

const { env: testEnv, stop } = await startTestEnv();
const env = { ...baseEnv, ...testEnv, NODE_ENV: 'production' };

const rows = [];
let failures = 0;
for (const { pkg, file } of files) {
  console.log(`\n[bench] ── ${pkg}/${file}`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: join(root, pkg),
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('BENCH ')) {
          try {
            rows.push({ pkg, ...JSON.parse(line.slice(6)) });
          } catch {
            console.error(`[bench] unreadable line: ${line}`);
          }
        } else {
          console.log(`  ${line}`);
        }
      }
    });
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    failures += 1;
    console.error(`[bench] ${pkg}/${file} exited with ${code}`);
  }
}
stop();

const fmt = (n) =>
  typeof n !== 'number'
    ? ''
    : Math.abs(n) >= 100
      ? n.toFixed(0)
      : Math.abs(n) >= 1
        ? n.toFixed(2)
        : n.toPrecision(3);
const table = rows.map((r) => ({
  package: r.pkg,
  name: r.name,
  figure: fmt(r.figure),
  unit: r.unit ?? '',
  baseline:
    r.baseline === undefined
      ? ''
      : `${fmt(r.baseline)}${r.baselineName ? ` (${r.baselineName})` : ''}`,
  ratio:
    typeof r.baseline === 'number' && r.baseline !== 0
      ? `${(r.figure / r.baseline).toFixed(2)}x`
      : '',
  note: r.note ?? '',
}));
const columns = ['package', 'name', 'figure', 'unit', 'baseline', 'ratio', 'note'];
const widths = columns.map((c) => Math.max(c.length, ...table.map((r) => String(r[c]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
console.log(`\n${line(columns)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
for (const r of table) console.log(line(columns.map((c) => r[c])));
process.exit(failures > 0 ? 1 : 0);
