import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Cornerstone3D (the DICOM viewer) and what only it uses: kept out of the vendor chunk, so they load with the viewer.
 * dcmjs is here too (the de-identification worker bundles its own copy).
 */
const viewerLibraries =
  /node_modules[\\/](@cornerstonejs|@kitware|@babel[\\/]runtime-corejs3|core-js-pure|dcmjs|dicom-parser|gl-matrix|comlink|loglevel|pako|ndarray|lodash\.clonedeep|d3-[a-z]+|internmap|xmlbuilder2|@oozcitak|utif|spark-md5|seedrandom|fflate|webworker-promise|js-yaml|events)[\\/]/;

/** The web app lives in web/ and builds to dist/web, which the server serves (with the SPA fallback). */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  // vtk.js (under Cornerstone3D) pulls in xmlbuilder2, which extends Node's EventEmitter when it loads: the
  // browser build of the same API.
  resolve: { alias: { events: fileURLToPath(new URL('./node_modules/events/events.js', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Keep everything in files: the server's CSP allows no inline script and only nonced styles.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change far less often than the app: a separate chunk stays cached across releases.
        // The DICOM viewer's libraries (Cornerstone3D, vtk.js, the codecs) stay out of it and are left to the
        // bundler: they load with the viewer, on demand (grouping them into one chunk breaks their import order).
        advancedChunks: {
          groups: [
            { name: 'preload', test: /preload-helper/, priority: 2 },
            { name: 'vendor', test: (id: string) => /node_modules[\\/]/.test(id) && !viewerLibraries.test(id), priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
