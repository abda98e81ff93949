import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { waymarkSearchAttributes } from '@waymark/workflows/temporal';
import { join } from 'node:path';
import { cachedBinary, findOnPath, temporalCli, type Progress } from './binaries.js';
import { ServiceStartError } from './errors.js';
import { startProcess, whenReady } from './managed-process.js';
import { dataDir, ensureDir } from './paths.js';
import { isPortOpen, pollUntil } from './wait.js';

export const TEMPORAL_NAMESPACE = 'default';

export interface TemporalOptions {
  /** TEMPORAL_ADDRESS: a server to use instead of starting one. */
  address?: string;
  /** TEMPORAL_CLI_PATH: the CLI to run the dev server with (else `temporal` on PATH, else built). */
  cliPath?: string;
  port: number;
  uiPort: number;
  /** SQLite file for durable state; omit for an in-memory server (tests). */
  dbFile?: string;
  /** Serve the Temporal Web UI on `uiPort`. */
  ui: boolean;
  /** `--dynamic-config-value` settings of the dev server. */
  dynamicConfig?: Record<string, string | number>;
  progress: Progress;
}

export type TemporalSource = 'TEMPORAL_ADDRESS' | 'binary' | 'built from Go module' | 'SDK download';

export interface TemporalService {
  address: string;
  namespace: string;
  uiUrl?: string;
  source: TemporalSource;
  stop(): Promise<void>;
}

/** Resolution order (docs/architecture.md#embedded-services): TEMPORAL_ADDRESS -> binary on PATH / TEMPORAL_CLI_PATH -> Go build -> SDK download. */
export async function startTemporal(options: TemporalOptions): Promise<TemporalService> {
  const external = options.address;
  if (external) {
    await waitForTemporal(external, { timeoutMs: 10_000 }).catch((cause: unknown) => {
      throw new ServiceStartError(
        'Temporal',
        `connecting to TEMPORAL_ADDRESS=${external}`,
        'Check that the server is running and reachable, or unset TEMPORAL_ADDRESS to use the embedded dev server.',
        { cause },
      );
    });
    await ensureSearchAttributes(external);
    return { address: external, namespace: TEMPORAL_NAMESPACE, source: 'TEMPORAL_ADDRESS', stop: async () => {} };
  }
  if (await isPortOpen(options.port)) {
    throw new ServiceStartError(
      'Temporal',
      `binding port ${options.port}`,
      'Something already listens there: stop it, set TEMPORAL_PORT to a free port, or set TEMPORAL_ADDRESS to use that server.',
    );
  }

  const onPath = options.cliPath ?? findOnPath('temporal');
  if (onPath) return startDevServer(onPath, 'binary', options);

  let buildError: unknown;
  try {
    const built = await cachedBinary(temporalCli, options.progress);
    if (built) return startDevServer(built, 'built from Go module', options);
  } catch (error) {
    buildError = error;
    options.progress(`could not build the Temporal CLI (${(error as Error).message}); trying the SDK download`);
  }
  return startWithSdkDownload(options, buildError);
}

function devServerArgs(options: TemporalOptions): string[] {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    TEMPORAL_NAMESPACE,
    '--log-format',
    'json',
  ];
  if (options.ui) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal');
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {}))
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  // Honoured only when the db file is new; ensureSearchAttributes covers existing files.
  for (const key of waymarkSearchAttributes) args.push('--search-attribute', `${key.name}=${cliTypeName(key.type)}`);
  return args;
}

/** The CLI spells types in PascalCase: KEYWORD -> Keyword, INT -> Int. */
function cliTypeName(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

async function startDevServer(
  binary: string,
  source: TemporalSource,
  options: TemporalOptions,
): Promise<TemporalService> {
  const logFile = join(ensureDir(join(dataDir(), 'logs')), `temporal-${options.port}.log`);
  const proc = startProcess('temporal', binary, devServerArgs(options), { logFile });
  const address = `127.0.0.1:${options.port}`;
  try {
    await whenReady(
      proc,
      waitForTemporal(address, { timeoutMs: 60_000 }).then(() => ensureSearchAttributes(address)),
    );
  } catch (cause) {
    throw new ServiceStartError(
      'Temporal',
      `starting ${binary} server start-dev`,
      'See the log; set TEMPORAL_PORT/TEMPORAL_UI_PORT if a port is taken, or TEMPORAL_ADDRESS to use another server.',
      { cause, logFile },
    );
  }
  return {
    address,
    namespace: TEMPORAL_NAMESPACE,
    source,
    ...(options.ui ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
    stop: () => proc.stop(),
  };
}

async function startWithSdkDownload(options: TemporalOptions, buildError: unknown): Promise<TemporalService> {
  options.progress('downloading the Temporal CLI through @temporalio/testing (needs internet)...');
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        ui: options.ui,
        uiPort: options.uiPort,
        ...(options.dbFile ? { dbFilename: options.dbFile, extraArgs: ['--sqlite-pragma', 'journal_mode=wal'] } : {}),
        searchAttributes: waymarkSearchAttributes,
      },
    });
    const address = `127.0.0.1:${options.port}`;
    await ensureSearchAttributes(address);
    return {
      address,
      namespace: TEMPORAL_NAMESPACE,
      source: 'SDK download',
      ...(options.ui ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
      stop: () => env.teardown(),
    };
  } catch (cause) {
    const tried = buildError
      ? `Building from the Go module failed (${(buildError as Error).message}) and the`
      : 'Go is not installed and the';
    throw new ServiceStartError(
      'Temporal',
      'obtaining a Temporal dev server',
      `${tried} SDK download failed. Install Go 1.22+ (to build github.com/temporalio/cli), ` +
        'put a `temporal` binary on PATH or in TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS.',
      { cause },
    );
  }
}

/** Resolves once the frontend answers a system-info call. */
export async function waitForTemporal(address: string, { timeoutMs }: { timeoutMs: number }): Promise<void> {
  await pollUntil(
    `Temporal at ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs, intervalMs: 250 },
  );
}

/** Registers Waymark's search attributes on the namespace when missing (the dev server ignores flags for an existing db). */
export async function ensureSearchAttributes(address: string, namespace = TEMPORAL_NAMESPACE): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = waymarkSearchAttributes.filter((key) => !(key.name in (customAttributes ?? {})));
    if (missing.length > 0) await addSearchAttributes(connection, namespace, missing);
    return missing.map((key) => key.name);
  } finally {
    await connection.close();
  }
}

/** Registers `keys` without listing first: the Java test server implements only the add call. */
export async function addSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly (typeof waymarkSearchAttributes)[number][] = waymarkSearchAttributes,
): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      keys.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
    ),
  });
}
