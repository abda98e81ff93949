import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { dataDir, ensureDir } from './paths.js';

/** What a pid file records: the child, who started it, and the exact command line to recognise it by. */
interface PidRecord {
  pid: number;
  /** The engine process that started it; while that one lives, the child is not a leftover. */
  owner: number;
  command: string;
  args: string[];
}

const runDir = () => join(dataDir(), 'run');

/** One pid file per service instance, named like its log file (`temporal-7233.pid`). */
export const pidFileFor = (logFile: string): string => join(runDir(), `${basename(logFile, '.log')}.pid`);

export function writePidFile(file: string, child: Omit<PidRecord, 'owner'>): void {
  ensureDir(runDir());
  writeFileSync(file, JSON.stringify({ ...child, owner: process.pid } satisfies PidRecord) + '\n');
}

/** Removes the pid file if it still names `pid` (a newer run may have replaced it). */
export function removePidFile(file: string, pid: number | undefined): void {
  const record = readRecord(file);
  if (record && record.pid === pid) rmSync(file, { force: true });
}

/**
 * Stops children a previous engine started and left running (it was killed with -9): their owner is
 * gone, and the process under the recorded pid still runs the recorded command line (so a reused pid
 * is never touched). Runs before the services bind their ports. Returns what it stopped.
 */
export async function stopLeftovers(): Promise<string[]> {
  const dir = runDir();
  if (!existsSync(dir)) return [];
  const stopped: string[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.pid'))) {
    const file = join(dir, name);
    const record = readRecord(file);
    if (!record || isAlive(record.owner)) continue;
    if (isAlive(record.pid) && sameCommandLine(record)) {
      await terminate(record.pid);
      stopped.push(`${basename(name, '.pid')} (pid ${record.pid})`);
    }
    rmSync(file, { force: true });
  }
  return stopped;
}

function readRecord(file: string): PidRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sameCommandLine({ pid, command, args }: PidRecord): boolean {
  const expected = [command, ...args];
  try {
    const procFile = `/proc/${pid}/cmdline`;
    if (existsSync(procFile)) {
      const actual = readFileSync(procFile, 'utf8').split('\0').slice(0, -1);
      return actual.length === expected.length && actual.every((part, i) => part === expected[i]);
    }
    return (
      execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim() === expected.join(' ')
    );
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after 5 s. */
async function terminate(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await delay(50);
}
