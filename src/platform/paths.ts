import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository (installation) root, resolved from this file so it works from any working directory. */
export const projectRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const migrationsFolder = path.join(projectRoot, 'migrations');
export const webDistFolder = path.join(projectRoot, 'dist', 'web');
