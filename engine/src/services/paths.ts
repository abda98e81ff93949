import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: engine/src/services (tests) and engine/dist/services (built) both sit three levels down. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function fromEnv(name: string, fallback: string): string {
  const value = process.env[name];
  if (!value) return join(repoRoot, fallback);
  return isAbsolute(value) ? value : resolve(value);
}

/** Runtime state (databases, logs, generated tokens). Git-ignored. */
export function dataDir(): string {
  return fromEnv('WAYMARK_DATA_DIR', '.data');
}

/** Binaries built from Go modules, reused across runs. Git-ignored. */
export function binDir(): string {
  return fromEnv('WAYMARK_BIN_DIR', '.cache/bin');
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
