import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { firstScreenChunks } from './first-screen-chunks';

export default defineConfig({
  plugins: [
    sveltekit(),
    firstScreenChunks(),
    SvelteKitPWA({
      // The kiosk asks before updating (never under a person's feet): see update.service.ts.
      registerType: 'prompt',
      injectRegister: false,
      // Absolute: registered from deep links too (SvelteKit's relative base would give
      // /atac/sw.js).
      base: '/',
      scope: '/',
      manifest: {
        name: 'Comptoir — transactions des commerçants',
        short_name: 'Comptoir',
        description:
          'Attestations (ATAC), certificats de transit et immatriculations, même hors ligne.',
        lang: 'fr-CA',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b3d6b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Kiosk routes are a client-rendered shell: every navigation falls back to the
        // prerendered '/' so deep links open offline. Server pages and endpoints stay online.
        navigateFallback: '/',
        navigateFallbackDenylist: [/^\/api\//, /^\/verifier/, /^\/\.well-known\//],
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
        globPatterns: [
          'client/**/*.{js,css,ico,png,svg,webmanifest,wasm}',
          'prerendered/**/*.{html,json}',
        ],
      },
    }),
  ],
  test: {
    // The hostile suite (`npm run test:hostile`: built servers, floods, bursts) runs on its own.
    include: process.env.COMPTOIR_HOSTILE ? ['src/**/*.hostile.test.ts'] : ['src/**/*.test.ts'],
    exclude: process.env.COMPTOIR_HOSTILE ? [] : ['src/**/*.hostile.test.ts'],
    // Server tests start a registry on PostgreSQL: on a loaded 2-core machine 5 s is not enough
    // for a correct one. These bounds catch hangs; speed is measured by `npm run bench`.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
