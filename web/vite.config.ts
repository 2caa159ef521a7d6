// Builds the web app into dist/, which `continuum serve` serves at /.
// During development, `npx vite` serves the pages with hot reload and passes /api to a running
// server: CONTINUUM_API=http://127.0.0.1:8080 npx vite
import { defineConfig } from 'vite';

export default defineConfig({
  // Everything the pages load is bundled here: no CDN, no web font, and no asset inlined as a
  // data: URL, so the server can serve every file as it is.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': process.env.CONTINUUM_API ?? 'http://127.0.0.1:8080',
    },
  },
});
