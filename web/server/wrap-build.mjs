// After `vite build`: adapter-node's entry becomes build/adapter-index.js and ours
// (server/entry.js) takes its place as build/index.js, so `node build` runs the wrapped one.
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(web, 'build');
if (!existsSync(join(built, 'adapter-index.js'))) {
  renameSync(join(built, 'index.js'), join(built, 'adapter-index.js'));
}
copyFileSync(join(web, 'server', 'entry.js'), join(built, 'index.js'));
copyFileSync(join(web, 'server', 'flags.js'), join(built, 'flags.js'));
copyFileSync(join(web, 'server', 'early-refusals.js'), join(built, 'early-refusals.js'));
copyFileSync(join(web, 'server', 'agent-origins.js'), join(built, 'agent-origins.js'));
