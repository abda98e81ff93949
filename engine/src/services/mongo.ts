import mongoose from 'mongoose';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cachedBinary, ferretDb, findOnPath, type Progress } from './binaries.js';
import { ServiceStartError } from './errors.js';
import { startProcess, whenReady, type ManagedProcess } from './managed-process.js';
import { dataDir, ensureDir } from './paths.js';
import { findPostgres, startPostgres } from './postgres.js';
import { isPortOpen, pollUntil } from './wait.js';

export interface MongoOptions {
  /** MONGODB_URI: a server to use instead of starting one. */
  uri?: string;
  /** WAYMARK_EMBEDDED_STORE: the embedded FerretDB's backend (unset: PostgreSQL when installed). */
  backend?: 'postgresql' | 'sqlite';
  port: number;
  /** Directory the embedded store keeps its files in. */
  storeDir: string;
  database: string;
  /** Keep the embedded store's writes durable (npm start); tests trade that for speed. */
  durable: boolean;
  progress: Progress;
}

export type MongoSource =
  'MONGODB_URI' | 'mongod' | 'FerretDB on PostgreSQL' | 'FerretDB on SQLite' | 'mongodb-memory-server';

export interface MongoService {
  uri: string;
  source: MongoSource;
  stop(): Promise<void>;
}

/**
 * Resolution order (docs/store.md): MONGODB_URI -> mongod on PATH -> FerretDB built from Go on PostgreSQL
 * (when installed) -> FerretDB on SQLite -> mongodb-memory-server.
 */
export async function startMongo(options: MongoOptions): Promise<MongoService> {
  const external = options.uri;
  if (external) {
    await waitForMongo(external, 10_000).catch((cause: unknown) => {
      throw new ServiceStartError(
        'MongoDB',
        'connecting to MONGODB_URI',
        'Check that the server is running and the URI is right, or unset MONGODB_URI to use the embedded store.',
        { cause },
      );
    });
    return { uri: external, source: 'MONGODB_URI', stop: async () => {} };
  }
  if (await isPortOpen(options.port)) {
    throw new ServiceStartError(
      'MongoDB',
      `binding port ${options.port}`,
      'Something already listens there: stop it, set MONGO_PORT to a free port, or set MONGODB_URI to use that server.',
    );
  }
  const uri = `mongodb://127.0.0.1:${options.port}/${options.database}`;

  const mongod = findOnPath('mongod');
  if (mongod) {
    const dbPath = ensureDir(join(options.storeDir, 'mongod'));
    const proc = startProcess(
      'mongod',
      mongod,
      ['--dbpath', dbPath, '--port', String(options.port), '--bind_ip', '127.0.0.1'],
      { logFile: logFile('mongod', options.port) },
    );
    return { uri, source: 'mongod', stop: await healthy(proc, uri) };
  }

  let buildError: unknown;
  try {
    const ferret = await cachedBinary(ferretDb, options.progress);
    if (ferret) return await startFerretDb(ferret, options, uri);
  } catch (error) {
    if (error instanceof ServiceStartError) throw error;
    buildError = error;
    options.progress(`could not build FerretDB (${(error as Error).message}); trying mongodb-memory-server`);
  }
  return startMemoryServer(options, uri, buildError);
}

/** Which backend FerretDB runs on: `WAYMARK_EMBEDDED_STORE` if set, else PostgreSQL when installed. */
async function startFerretDb(binary: string, options: MongoOptions, uri: string): Promise<MongoService> {
  const common = [
    `--listen-addr=127.0.0.1:${options.port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const stateDir = ensureDir(join(options.storeDir, 'ferretdb'));
  const backend = embeddedBackend(options, stateDir);
  if (backend.kind === 'sqlite') {
    if (backend.why) options.progress(backend.why);
    const proc = startProcess(
      'ferretdb',
      binary,
      ['--handler=sqlite', `--sqlite-url=file:${stateDir}/`, `--state-dir=${stateDir}`, ...common],
      { logFile: logFile('ferretdb', options.port) },
    );
    return { uri, source: 'FerretDB on SQLite', stop: await healthy(proc, uri) };
  }
  const postgres = await startPostgres(backend.bin, {
    dir: join(options.storeDir, 'postgres'),
    durable: options.durable,
    logFile: logFile('postgres', options.port),
    progress: options.progress,
  });
  const proc = startProcess(
    'ferretdb',
    binary,
    ['--handler=postgresql', `--postgresql-url=${postgres.url}`, `--state-dir=${stateDir}`, ...common],
    { logFile: logFile('ferretdb', options.port) },
  );
  const stopFerret = await healthy(proc, uri).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  return {
    uri,
    source: 'FerretDB on PostgreSQL',
    async stop() {
      await stopFerret();
      await postgres.stop();
    },
  };
}

type Backend = { kind: 'postgresql'; bin: string } | { kind: 'sqlite'; why?: string };

function embeddedBackend(options: MongoOptions, stateDir: string): Backend {
  const wanted = options.backend;
  if (wanted === 'sqlite') return { kind: 'sqlite' };
  const bin = findPostgres();
  if (!bin) {
    if (wanted)
      throw new ServiceStartError(
        'MongoDB',
        'finding PostgreSQL (WAYMARK_EMBEDDED_STORE=postgresql)',
        'Install it (Debian: apt-get install postgresql) or unset WAYMARK_EMBEDDED_STORE.',
      );
    return {
      kind: 'sqlite',
      why: 'PostgreSQL is not installed: the store runs FerretDB on SQLite, which slows down as data grows (apt-get install postgresql)',
    };
  }
  // A store that already holds data on SQLite keeps it, rather than starting an empty one.
  const hasSqliteData = readdirSync(stateDir).some((file) => file.endsWith('.sqlite'));
  if (!wanted && hasSqliteData && !existsSync(join(options.storeDir, 'postgres'))) {
    return {
      kind: 'sqlite',
      why: `keeping the existing SQLite store in ${stateDir} (move it away, or set WAYMARK_EMBEDDED_STORE=postgresql, to start on PostgreSQL)`,
    };
  }
  return { kind: 'postgresql', bin };
}

function logFile(name: string, port: number): string {
  return join(ensureDir(join(dataDir(), 'logs')), `${name}-${port}.log`);
}

/** Waits until the spawned store answers a ping; returns its stop function. */
async function healthy(proc: ManagedProcess, uri: string): Promise<() => Promise<void>> {
  try {
    await whenReady(proc, waitForMongo(uri, 30_000));
  } catch (cause) {
    throw new ServiceStartError(
      'MongoDB',
      `starting ${proc.name}`,
      'See the log; set MONGO_PORT if the port is taken, or MONGODB_URI to use another server.',
      { cause, logFile: proc.logFile },
    );
  }
  return () => proc.stop();
}

async function startMemoryServer(options: MongoOptions, uri: string, buildError: unknown): Promise<MongoService> {
  options.progress('starting mongodb-memory-server (downloads mongod on first use; needs internet)...');
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create({
      instance: {
        port: options.port,
        ip: '127.0.0.1',
        dbPath: ensureDir(join(options.storeDir, 'memory-server')),
        storageEngine: 'wiredTiger',
      },
    });
    return { uri, source: 'mongodb-memory-server', stop: async () => void (await server.stop()) };
  } catch (cause) {
    const tried = buildError
      ? `Building FerretDB failed (${(buildError as Error).message}) and`
      : 'Go is not installed and';
    throw new ServiceStartError(
      'MongoDB',
      'obtaining a MongoDB-compatible store',
      `${tried} mongodb-memory-server could not start. Install Go 1.22+ (to build FerretDB), put mongod on PATH, or set MONGODB_URI.`,
      { cause },
    );
  }
}

/** Resolves once the server answers `ping`. */
export async function waitForMongo(uri: string, timeoutMs: number): Promise<void> {
  await pollUntil(
    `MongoDB at ${uri}`,
    async () => {
      const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1_000 }).asPromise();
      try {
        await connection.db!.admin().ping();
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs, intervalMs: 250 },
  );
}
