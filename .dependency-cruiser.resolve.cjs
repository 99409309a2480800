// Module resolution for dependency-cruiser (.dependency-cruiser.cjs, `options.webpackConfig`):
// only the `resolve` part of a webpack configuration is read, handed to enhanced-resolve.
const path = require('node:path');

module.exports = {
  resolve: {
    // SvelteKit's `$lib` alias (web/svelte.config.js default); `$app/*` and `$env/*` are
    // virtual modules of SvelteKit and stay unresolved.
    alias: { $lib: path.join(__dirname, 'web/src/lib') },
    // NodeNext imports name the emitted `.js` file; the source next to it is `.ts`.
    extensionAlias: { '.js': ['.ts', '.js'], '.mjs': ['.mts', '.mjs'] },
  },
};
