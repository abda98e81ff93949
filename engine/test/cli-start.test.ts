import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/services/paths.js';
import { isPortOpen, pollUntil } from '../src/services/wait.js';
import { startPorts } from './ports.js';

const cli = join(repoRoot, 'engine', 'dist', 'cli.js');

/** Runs `waymark start` as `npm start` does, on free ports with its own data dir. */
function startWaymark(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [cli, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  return exited;
}

describe('waymark start (npm start)', () => {
  it('prints the URL table, serves /health with every dependency up, and Ctrl-C leaves nothing running', async () => {
    expect(existsSync(cli), 'engine/dist/cli.js is missing: run `npm run build` first').toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'waymark-start-'));
    const ports = await startPorts();
    const { TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL, ...inherited } = process.env;
    const env = {
      ...inherited,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      WAYMARK_DATA_DIR: dataDir,
    };

    const first = startWaymark(env);
    await pollUntil('the ready line', async () => (first.output().includes('ready in') ? true : undefined), {
      timeoutMs: 90_000,
    });
    const table = first.output();
    expect(table).toContain(`Designer + API  http://localhost:${ports.PORT}`);
    expect(table).toContain(`Temporal UI     http://localhost:${ports.TEMPORAL_UI_PORT}`);
    expect(table).toContain(`Mail inbox      http://localhost:${ports.MAIL_UI_PORT}`);
    const adminToken = /Admin token\s+(\S+)/.exec(table)?.[1];
    expect(adminToken).toMatch(/^wm_admin_/);

    expect(await (await fetch(`http://127.0.0.1:${ports.PORT}/health`)).json()).toEqual({ status: 'ok' });
    const health = (await (
      await fetch(`http://127.0.0.1:${ports.PORT}/health`, { headers: { authorization: `Bearer ${adminToken}` } })
    ).json()) as { status: string; dependencies: Record<string, { status: string }> };
    expect(health.status).toBe('ok');
    expect(Object.values(health.dependencies).map((d) => d.status)).toEqual(['up', 'up', 'up']);
    expect((await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.MAIL_UI_PORT}/`, { headers: { accept: 'text/html' } })).status).toBe(
      200,
    );

    expect(await stop(first.child)).toBe(0);
    for (const port of Object.values(ports)) expect(await isPortOpen(port), `port ${port} still open`).toBe(false);
    const leftovers = execFileSync('ps', ['-eo', 'args'])
      .toString()
      .split('\n')
      .filter((line) => line.includes(dataDir));
    expect(leftovers).toEqual([]);

    // A second start reuses the cached binaries and keeps the data (the generated tokens among it).
    const second = startWaymark(env);
    await pollUntil('the ready line again', async () => (second.output().includes('ready in') ? true : undefined), {
      timeoutMs: 60_000,
    });
    expect(second.output()).toContain(adminToken!);
    expect(second.output()).not.toContain('building');
    expect(await stop(second.child)).toBe(0);
  }, 180_000);
});
