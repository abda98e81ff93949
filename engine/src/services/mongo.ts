import mongoose from 'mongoose';
import { join } from 'node:path';
import { cachedBinary, ferretDb, findOnPath, type Progress } from './binaries.js';
import { ServiceStartError } from './errors.js';
import { startProcess, whenReady, type ManagedProcess } from './managed-process.js';
import { dataDir, ensureDir } from './paths.js';
import { isPortOpen, pollUntil } from './wait.js';

export interface MongoOptions {
  port: number;
  /** Directory the embedded store keeps its files in. */
  storeDir: string;
  database: string;
  progress: Progress;
}

export type MongoSource = 'MONGODB_URI' | 'mongod' | 'FerretDB' | 'mongodb-memory-server';

export interface MongoService {
  uri: string;
  source: MongoSource;
  stop(): Promise<void>;
}

/** Resolution order of DESIGN.md §2: MONGODB_URI -> mongod on PATH -> FerretDB built from Go -> mongodb-memory-server. */
export async function startMongo(options: MongoOptions): Promise<MongoService> {
  const external = process.env.MONGODB_URI;
  if (external) {
    await waitForMongo(external, 10_000).catch((cause: unknown) => {
      throw new ServiceStartError('MongoDB', 'connecting to MONGODB_URI', 'Check that the server is running and the URI is right, or unset MONGODB_URI to use the embedded store.', { cause });
    });
    return { uri: external, source: 'MONGODB_URI', stop: async () => {} };
  }
  if (await isPortOpen(options.port)) {
    throw new ServiceStartError('MongoDB', `binding port ${options.port}`, 'Something already listens there: stop it, set MONGO_PORT to a free port, or set MONGODB_URI to use that server.');
  }
  const uri = `mongodb://127.0.0.1:${options.port}/${options.database}`;

  const mongod = findOnPath('mongod');
  if (mongod) {
    const dbPath = ensureDir(join(options.storeDir, 'mongod'));
    const proc = startProcess('mongod', mongod, ['--dbpath', dbPath, '--port', String(options.port), '--bind_ip', '127.0.0.1'], { logFile: logFile('mongod', options.port) });
    return { uri, source: 'mongod', stop: await healthy(proc, uri) };
  }

  let buildError: unknown;
  try {
    const ferret = await cachedBinary(ferretDb, options.progress);
    if (ferret) {
      const sqliteDir = ensureDir(join(options.storeDir, 'ferretdb'));
      const proc = startProcess('ferretdb', ferret, [
        '--handler=sqlite',
        `--sqlite-url=file:${sqliteDir}/`,
        `--state-dir=${sqliteDir}`,
        `--listen-addr=127.0.0.1:${options.port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=warn',
      ], { logFile: logFile('ferretdb', options.port) });
      return { uri, source: 'FerretDB', stop: await healthy(proc, uri) };
    }
  } catch (error) {
    if (error instanceof ServiceStartError) throw error;
    buildError = error;
    options.progress(`could not build FerretDB (${(error as Error).message}); trying mongodb-memory-server`);
  }
  return startMemoryServer(options, uri, buildError);
}

function logFile(name: string, port: number): string {
  return join(ensureDir(join(dataDir(), 'logs')), `${name}-${port}.log`);
}

/** Waits until the spawned store answers a ping; returns its stop function. */
async function healthy(proc: ManagedProcess, uri: string): Promise<() => Promise<void>> {
  try {
    await whenReady(proc, waitForMongo(uri, 30_000));
  } catch (cause) {
    throw new ServiceStartError('MongoDB', `starting ${proc.name}`, 'See the log; set MONGO_PORT if the port is taken, or MONGODB_URI to use another server.', { cause, logFile: proc.logFile });
  }
  return () => proc.stop();
}

async function startMemoryServer(options: MongoOptions, uri: string, buildError: unknown): Promise<MongoService> {
  options.progress('starting mongodb-memory-server (downloads mongod on first use; needs internet)...');
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create({ instance: { port: options.port, ip: '127.0.0.1', dbPath: ensureDir(join(options.storeDir, 'memory-server')), storageEngine: 'wiredTiger' } });
    return { uri, source: 'mongodb-memory-server', stop: async () => void (await server.stop()) };
  } catch (cause) {
    const tried = buildError ? `Building FerretDB failed (${(buildError as Error).message}) and` : 'Go is not installed and';
    throw new ServiceStartError('MongoDB', 'obtaining a MongoDB-compatible store', `${tried} mongodb-memory-server could not start. Install Go 1.22+ (to build FerretDB), put mongod on PATH, or set MONGODB_URI.`, { cause });
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
