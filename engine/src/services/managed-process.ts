import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureDir } from './paths.js';
import { pidFileFor, removePidFile, writePidFile } from './pid-files.js';
import type { HealthReport } from '@waymark/workflows/api';

/** An embedded service's supervision state, as `/health` shows it (`restarting`: it died and waits for its next start). */
export type ProcessStatus = NonNullable<HealthReport['services']>[number];

export interface ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  /** Resolves with the exit code when the first run ends (a start that fails, a command that completes). */
  readonly exited: Promise<number | null>;
  status(): ProcessStatus;
  /** From now on, a run that ends without stop() is started again, after 1 s, 2 s, 4 s ... up to 30 s. */
  supervise(): void;
  /** The stop signal (SIGTERM unless set), then SIGKILL if it has not exited within `graceMs`; no restart afterwards. */
  stop(graceMs?: number): Promise<void>;
}

export interface ProcessOptions {
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this account (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  /** The signal that asks the service to stop (PostgreSQL: SIGINT, its fast shutdown). */
  stopSignal?: NodeJS.Signals;
}

/** A run that lasted this long was healthy: the next restart waits the shortest backoff again. */
const STABLE_MS = 60_000;
const backoffMs = (failures: number) => Math.min(1_000 * 2 ** (failures - 1), 30_000);

/** Every process started here and not yet stopped: /health reports them, a forced exit kills them. */
const running = new Set<{ status(): ProcessStatus; kill(): void }>();

/** The status of every managed process of this engine process. */
export const managedStatuses = (): ProcessStatus[] => [...running].map((proc) => proc.status());

/** SIGKILLs every managed child at once (a second Ctrl-C, or a shutdown past its deadline). */
export function killManagedProcesses(): void {
  for (const proc of running) proc.kill();
}

/**
 * Spawns a long-running service with stdout and stderr appended to a log file instead of the console.
 * Each run's pid is kept in a pid file under the data dir, so a later start can stop what an engine
 * killed with -9 left behind (see pid-files.ts).
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  { logFile, cwd, env, user, stopSignal = 'SIGTERM' }: ProcessOptions,
): ManagedProcess {
  ensureDir(dirname(logFile));
  const log = createWriteStream(logFile, { flags: 'a' });
  const pidFile = pidFileFor(logFile);
  let child: ChildProcess;
  let stopping = false;
  let supervised = false;
  let restarts = 0;
  let failures = 0;
  let lastExit: string | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let resolveFirst: (code: number | null) => void;
  const exited = new Promise<number | null>((resolve) => (resolveFirst = resolve));
  let currentExit: Promise<void> = Promise.resolve();

  const status = (): ProcessStatus => ({
    name,
    state: stopping || (!supervised && lastExit !== undefined) ? 'stopped' : restartTimer ? 'restarting' : 'running',
    restarts,
    ...(lastExit ? { lastExit } : {}),
  });
  const handle = { status, kill: () => child.kill('SIGKILL') };

  const run = (): void => {
    log.write(`\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
    const startedAt = Date.now();
    child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...user });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    if (child.pid !== undefined) writePidFile(pidFile, { pid: child.pid, command, args });
    currentExit = new Promise<void>((resolve) => {
      const ended = (code: number | null, description: string) => {
        removePidFile(pidFile, child.pid);
        lastExit = description;
        resolveFirst(code);
        resolve();
        if (stopping || !supervised) return finish();
        failures = Date.now() - startedAt > STABLE_MS ? 1 : failures + 1;
        log.write(`--- exited (${description}); restarting in ${backoffMs(failures)} ms\n`);
        restartTimer = setTimeout(() => {
          restartTimer = undefined;
          restarts++;
          run();
        }, backoffMs(failures));
      };
      child.once('exit', (code, signal) => ended(code, signal ? `signal ${signal}` : `code ${code}`));
      // A spawn failure (ENOENT, EACCES) emits 'error' and no 'exit'.
      child.once('error', (error) => {
        log.write(`spawn error: ${error.message}\n`);
        ended(null, `spawn error: ${error.message}`);
      });
    });
  };
  const finish = () => {
    running.delete(handle);
    log.end();
  };

  running.add(handle);
  run();

  async function stop(graceMs = 10_000): Promise<void> {
    stopping = true;
    if (restartTimer) {
      clearTimeout(restartTimer);
      restartTimer = undefined;
      finish();
      return;
    }
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill(stopSignal);
    await Promise.race([currentExit, delay(graceMs, undefined, { ref: false })]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await currentExit;
    }
  }

  return { name, logFile, exited, status, supervise: () => void (supervised = true), stop };
}

/** Runs a command to completion with output in the log file; rejects with the exit code on failure. */
export async function runToCompletion(command: string, args: string[], options: ProcessOptions): Promise<void> {
  const proc = startProcess(command, command, args, options);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code ?? 'a spawn error'}`);
}

/**
 * Waits for `ready`, failing as soon as the process exits instead; stops the process when it fails.
 * Once ready, the process is supervised: it is restarted when it dies.
 */
export async function whenReady(proc: ManagedProcess, ready: Promise<unknown>): Promise<void> {
  let settled = false;
  try {
    await Promise.race([
      ready,
      proc.exited.then((code) => {
        if (!settled) throw new Error(`the process exited with code ${code}`);
      }),
    ]);
  } catch (error) {
    await proc.stop();
    throw error;
  } finally {
    settled = true;
  }
  proc.supervise();
}
