import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/services/paths.js';
import { startHarness, tokens, type Harness } from '../engine-harness.js';

/**
 * Schemathesis (PyPI) fuzzes every operation of /api/openapi.json against a started engine and checks
 * the answers: no 5xx, error bodies as the document describes them. `.ci/run` installs it into
 * .cache/schemathesis; WAYMARK_SKIP_SCHEMATHESIS=1 skips this file on purpose.
 */
const skip = process.env.WAYMARK_SKIP_SCHEMATHESIS === '1';
const candidates = [process.env.SCHEMATHESIS_BIN, join(repoRoot, '.cache', 'schemathesis', 'bin', 'st')].filter(
  (path): path is string => Boolean(path),
);
const onPath = () => {
  try {
    return execFileSync('sh', ['-c', 'command -v st'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
};
const st = candidates.find((path) => existsSync(path)) ?? onPath();
/** Seconds per run; two runs (management API, ingestion), a few minutes in all. */
const MAX_TIME_S = Number(process.env.WAYMARK_SCHEMATHESIS_SECONDS ?? 75);

interface RunResult {
  code: number | null;
  output: string;
  serverErrors: number;
}

function schemathesis(base: string, token: string, pathRegex: string, reportDir: string): Promise<RunResult> {
  const args = [
    'run',
    `${base}/api/openapi.json`,
    '--url',
    base,
    '--header',
    `Authorization: Bearer ${token}`,
    '--include-path-regex',
    pathRegex,
    '--checks',
    'not_a_server_error,response_schema_conformance,content_type_conformance',
    '--phases',
    'examples,fuzzing',
    '--max-time',
    String(MAX_TIME_S),
    '--workers',
    '2',
    '--seed',
    '16',
    '--request-timeout',
    '10',
    '--report',
    'ndjson',
    '--report-ndjson-path',
    join(reportDir, 'events.ndjson'),
    '--no-color',
  ];
  return new Promise((resolve) => {
    // In the report dir: schemathesis keeps its cache (.schemathesis/) in the working directory.
    const child = spawn(st!, args, { cwd: reportDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      const events = existsSync(join(reportDir, 'events.ndjson'))
        ? readFileSync(join(reportDir, 'events.ndjson'), 'utf8')
        : '';
      resolve({ code, output, serverErrors: (events.match(/"status_code":\s*5\d\d/g) ?? []).length });
    });
  });
}

describe.skipIf(skip)('schemathesis against the OpenAPI document (bad input never 500s)', () => {
  let h: Harness;
  beforeAll(async () => {
    if (!st)
      throw new Error(
        'schemathesis is not installed: `python3 -m venv .cache/schemathesis && .cache/schemathesis/bin/pip install schemathesis` (as .ci/run does), or set SCHEMATHESIS_BIN; WAYMARK_SKIP_SCHEMATHESIS=1 skips this test',
      );
    h = await startHarness('schemathesis', { worker: false, smtp: false });
  });
  afterAll(async () => h?.stop());

  it.each([
    ['management API', tokens.adminToken, '^/api/'],
    ['ingestion and webhooks', tokens.writeKey, '^/(v1|webhooks)/'],
  ])(
    '%s: no server errors, answers as documented',
    async (name, token, paths) => {
      const result = await schemathesis(h.app.base, token, paths, mkdtempSync(join(tmpdir(), 'schemathesis-')));
      console.log(
        `schemathesis ${name}:\n${result.output
          .split('\n')
          .filter((line) => /passed|failed|Test cases|Failures|generated/.test(line))
          .join('\n')}`,
      );
      expect(result.serverErrors, result.output).toBe(0);
      expect(result.code, result.output).toBe(0);
    },
    (MAX_TIME_S + 120) * 1_000,
  );
});

if (skip) console.log('schemathesis: skipped (WAYMARK_SKIP_SCHEMATHESIS=1)');
