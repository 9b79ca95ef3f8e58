// `node bench/dicom-deidentify.ts`: in-browser de-identification throughput (slices per second) in Debian's
// Chromium, headless, on synthetic studies generated in the page: the code the uploader runs (dcmjs read,
// PS3.15 profile, HMAC UIDs with Web Crypto, masks, dcmjs write), on the page's main thread. Prints figures,
// asserts nothing. BENCH_SLICES (default 200) slices of 512x512 16-bit CT, and a quarter as many 640x480 RGB
// ultrasound frames with a mask.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import type { BenchResult } from './dicom-deidentify-entry.ts';

const slices = Number(process.env.BENCH_SLICES ?? 200);
const outDir = await mkdtemp(path.join(os.tmpdir(), 'cpms-dicom-bench-'));
try {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: true, lib: { entry: path.resolve(import.meta.dirname, 'dicom-deidentify-entry.ts'), formats: ['iife'], name: 'cpmsBench', fileName: () => 'bench.js' } },
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    // Web Crypto needs a secure context (https, or http on localhost, as in the app): the page is served as http://localhost, from here.
    const script = await readFile(path.join(outDir, 'bench.js'), 'utf8');
    await page.route('http://localhost/dicom-bench', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
    await page.goto('http://localhost/dicom-bench');
    await page.addScriptTag({ content: script });
    type Run = (modality: string, slices: number, rows: number, columns: number) => Promise<BenchResult>;
    const measure = (modality: string, count: number, rows: number, columns: number) => page.evaluate(([m, n, r, c]) => (globalThis as unknown as { cpmsDeidentifyBench: Run }).cpmsDeidentifyBench(m, n, r, c), [modality, count, rows, columns] as const);
    await measure('CT', 10, 512, 512); // warm-up (JIT, Web Crypto key import)
    for (const result of [await measure('CT', slices, 512, 512), await measure('US', Math.max(1, Math.round(slices / 4)), 480, 640)]) {
      process.stdout.write(`${result.modality}: ${result.slices} slices, ${result.megabytes.toFixed(1)} MiB in ${result.seconds.toFixed(2)} s = ${(result.slices / result.seconds).toFixed(1)} slices/s, ${(result.megabytes / result.seconds).toFixed(1)} MiB/s\n`);
    }
  } finally {
    await browser.close();
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}
