import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/services/paths.js';
import { findPostgres } from '../../src/services/postgres.js';
import { isPortOpen, pollUntil } from '../../src/services/wait.js';
import { startPorts } from '../ports.js';

const cli = join(repoRoot, 'engine', 'dist', 'cli.js');
/** An address of this machine that is not loopback: what another host would connect to. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startWaymark(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [cli, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const ready = (started: Started) =>
  pollUntil('the ready line', async () => (started.output().includes('ready in') ? true : undefined), {
    timeoutMs: 90_000,
    intervalMs: 200,
  });
const pidOf = (dataDir: string, service: string) =>
  (
    JSON.parse(
      readFileSync(
        join(
          dataDir,
          'run',
          readdirSync(join(dataDir, 'run')).find((f) => f.startsWith(service))!,
        ),
        'utf8',
      ),
    ) as { pid: number }
  ).pid;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const leftovers = (dataDir: string) =>
  execFileSync('ps', ['-eo', 'args'])
    .toString()
    .split('\n')
    .filter((line) => line.includes(dataDir));

describe('supervision of the embedded services (npm start)', () => {
  it('binds loopback in dev mode, restarts a killed child, survives kill -9 of the engine and exits on SIGINT within 10 s in every state', async () => {
    expect(lanAddress, 'the test needs a non-loopback IPv4 address on this machine').toBeDefined();
    const dataDir = mkdtempSync(join(tmpdir(), 'waymark-supervision-'));
    const ports = await startPorts();
    const { TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL, WAYMARK_ADMIN_TOKEN, HOST, NODE_ENV, ...inherited } = process.env;
    const env = {
      ...inherited,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      WAYMARK_DATA_DIR: dataDir,
    };
    const local = `http://127.0.0.1:${ports.PORT}`;

    const first = startWaymark(env);
    await ready(first);
    // Dev mode: loopback only; the session and the public health answer.
    expect(await isPortOpen(ports.PORT, lanAddress)).toBe(false);
    const session = (await (await fetch(`${local}/api/session`)).json()) as { adminToken: string };
    expect(session.adminToken).toMatch(/^wm_admin_/);
    const admin = { authorization: `Bearer ${session.adminToken}` };
    expect(await (await fetch(`${local}/health`)).json()).toEqual({ status: 'ok' });
    type Report = {
      status: string;
      dependencies: Record<string, { status: string }>;
      services: { name: string; state: string; restarts: number; lastExit?: string }[];
    };
    const report = async () => (await (await fetch(`${local}/health`, { headers: admin })).json()) as Report;
    const children = ['ferretdb', 'maildev', ...(findPostgres() ? ['postgres'] : []), 'temporal'];
    expect((await report()).services.map((s) => [s.name, s.state]).sort()).toEqual(
      children.map((name) => [name, 'running']),
    );

    // A child that dies comes back; /health says so meanwhile.
    const maildev = pidOf(dataDir, 'maildev');
    process.kill(maildev, 'SIGKILL');
    const seen = new Set<string>();
    await pollUntil(
      'MailDev restarted',
      async () => {
        const now = await report();
        const service = now.services.find((s) => s.name === 'maildev')!;
        seen.add(`${now.status}/${service.state}`);
        return service.restarts === 1 && service.state === 'running' && now.dependencies.smtp!.status === 'up'
          ? now
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(seen).toContain('degraded/restarting');
    expect(pidOf(dataDir, 'maildev')).not.toBe(maildev);
    expect((await report()).services.find((s) => s.name === 'maildev')).toMatchObject({ lastExit: 'signal SIGKILL' });

    // kill -9 of the engine leaves its children running; the next start stops them before binding.
    const pids = children.map((service) => pidOf(dataDir, service));
    first.child.kill('SIGKILL');
    await first.exited;
    expect(pids.filter(alive)).toHaveLength(children.length);
    const second = startWaymark({ ...env, HOST: '0.0.0.0' });
    await ready(second);
    expect(second.output()).toMatch(/stopped temporal-\d+ \(pid \d+\), left running by an engine/);
    expect(pids.filter(alive)).toEqual([]);
    // HOST opens it to other hosts; they still get no admin token from the session.
    const remote = await fetch(`http://${lanAddress}:${ports.PORT}/api/session`);
    expect(remote.status).toBe(200);
    expect(await remote.json()).not.toHaveProperty('adminToken');
    expect(await (await fetch(`${local}/api/session`)).json()).toHaveProperty('adminToken');

    // SIGINT with the store hung (SIGSTOP) still exits within 10 s, and leaves nothing behind.
    const ferret = pidOf(dataDir, 'ferretdb');
    process.kill(ferret, 'SIGSTOP');
    const stopAt = Date.now();
    second.child.kill('SIGINT');
    await second.exited;
    expect(Date.now() - stopAt).toBeLessThan(10_000);
    await pollUntil('no leftovers', async () => (leftovers(dataDir).length === 0 ? true : undefined));

    // A second SIGINT exits at once, killing the children. It is sent once the first is seen: two sent back to back
    // reach a process that was not scheduled in between as one, and a loaded machine then stops it gracefully.
    const third = startWaymark(env);
    await ready(third);
    const thirdChildren = children.map((service) => pidOf(dataDir, service));
    third.child.kill('SIGINT');
    const stopping = async () => (third.output().includes('SIGINT: stopping') ? true : undefined);
    await pollUntil('the first SIGINT seen', stopping, { intervalMs: 10 });
    const twiceAt = Date.now();
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(130);
    expect(third.output()).toContain('second SIGINT: killing the embedded services and exiting');
    // Far sooner than the graceful stop's 8 s deadline, with room for a loaded machine.
    expect(Date.now() - twiceAt).toBeLessThan(4_000);
    await pollUntil('the children gone', async () => (thirdChildren.filter(alive).length === 0 ? true : undefined));
    for (const port of Object.values(ports)) expect(await isPortOpen(port), `port ${port} still open`).toBe(false);
  }, 300_000);
});
