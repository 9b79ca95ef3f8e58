import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web app lives in web/ and builds to dist/web, which the server serves (with the SPA fallback). */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Keep everything in files: the server's CSP allows no inline script and only nonced styles.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: a separate chunk stays cached across releases.
        advancedChunks: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
