// Module boundaries of the monorepo, checked by `npm run depcruise` (part of `npm run check`
// and of the `boundaries` suite of `npm test`). Paths are relative to the repository root.
//
// Most layering rules name folders of the target layout (docs/architecture.md): a rule on a
// folder that does not exist yet matches nothing and passes; it applies as soon as the
// folder appears. Tests, test support, e2e specs and benches are exempt from the layering
// rules, never from the no-cycle rule.
//
// `.svelte` files are read through the Svelte compiler (svelte/compiler, installed with web):
// their value imports count, their `import type` lines are compiled away and do not.

/** Tests and test support: free to reach across layers to set things up. */
const TESTS = [
  '\\.(test|spec)\\.[cm]?[jt]s$',
  '\\.testing\\.[cm]?[jt]s$',
  '(^|/)(e2e|bench|testing)/',
  '(^|/)vitest\\.config\\.[cm]?[jt]s$',
];

const WEB = '^web/src/';
const LIB = '^web/src/lib/';
const SERVER = '^web/src/lib/server/';
const ROUTES = '^web/src/routes/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycle anywhere (shared, web, print-agent, kiosk-config), tests included: ' +
        'break it with a smaller module both sides import, or by passing the dependency in.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'routes-not-offline',
      severity: 'error',
      comment:
        'Routes never touch IndexedDB: the kiosk reaches lib/offline only through the command ' +
        'client (lib/commands) and the stores/services.',
      from: { path: ROUTES, pathNot: TESTS },
      to: { path: `${LIB}offline/` },
    },
    {
      name: 'forms-are-pure-mapping',
      severity: 'error',
      comment:
        'lib/forms maps screen values to commands and back: it may import @comptoir/shared, ' +
        'other lib/forms files and lib/i18n, nothing else of web/src (no offline, services, ' +
        'commands, server), no SvelteKit runtime ($app) and no Dexie.',
      from: { path: `${LIB}forms/`, pathNot: TESTS },
      to: {
        path: [WEB, '^\\$app/', '^\\$env/', '(^|/)node_modules/dexie/', '^dexie$'],
        pathNot: [`${LIB}forms/`, `${LIB}i18n/`],
      },
    },
    {
      name: 'pipeline-not-transport',
      severity: 'error',
      comment:
        'lib/server/pipeline applies commands without knowing the transport: sync/ and ' +
        'routes call it, it never imports sync/, endpoints/ or routes.',
      from: { path: `${SERVER}pipeline/`, pathNot: TESTS },
      to: { path: [`${SERVER}(sync|endpoints)/`, ROUTES] },
    },
    {
      name: 'handlers-are-rules-only',
      severity: 'error',
      comment:
        'Command handlers (lib/server/commands) hold the rules only: they reach the database ' +
        'through registry/ and never import pipeline/, sync/, http/, endpoints/ or routes.',
      from: { path: `${SERVER}commands/`, pathNot: TESTS },
      to: { path: [`${SERVER}(pipeline|sync|http|endpoints)/`, ROUTES] },
    },
    {
      name: 'handlers-no-sql',
      severity: 'error',
      comment:
        'Command handlers (lib/server/commands) never import kysely: their SQL lives in ' +
        'lib/server/registry/*.repo.ts, shared with the read endpoints (types included).',
      from: { path: `${SERVER}commands/`, pathNot: TESTS },
      to: { path: ['^kysely$', '(^|/)node_modules/kysely/'] },
    },
    {
      name: 'endpoints-and-sync-no-sql',
      severity: 'error',
      comment:
        'Read endpoints (lib/server/endpoints) and the transports (lib/server/sync) never ' +
        'import kysely: their SQL lives in lib/server/registry/*.repo.ts, shared with the ' +
        'command handlers (types included).',
      from: { path: `${SERVER}(endpoints|sync)/`, pathNot: TESTS },
      to: { path: ['^kysely$', '(^|/)node_modules/kysely/'] },
    },
    {
      name: 'registry-only-db',
      severity: 'error',
      comment:
        'Repositories (lib/server/registry) are the only SQL outside db/: they may import db/, ' +
        'other repositories, @comptoir/shared and npm packages, nothing else of web/src.',
      from: { path: `${SERVER}registry/`, pathNot: TESTS },
      to: { path: WEB, pathNot: [`${SERVER}(registry|db)/`] },
    },
    {
      name: 'http-knowledge-in-http-and-sync',
      severity: 'error',
      comment:
        'Only lib/server/http, lib/server/sync and routes know HTTP (@sveltejs/kit): the rest ' +
        'of the server throws CommandRejection or returns values, never HTTP errors.',
      from: { path: SERVER, pathNot: [`${SERVER}(http|sync)/`, ...TESTS] },
      to: { path: ['^@sveltejs/kit($|/)', '(^|/)node_modules/@sveltejs/kit/'] },
    },
    {
      name: 'demo-only-from-start',
      severity: 'error',
      comment:
        'Demo data (lib/server/demo) is loaded by the start path only (lib/server/start*, ' +
        'demo/ itself, scripts, tests), never by the server context or the application.',
      from: {
        path: WEB,
        pathNot: [`${SERVER}start[^/]*$`, `${SERVER}start/`, `${SERVER}demo/`, ...TESTS],
      },
      to: { path: `${SERVER}demo/` },
    },
    {
      name: 'web-not-print-agent',
      severity: 'error',
      comment:
        'The kiosk talks to the print agent over HTTP through its typed client built on the ' +
        'shared job schemas: web never imports print-agent (the package or its files).',
      from: { path: '^web/' },
      to: {
        path: [
          '^print-agent/',
          '(^|/)node_modules/@comptoir/print-agent(/|$)',
          '^@comptoir/print-agent',
        ],
      },
    },
    {
      name: 'shared-imports-no-app',
      severity: 'error',
      comment: 'shared is the bottom layer: it never imports web, print-agent or kiosk-config.',
      from: { path: '^shared/' },
      to: {
        path: [
          '^(web|print-agent|kiosk-config)/',
          '^@comptoir/(web|print-agent|kiosk-config)',
          '(^|/)node_modules/@comptoir/(web|print-agent|kiosk-config)(/|$)',
        ],
      },
    },
  ],
  options: {
    moduleSystems: ['es6', 'cjs'],
    // Type-only imports are dependencies too: a handler that imports a route's types knows
    // the route.
    tsPreCompilationDeps: true,
    doNotFollow: { path: ['(^|/)node_modules/', '^[^/]+/dist/'] },
    // The four packages are cruised whole (`npm run depcruise`), minus what is generated;
    // npm packages stay in the graph (rules name some) but are not followed.
    exclude: {
      path: [
        '^[^/]+/(dist|build|coverage|test-results|playwright-report)/',
        '^[^/]+/\\.(svelte-kit|turbo)/',
        '^web/static/',
      ],
    },
    // The `$lib` alias and NodeNext's `.js` -> `.ts`: a webpack-style `resolve` (the
    // configuration schema allows no alias here).
    webpackConfig: { fileName: '.dependency-cruiser.resolve.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.d.ts', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
    progress: { type: 'none' },
  },
};
