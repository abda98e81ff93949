import type { ChannelSettings } from '@waymark/channels';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { createEngine, type Engine, type EngineConfig } from '../src/engine.js';
import { connectMonitoredStore } from '../src/metrics/store-commands.js';
import { builtinCustomSteps, stepRegistry } from '../src/steps/registry.js';
import { isolatedMongoUri, shared } from './helpers.js';
import { listen, type RunningApp } from './helpers-http.js';

export const tokens = { adminToken: 'admin-test', writeKey: 'write-test', trackingSecret: 'tracking-test' };

export interface Harness {
  engine: Engine;
  /** This harness's own database on the shared store (for worker processes started by tests). */
  mongoUri: string;
  /** The task queue of this harness's journeys (tests that run their own worker poll it). */
  taskQueue: string;
  app: RunningApp;
  temporal: Client;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  track(userId: string, event: string, properties?: Record<string, unknown>, messageId?: string): Promise<void>;
  identify(userId: string, traits: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  worker?: boolean;
  smtp?: boolean;
  /** A designer build for the engine to serve (browser tests); the API alone without it. */
  designerDir?: string;
  /** Providers per channel, in place of the default (email through the shared SMTP sink when `smtp`). */
  channels?: ChannelSettings;
  /** Another store than a database of the shared one (benchmarks compare backends). */
  storeUri?: string;
  /** Another Temporal than the shared in-memory one (benchmarks against a durable server). */
  temporalAddress?: string;
  /** Shorter provider call timeout and send sweeper period than production's. */
  sends?: Pick<EngineConfig, 'sendCallTimeoutMs' | 'sendSweeper'>;
}

/** A whole engine (API, routing, worker on its own task queue) on the shared Temporal/store/SMTP, with its own database. */
export async function startHarness(
  name: string,
  { worker = true, smtp = true, designerDir, channels, storeUri, temporalAddress, sends }: HarnessOptions = {},
): Promise<Harness> {
  const mongoUri = storeUri ?? isolatedMongoUri(name);
  // With the driver's command events on (the store latency metric; benchmarks count operations).
  await connectMonitoredStore(mongoUri);
  const taskQueue = `test-${name}-${randomUUID().slice(0, 8)}`;
  const engine = await createEngine({
    temporalAddress: temporalAddress ?? shared().temporalAddress,
    taskQueue,
    channels: channels ?? (smtp ? { email: { provider: 'smtp', config: { smtpUrl: shared().smtpUrl } } } : {}),
    publicUrl: 'http://waymark.test',
    tokens,
    devSession: false,
    steps: stepRegistry(builtinCustomSteps),
    health: async () => ({ status: 'ok', dependencies: {} as never }),
    worker,
    ...(designerDir ? { designerDir } : {}),
    ...sends,
  });
  const app = await listen(engine.app);
  const connection = await Connection.connect({ address: temporalAddress ?? shared().temporalAddress });
  const call = async (method: string, path: string, body: unknown, authorization: string) => {
    const response = await fetch(`${app.base}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as any };
  };
  return {
    engine,
    mongoUri,
    taskQueue,
    app,
    temporal: new Client({ connection }),
    api: (method, path, body) => call(method, path, body, `Bearer ${tokens.adminToken}`),
    async track(userId, event, properties = {}, messageId = randomUUID()) {
      const { status } = await call(
        'POST',
        '/v1/track',
        { userId, event, properties, messageId },
        `Bearer ${tokens.writeKey}`,
      );
      if (status !== 200) throw new Error(`track answered ${status}`);
    },
    async identify(userId, traits) {
      const { status } = await call('POST', '/v1/identify', { userId, traits }, `Bearer ${tokens.writeKey}`);
      if (status !== 200) throw new Error(`identify answered ${status}`);
    },
    async stop() {
      await app.close();
      await engine.stop();
      await connection.close();
      await mongoose.disconnect();
    },
  };
}
