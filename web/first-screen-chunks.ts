import type { Plugin } from 'vite';

/** The modules the kiosk's first screen starts from (the app shell and the home screen). */
const FIRST_SCREEN_ROOTS = [
  /@sveltejs\/kit\/src\/runtime\/client\/entry\.js$/,
  /\.svelte-kit\/generated\/client-optimized\/app\.js$/,
  /\/src\/routes\/\+layout\.svelte$/,
  /\/src\/routes\/\(kiosk\)\/\+layout\.(svelte|ts)$/,
  /\/src\/routes\/\(kiosk\)\/\+page\.svelte$/,
];

interface ModuleGraph {
  getModuleIds(): IterableIterator<string>;
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/** The modules reachable by static imports from the first screen's roots. */
function reachable(graph: ModuleGraph): Set<string> {
  const seen = new Set<string>();
  const stack = [...graph.getModuleIds()].filter((id) =>
    FIRST_SCREEN_ROOTS.some((root) => root.test(id)),
  );
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * Fewer, larger chunks for the first screen: every module the shell and the home screen import
 * statically goes into three chunks (the framework, the libraries, the kiosk's own code)
 * instead of ~30 small ones that the browser fetched one after another through the service
 * worker (403-663 ms to interactive from its cache). Other screens keep their own chunks,
 * so what they add does not weigh on the home screen. Client build only.
 *
 * @example
 * plugins: [sveltekit(), firstScreenChunks()]
 */
export function firstScreenChunks(): Plugin {
  // Known once the module graph is complete (buildEnd), before chunks are made.
  let firstScreen = new Set<string>();
  let isClient = false;
  return {
    name: 'comptoir-first-screen-chunks',
    apply: 'build',
    buildEnd() {
      if (isClient) firstScreen = reachable(this);
    },
    config(_config, env) {
      isClient = !env.isSsrBuild;
      if (!isClient) return undefined;
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                // Highest priority first: a module goes to the first group that takes it,
                // and a group also takes what its modules import, so the libraries are
                // claimed before the kiosk's code would pull them into its own chunk.
                groups: [
                  {
                    name: 'framework',
                    priority: 3,
                    test: (id) =>
                      firstScreen.has(id) &&
                      /node_modules\/(svelte|@sveltejs|esm-env|devalue)\//.test(id),
                  },
                  {
                    name: 'libraries',
                    priority: 2,
                    test: (id) => firstScreen.has(id) && id.includes('/node_modules/'),
                  },
                  { name: 'first-screen', priority: 1, test: (id) => firstScreen.has(id) },
                ],
              },
            },
          },
        },
      };
    },
  };
}
