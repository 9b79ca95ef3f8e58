import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, webDistFolder } from '../platform/paths.ts';
import { CommandError } from './fail.ts';

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** Builds the web app when it is missing or older than its sources (npm start does this). */
export function buildWebIfStale(log: (line: string) => void): void {
  const builtAt = newestMtime(path.join(webDistFolder, 'index.html'));
  const sourcesAt = Math.max(
    newestMtime(path.join(projectRoot, 'web')),
    newestMtime(path.join(projectRoot, 'vite.config.ts')),
    newestMtime(path.join(projectRoot, 'package-lock.json')),
  );
  if (builtAt > 0 && builtAt >= sourcesAt) return;
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) {
    if (builtAt > 0) return; // an installation without dev tools serves what it has
    throw new CommandError('The web app is not built and Vite is not installed: run "npm ci" and "npm run build".');
  }
  log('Building the web app (first start, or its sources changed)...');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new CommandError('Building the web app failed (see above).');
}
