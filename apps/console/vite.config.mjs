// `npm run build:console` (part of `npm run build`): the staff console into dist/console, served
// by the API at /console/ (apps/api/src/console/serve-console.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/console/',
  // Preact's JSX runtime; no React, no Babel.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // Every font and icon as a file of its own: the Content-Security-Policy allows no data: fonts
    // (font-src falls back to 'self'), and a hashed file caches for a year.
    assetsInlineLimit: 0,
    // No source maps in what the API serves: they would publish the source tree's layout.
    sourcemap: false,
    reportCompressedSize: false,
    // Quiet builds: rolldown's per-plugin timing report is for tuning, not for every `npm start`.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  logLevel: 'warn',
});
