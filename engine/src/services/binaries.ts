import { accessSync, constants, cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { delimiter, join } from 'node:path';
import { binDir, dataDir, ensureDir } from './paths.js';
import { runToCompletion } from './managed-process.js';

const execFileAsync = promisify(execFile);

export type Progress = (message: string) => void;

/** The first executable called `name` on PATH, if any. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** A tool built (or assembled) once from a package registry and cached under the bin dir. */
export interface CachedBinary {
  /** Binary name, e.g. `temporal`. */
  name: string;
  /** Module version; part of the cache path so a version bump rebuilds. */
  version: string;
  /** Human name for progress and errors. */
  title: string;
  /** The build tool that must be on PATH (`go`, `mvn`). */
  tool: string;
  /** Builds the binary at `output`, logging to `logFile`. */
  build(output: string, logFile: string): Promise<void>;
}

/** The directory a cached binary lives in (with anything its build keeps beside it). */
export const cacheDirOf = (binary: Pick<CachedBinary, 'name' | 'version'>, dir = binDir()): string =>
  join(dir, `${binary.name}-${binary.version}`);

/**
 * Path of the cached build of `binary` in `dir` (the bin dir), building it first if needed. Undefined when
 * its build tool is not installed.
 */
export async function cachedBinary(
  binary: CachedBinary,
  progress: Progress,
  dir = binDir(),
): Promise<string | undefined> {
  const target = join(cacheDirOf(binary, dir), binary.name);
  if (existsSync(target)) return target;
  if (!findOnPath(binary.tool)) return undefined;
  const logFile = join(ensureDir(join(dataDir(), 'logs')), `build-${binary.name}.log`);
  progress(
    `building ${binary.title} ${binary.version} with ${binary.tool}, first run only (a few minutes; log: ${logFile})...`,
  );
  const started = Date.now();
  // Build into a scratch file and rename, so an interrupted build never leaves a half-written binary.
  const scratch = mkdtempSync(join(ensureDir(dir), `.${binary.name}-`));
  try {
    await binary.build(join(scratch, binary.name), logFile);
    ensureDir(cacheDirOf(binary, dir));
    renameSync(join(scratch, binary.name), target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  progress(`built ${binary.title} in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

/** `go install module@version` with GOBIN pointed at the output directory. */
export function goInstall(module: string, version: string) {
  return async (output: string, logFile: string): Promise<void> => {
    const gobin = join(output, '..');
    await runToCompletion('go', ['install', `${module}@${version}`], { logFile, env: { GOBIN: gobin } });
  };
}

/**
 * Builds a module whose go.mod carries replace directives (so `go install` refuses it):
 * download the module, copy it somewhere writable, run `prepare` in the copy, then `go build`.
 */
export function goBuildFromModuleSource(module: string, version: string, pkg: string, prepare: (dir: string) => void) {
  return async (output: string, logFile: string): Promise<void> => {
    const { stdout } = await execFileAsync('go', ['mod', 'download', '-json', `${module}@${version}`], {
      maxBuffer: 1 << 20,
    });
    const { Dir } = JSON.parse(stdout) as { Dir: string };
    const source = mkdtempSync(join(binDir(), '.src-'));
    try {
      cpSync(Dir, source, { recursive: true });
      // The Go module cache is read-only and the copy keeps that mode.
      await execFileAsync('chmod', ['-R', 'u+w', source]);
      prepare(source);
      await runToCompletion('go', ['build', '-o', output, pkg], { logFile, cwd: source });
    } finally {
      rmSync(source, { recursive: true, force: true });
    }
  };
}

export const temporalCli: CachedBinary = {
  name: 'temporal',
  version: 'v1.5.1',
  title: 'Temporal CLI',
  tool: 'go',
  build: goInstall('github.com/temporalio/cli/cmd/temporal', 'v1.5.1'),
};

export const ferretDb: CachedBinary = {
  name: 'ferretdb',
  version: 'v1.24.2',
  title: 'FerretDB',
  tool: 'go',
  build: goBuildFromModuleSource('github.com/FerretDB/FerretDB', 'v1.24.2', './cmd/ferretdb', (dir) => {
    // FerretDB embeds its version from this file, which its release tooling normally generates.
    writeFileSync(join(dir, 'build', 'version', 'version.txt'), 'v1.24.2\n');
  }),
};

const TEST_SERVER_VERSION = '1.31.0';

/**
 * The Temporal Java test server (time skipping) from Maven Central, run by a wrapper script that
 * `TestWorkflowEnvironment.createTimeSkipping` starts as an existing executable (docs/architecture.md#embedded-services).
 */
export const timeSkippingServer: CachedBinary = {
  name: 'temporal-test-server',
  version: TEST_SERVER_VERSION,
  title: 'Temporal test server (time skipping)',
  tool: 'mvn',
  async build(output, logFile) {
    if (!findOnPath('java'))
      throw new Error('the Temporal test server runs on Java, which is not on PATH: install a JDK (11 or newer)');
    const lib = ensureDir(join(cacheDirOf(this), 'lib'));
    const dependency = `<groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version>`;
    const pom =
      '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>' +
      '<groupId>waymark</groupId><artifactId>test-server</artifactId><version>1</version>' +
      `<dependencies><dependency>${dependency}</dependency></dependencies></project>\n`;
    const project = mkdtempSync(join(binDir(), '.mvn-'));
    try {
      writeFileSync(join(project, 'pom.xml'), pom);
      await runToCompletion('mvn', ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], {
        logFile,
        cwd: project,
      });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
    writeFileSync(output, `#!/bin/sh\nexec java -cp '${lib}/*' io.temporal.testserver.TestServer "$@"\n`, {
      mode: 0o755,
    });
  },
};
