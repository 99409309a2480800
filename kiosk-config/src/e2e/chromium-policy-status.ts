import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChromiumPolicy } from '../chromium-policy.js';

/** Where Debian's Chromium reads machine policies (the directory is fixed in the binary). */
const CHROMIUM_ETC = '/etc/chromium';

/**
 * The status the installed Chromium gives each policy of `policy` on its own chrome://policy
 * page: `OK`, `Deprecated`, `Error` (an unknown name or a bad value)… The policy file is
 * mounted over `/etc/chromium` in a private mount namespace (`unshare`), so the machine's own
 * policies and every other browser on it are untouched. Needs root or user namespaces.
 */
export function chromiumPolicyStatuses(
  chromiumPath: string,
  policy: ChromiumPolicy,
): Record<string, string> {
  if (!existsSync(CHROMIUM_ETC))
    throw new Error(`${CHROMIUM_ETC} is missing: is Debian's chromium package installed?`);
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-policy-'));
  try {
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const playwright = createRequire(import.meta.url).resolve('playwright-core');
    writeFileSync(
      join(dir, 'read-policy-page.mjs'),
      `import { createRequire } from 'node:module';
const { chromium } = createRequire(import.meta.url)(${JSON.stringify(playwright)});
const names = ${JSON.stringify(Object.keys(policy))};
const browser = await chromium.launch({ executablePath: ${JSON.stringify(chromiumPath)} });
const page = await browser.newPage();
await page.goto('chrome://policy');
// The page fills its table from the browser after load; the set policies come first.
await page.waitForFunction(() => document.body.innerHTML.length > 0);
let text = '';
for (let i = 0; i < 50; i += 1) {
  text = await page.evaluate(() => {
    const walk = (n) => [...(n.shadowRoot ? n.shadowRoot.childNodes : []), ...n.childNodes]
      .map((c) => (c.nodeType === 3 ? c.textContent : walk(c))).join(' ');
    return walk(document.body).replace(/\\s+/g, ' ');
  });
  if (names.every((name) => text.includes(' ' + name + ' '))) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const statuses = {};
for (const name of names) {
  const row = new RegExp(' ' + name + ' .*? Status (\\\\w+) ').exec(text);
  statuses[name] = row ? row[1] : 'Absent';
}
console.log(JSON.stringify(statuses));
await browser.close();
`,
    );
    const inside = [
      'set -e',
      `mount -t tmpfs tmpfs ${CHROMIUM_ETC}`,
      `mkdir -p ${CHROMIUM_ETC}/policies/managed`,
      `cp "${join(dir, 'policy.json')}" ${CHROMIUM_ETC}/policies/managed/comptoir-kiosk.json`,
      `exec "${process.execPath}" "${join(dir, 'read-policy-page.mjs')}"`,
    ].join('\n');
    const isRoot = process.getuid?.() === 0;
    const result = spawnSync(
      'unshare',
      [
        ...(isRoot ? [] : ['--map-root-user']),
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        inside,
      ],
      { encoding: 'utf8', timeout: 90_000 },
    );
    if (result.status !== 0)
      throw new Error(`reading chrome://policy failed: ${result.stderr || result.stdout}`);
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, string>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
