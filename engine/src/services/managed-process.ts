import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDir } from './paths.js';

export interface ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  /** Resolves with the exit code when the process ends, whoever ended it. */
  readonly exited: Promise<number | null>;
  /** The stop signal (SIGTERM unless set), then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns a long-running service with stdout and stderr appended to a log file instead of the console. */
export interface ProcessOptions {
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this account (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  /** The signal that asks the service to stop (PostgreSQL: SIGINT, its fast shutdown). */
  stopSignal?: NodeJS.Signals;
}

export function startProcess(name: string, command: string, args: string[], { logFile, cwd, env, user, stopSignal = 'SIGTERM' }: ProcessOptions): ManagedProcess {
  ensureDir(dirname(logFile));
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const child: ChildProcess = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...user });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    // A spawn failure (ENOENT, EACCES) emits 'error' and no 'exit'.
    child.once('error', (error) => {
      log.write(`spawn error: ${error.message}\n`);
      resolve(null);
    });
  }).finally(() => log.end());

  async function stop(graceMs = 10_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill(stopSignal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  return { name, logFile, exited, stop };
}

/** Runs a command to completion with output in the log file; rejects with the exit code on failure. */
export async function runToCompletion(
  command: string,
  args: string[],
  options: ProcessOptions,
): Promise<void> {
  const proc = startProcess(command, command, args, options);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code ?? 'a spawn error'}`);
}

/** Waits for `ready`, failing as soon as the process exits instead; stops the process when it fails. */
export async function whenReady(proc: ManagedProcess, ready: Promise<unknown>): Promise<void> {
  try {
    await Promise.race([
      ready,
      proc.exited.then((code) => {
        throw new Error(`the process exited with code ${code}`);
      }),
    ]);
  } catch (error) {
    await proc.stop();
    throw error;
  }
}
