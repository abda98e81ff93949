import { execFile } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findOnPath, type Progress } from './binaries.js';
import { ServiceStartError } from './errors.js';
import { FERRETDB_GIN_INDEXES_SQL } from './ferretdb-gin-indexes.js';
import { runToCompletion, startProcess, whenReady } from './managed-process.js';
import { ensureDir } from './paths.js';
import { pollUntil } from './wait.js';

const execFileAsync = promisify(execFile);

/** The socket file is `<dir>/.s.PGSQL.5432`; Unix socket paths end at 107 bytes. */
const MAX_SOCKET_DIR_LENGTH = 90;

export interface PostgresOptions {
  /** Holds `data/` (the cluster) and, when its path is short enough, `socket/`. */
  dir: string;
  /** fsync and synchronous commits on (npm start); off for throwaway test stores. */
  durable: boolean;
  logFile: string;
  progress: Progress;
}

export interface PostgresService {
  /** A libpq URL over the Unix socket (no TCP port is opened). */
  url: string;
  stop(): Promise<void>;
}

/** The directory holding `initdb`, `postgres` and `psql`: from PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgres(): string | undefined {
  // Through symlinks: psql sits beside the real initdb, not necessarily beside a link to it.
  const onPath = findOnPath('initdb');
  if (onPath && existsSync(join(realpathSync(onPath), '..', 'psql'))) return join(realpathSync(onPath), '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions
    .map((v) => join(root, v, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres')));
}

/**
 * Runs PostgreSQL as a child process for FerretDB: a cluster under `dir` (created on first use),
 * listening on a Unix socket only. initdb and postgres refuse to run as root, so as root they run as
 * the `postgres` account. Installs the GIN indexes that make FerretDB's pushed-down equality filters
 * use an index (docs/store.md).
 */
export async function startPostgres(bin: string, options: PostgresOptions): Promise<PostgresService> {
  const user = process.getuid?.() === 0 ? postgresAccount() : undefined;
  const dir = ensureDir(options.dir);
  const data = join(dir, 'data');
  const socketDir = shortEnough(join(dir, 'socket')) ?? mkdtempSync(join(tmpdir(), 'waymark-pg-'));
  ensureDir(socketDir);
  if (user) {
    for (const owned of [dir, socketDir]) chownSync(owned, user.uid, user.gid);
    // The account must be able to reach its directories through ours (a test's temp dir is 0700).
    for (const parent of [join(dir, '..'), join(socketDir, '..')]) allowTraversal(parent);
  }
  await stopLeftover(data);

  if (!existsSync(join(data, 'PG_VERSION'))) {
    options.progress('creating the PostgreSQL cluster for the store (first run only)...');
    await runToCompletion(
      join(bin, 'initdb'),
      ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-sync'],
      { logFile: options.logFile, user },
    );
  }
  const settings = [
    'listen_addresses=',
    `unix_socket_directories=${socketDir}`,
    // Trust authentication: only the owner (and root, which FerretDB runs as when the engine does) may connect.
    'unix_socket_permissions=0700',
    'max_connections=200',
    // FerretDB's prepared statements name the field as a parameter (`_jsonb->$1 @> $2`): only a plan
    // made with the values sees the expression of the GIN index. Planning costs well under a millisecond.
    'plan_cache_mode=force_custom_plan',
    ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  const proc = startProcess('postgres', join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], {
    logFile: options.logFile,
    user,
    stopSignal: 'SIGINT',
  });
  const psql = (sql: string) =>
    execFileAsync(join(bin, 'psql'), [
      '-h',
      socketDir,
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-qAt',
      '-c',
      sql,
    ]);
  try {
    await whenReady(
      proc,
      pollUntil(
        'PostgreSQL to accept connections',
        async () => ((await psql('SELECT 1')).stdout.trim() === '1' ? true : undefined),
        { timeoutMs: 30_000, intervalMs: 100 },
      ),
    );
    await psql(FERRETDB_GIN_INDEXES_SQL);
  } catch (cause) {
    await proc.stop();
    throw new ServiceStartError(
      'PostgreSQL',
      "starting the store's PostgreSQL",
      'See the log; set WAYMARK_EMBEDDED_STORE=sqlite to use FerretDB on SQLite instead.',
      { cause, logFile: options.logFile },
    );
  }
  // FerretDB holds two pooled connections per update (one for its query, one to write): a pool twice
  // the engine's own connection limit never runs dry. See docs/store.md, "Bounded concurrency".
  const url = `postgres://postgres@/postgres?host=${encodeURIComponent(socketDir)}&pool_max_conns=100`;
  return { url, stop: () => proc.stop(30_000) };
}

function postgresAccount(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) {
    throw new ServiceStartError(
      'PostgreSQL',
      'finding the postgres account',
      "PostgreSQL does not run as root and there is no postgres account: install Debian's postgresql package " +
        '(it creates one), run as another user, or set WAYMARK_EMBEDDED_STORE=sqlite.',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

function shortEnough(path: string): string | undefined {
  return Buffer.byteLength(path) <= MAX_SOCKET_DIR_LENGTH ? path : undefined;
}

function allowTraversal(dir: string): void {
  const mode = statSync(dir).mode;
  if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
}

/** A postgres left running by an engine that was killed: ask it to stop (fast shutdown) and wait. */
async function stopLeftover(data: string): Promise<void> {
  const pidFile = join(data, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  await pollUntil(`the leftover PostgreSQL (pid ${pid}) to stop`, async () => (isAlive(pid) ? undefined : true), {
    timeoutMs: 30_000,
    intervalMs: 100,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
