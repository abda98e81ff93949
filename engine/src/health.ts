import { Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { DependencyName, HealthReport as PublicHealthReport } from '@waymark/workflows/api';
import type { ProcessStatus } from './services/managed-process.js';

export type { DependencyName };
/** One dependency's probe: up or down, where, how fast, and what serves it where known. */
export type DependencyHealth = NonNullable<PublicHealthReport['dependencies']>[DependencyName];
/** `GET /health` as the admin sees it: every dependency (others get the status alone). */
export type HealthReport = PublicHealthReport & { dependencies: Record<DependencyName, DependencyHealth> };

export interface HealthTargets {
  temporalAddress: string;
  store: mongoose.Connection;
  storeUri: string;
  /** How the store was obtained (services/mongo.ts), shown with its health. */
  storeKind?: string;
  smtpUrl: string;
  /** The embedded services' supervision state (npm start). */
  services?: () => ProcessStatus[];
}

/** Probes each dependency concurrently; never throws. */
export async function checkHealth(targets: HealthTargets): Promise<HealthReport> {
  const [temporal, store, smtp] = await Promise.all([
    probe(targets.temporalAddress, () => pingTemporal(targets.temporalAddress)),
    // A read, not a ping: a store whose backend is stuck still answers ping (docs/store.md).
    probe(redactCredentials(targets.storeUri), async () => {
      await targets.store.db!.collection('settings').findOne({ _id: 'workspace' as never }, { projection: { _id: 1 } });
    }),
    probe(redactCredentials(targets.smtpUrl), () => smtpGreeting(targets.smtpUrl)),
  ]);
  const dependencies = {
    temporal,
    store: { ...store, ...(targets.storeKind ? { kind: targets.storeKind } : {}) },
    smtp,
  };
  const services = targets.services?.();
  const healthy =
    Object.values(dependencies).every((d) => d.status === 'up') && (services ?? []).every((s) => s.state === 'running');
  return { status: healthy ? 'ok' : 'degraded', dependencies, ...(services ? { services } : {}) };
}

/** How long a dependency may take to answer before it counts as down. */
const PROBE_TIMEOUT_MS = 3_000;

async function probe(target: string, check: () => Promise<void>): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), deadline]);
    return { status: 'up', target, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      target,
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  } finally {
    clearTimeout(timer);
  }
}

async function pingTemporal(address: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.workflowService.getSystemInfo({});
  } finally {
    await connection.close();
  }
}

/** An SMTP server is up when it greets with 220. */
function smtpGreeting(url: string, timeoutMs = 2_000): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const secure = protocol === 'smtps:';
  const options = { host: hostname, port: Number(port || (secure ? 465 : 25)) };
  return new Promise((resolve, reject) => {
    const socket = secure ? connectTls({ ...options, servername: hostname }) : connect(options);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('no greeting within 2 s')));
    socket.once('data', (chunk: Buffer) => {
      socket.end('QUIT\r\n');
      if (chunk.toString().startsWith('220')) resolve();
      else reject(new Error(`unexpected greeting: ${chunk.toString().trim()}`));
    });
    socket.once('error', reject);
  });
}

function redactCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
