import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const routesDir = fileURLToPath(new URL('../../src/routes', import.meta.url));

/** A page of the app as found on disk. */
export interface AppPage {
  /** SvelteKit's route id, e.g. `/(kiosk)/document/[numero]`. */
  routeId: string;
  /** The dynamic parameters' names, in order (`numero`). */
  params: string[];
  /** True for pages in the `(kiosk)` group, which need a signed-in account (but /connexion). */
  isKiosk: boolean;
}

function pageDirs(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const own = entries.some((entry) => entry.isFile() && entry.name === '+page.svelte') ? [dir] : [];
  return [
    ...own,
    ...entries
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => pageDirs(join(dir, entry.name))),
  ];
}

/**
 * Every page of the app, read from `src/routes` (a page is a folder with a `+page.svelte`), so
 * a screen added by anyone is visited without editing the tests.
 */
export function appPages(): AppPage[] {
  return pageDirs(routesDir)
    .map((dir) => {
      const segments = relative(routesDir, dir).split(sep).filter(Boolean);
      const routeId = `/${segments.join('/')}`;
      const params = segments.flatMap((segment) => {
        const match = /^\[{1,2}(?:\.\.\.)?(\w+)(?:=\w+)?\]{1,2}$/.exec(segment);
        return match?.[1] ? [match[1]] : [];
      });
      return { routeId, params, isKiosk: segments[0] === '(kiosk)' };
    })
    .sort((a, b) => a.routeId.localeCompare(b.routeId));
}

/**
 * The URL path of a route id with the given parameter values: groups `(name)` vanish,
 * `[param]` takes its value (an optional one without value vanishes).
 */
export function pathOf(routeId: string, values: Readonly<Record<string, string>>): string {
  const segments = routeId
    .split('/')
    .filter((segment) => segment && !/^\(.+\)$/.test(segment))
    .flatMap((segment) => {
      const match = /^\[{1,2}(?:\.\.\.)?(\w+)(?:=\w+)?\]{1,2}$/.exec(segment);
      if (!match?.[1]) return [segment];
      const value = values[match[1]];
      if (value === undefined && segment.startsWith('[[')) return [];
      return [encodeURIComponent(value ?? 'demo')];
    });
  return `/${segments.join('/')}`;
}
