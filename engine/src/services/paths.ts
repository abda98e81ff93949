import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../config.js';

/** The repository root: engine/src/services (tests) and engine/dist/services (built) both sit three levels down. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A configured directory (relative to the working directory), else `fallback` in the repository. */
function directory(given: string | undefined, fallback: string): string {
  if (!given) return join(repoRoot, fallback);
  return isAbsolute(given) ? given : resolve(given);
}

/** Runtime state (databases, logs, generated tokens): WAYMARK_DATA_DIR, else `.data`. Git-ignored. */
export function dataDir(): string {
  return directory(config().dataDir, '.data');
}

/** Binaries built from Go modules, reused across runs: WAYMARK_BIN_DIR, else `.cache/bin`. Git-ignored. */
export function binDir(): string {
  return directory(config().binDir, '.cache/bin');
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
