#!/usr/bin/env node
// The `comptoir-site` command as npm links it. npm links a bin only if its file exists when it
// installs, and the compiled CLI (dist/cli.js) does not exist right after `npm ci` on a fresh
// clone: without this committed launcher, `npx comptoir-site` found no local command and went
// to the public registry for a package of that name. Plain JavaScript, so it needs no build.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const cli = new URL('../dist/cli.js', import.meta.url);
/** True when the workspace package the CLI imports is built (Node resolves only existing files). */
function isSharedBuilt() {
  try {
    createRequire(import.meta.url).resolve('@comptoir/shared');
    return true;
  } catch {
    return false;
  }
}
if (!existsSync(cli) || !isSharedBuilt()) {
  process.stderr.write(
    'comptoir-site n’est pas encore compilé / is not built yet.\n' +
      'À la racine du dépôt / at the repository root: npm run build\n' +
      '(or only what it needs: npx turbo run build --filter=@comptoir/kiosk-config)\n',
  );
  process.exit(1);
}
await import(cli.href);
