import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../src/services/paths.js';
import { pollUntil } from '../../src/services/wait.js';

export const cli = join(repoRoot, 'engine', 'dist', 'cli.js');

export interface WaymarkProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the exit code (or signal) is known. */
  exited: Promise<number | string | null>;
}

/** `node engine/dist/cli.js <command>` as a real child process; its output is kept for assertions and failures. */
export function spawnWaymark(command: string, env: NodeJS.ProcessEnv): WaymarkProcess {
  const { TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL, ...inherited } = process.env;
  const dataDir = mkdtempSync(join(tmpdir(), 'waymark-proc-'));
  const child = spawn(process.execPath, [cli, command], {
    env: { ...inherited, WAYMARK_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code ?? signal);
    }),
  );
  return { child, output: () => output, exited };
}

/** A `waymark worker` on `taskQueue`; resolves once it polls, with the URL of its metrics endpoint. */
export async function startWorkerProcess(
  env: { TEMPORAL_ADDRESS: string; MONGODB_URI: string; WAYMARK_TASK_QUEUE: string } & NodeJS.ProcessEnv,
): Promise<WaymarkProcess & { metricsUrl: string }> {
  const worker = spawnWaymark('worker', env);
  const metricsUrl = await pollUntil(
    'the worker to poll',
    async () => {
      if (worker.child.exitCode !== null) throw new Error(`waymark worker exited: ${worker.output()}`);
      return /metrics on (\S+\/metrics)/.exec(worker.output())?.[1];
    },
    { timeoutMs: 60_000 },
  );
  return { ...worker, metricsUrl };
}
