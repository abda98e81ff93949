import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli } from './ops/worker-processes.js';

describe('waymark with a bad configuration', () => {
  it.each(['start', 'worker'])('`waymark %s` stops before starting anything, naming the variable', (command) => {
    const run = spawnSync(process.execPath, [cli, command], {
      env: { ...process.env, WAYMARK_METRICS_PORT: 'nine', WAYMARK_EMBEDDED_STORE: 'mysql' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `waymark ${command}: invalid configuration: WAYMARK_EMBEDDED_STORE must be "postgresql" or "sqlite", got "mysql"; ` +
        'WAYMARK_METRICS_PORT must be a port number (0 picks a free one), got "nine"\n',
    );
  });
});
