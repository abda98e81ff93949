import { ProviderRegistry, type ChannelSettings } from '@waymark/channels';
import { TASK_QUEUE } from '@waymark/workflows/temporal';
import { Router, type Express } from 'express';
import { createActivities } from './activities/create-activities.js';
import { DEFAULT_EMAIL_FROM } from './config.js';
import type { HealthReport } from './health.js';
import { createApp } from './http/app.js';
import { isLoopback, requireAdminToken } from './http/auth.js';
import { noQuery } from './http/validate.js';
import { openApiDocument } from './http/openapi.js';
import { ingestRoutes } from './ingest/routes.js';
import { journeyRoutes } from './journeys/routes.js';
import { experimentRoutes } from './experiments/routes.js';
import { SharedRateLimiter } from './messaging/rate-limit.js';
import { countIngested } from './metrics/counters.js';
import { metricsRoutes } from './metrics/routes.js';
import { DEFAULT_CALL_TIMEOUT_MS, type SendDeps } from './messaging/send.js';
import { SEND_SWEEP_MARGIN_MS, startSendSweeper, type SendSweeperOptions } from './messaging/send-sweeper.js';
import { outboxRoutes } from './messaging/outbox-routes.js';
import { testSendRoutes } from './messaging/test-send-routes.js';
import { trackingRoutes } from './messaging/tracking-routes.js';
import { twilioRoutes } from './messaging/twilio-routes.js';
import { profileRoutes } from './profiles/routes.js';
import { segmentRoutes } from './segments/routes.js';
import { stepsRoutes } from './steps/routes.js';
import { suggestionRoutes } from './suggestions/routes.js';
import { syncIndexes, type StoredEvent } from './models/index.js';
import { Router as EventRouter } from './routing/router.js';
import { startSweeper } from './routing/sweeper.js';
import { startRetention, type RetentionPolicy } from './retention/retention.js';
import { settingsRoutes } from './settings/routes.js';
import { SettingsStore } from './settings/settings-store.js';
import type { CustomSteps } from './steps/registry.js';
import { connectTemporal } from './temporal/client.js';
import { startJourneyWorker, type RunningWorker } from './temporal/worker.js';

export interface EngineConfig {
  temporalAddress: string;
  namespace?: string;
  taskQueue?: string;
  /** Provider per channel; a channel left out runs in sandbox mode. */
  channels: ChannelSettings;
  emailFrom?: string;
  /** Public base URL (unsubscribe and tracking links). */
  publicUrl: string;
  tokens: { adminToken: string; writeKey: string; trackingSecret: string };
  /** Hand the admin token to the designer at /api/session, to loopback clients only (dev mode with a generated admin token). */
  devSession: boolean;
  /** Where ops open workflows (WAYMARK_TEMPORAL_UI_URL, else the embedded UI); the designer links entries there. */
  temporalUiUrl?: string;
  steps: CustomSteps;
  health: () => Promise<HealthReport>;
  designerDir?: string;
  /** Run the journey worker in this process (the default; `waymark worker` runs it alone). */
  worker: boolean;
  /** Delete (events) and roll up (transitions) old data hourly; off when absent (tests). */
  retention?: RetentionPolicy;
  /** How long one provider call may take before a retry reconciles it (messaging/send.ts). */
  sendCallTimeoutMs?: number;
  /** Marks entries left `sending` that nothing will retry `unknown` (messaging/send-sweeper.ts); tests shorten it. */
  sendSweeper?: Partial<SendSweeperOptions>;
}

export interface Engine {
  app: Express;
  router: EventRouter;
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/** Wires the API, routing, the sweeper and (optionally) the worker. Mongoose must be connected. */
export async function createEngine(config: EngineConfig): Promise<Engine> {
  await syncIndexes();
  const temporal = await connectTemporal(config.temporalAddress, config.namespace);
  const taskQueue = config.taskQueue ?? TASK_QUEUE;
  const router = new EventRouter({ client: temporal.client, taskQueue });
  const sweeper = startSweeper(router);
  const retention = config.retention ? startRetention(config.retention) : undefined;
  const sendSweeper = startSendSweeper(temporal.client, {
    staleAfterMs: (config.sendCallTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS) + SEND_SWEEP_MARGIN_MS,
    ...config.sendSweeper,
  });
  const settings = settingsStoreFor(config.channels);
  const send = sendDepsFor({ ...config, trackingSecret: config.tokens.trackingSecret }, settings);
  let worker: RunningWorker | undefined;
  if (config.worker)
    worker = await startJourneyWorker({
      address: config.temporalAddress,
      ...(config.namespace ? { namespace: config.namespace } : {}),
      taskQueue,
      activities: createActivities({ ...send, steps: config.steps }),
    });

  const api = Router();
  const openApi = openApiDocument();
  api.get('/openapi.json', noQuery, (_req, res) => void res.json(openApi));
  // Answered in every mode (an empty session outside dev), so the designer's sign-in probe is not a logged 401;
  // the admin token only in dev mode and only to this machine.
  api.get('/session', noQuery, (req, res) => {
    const handOut = config.devSession && isLoopback(req.socket.remoteAddress);
    res.json({
      ...(handOut ? { adminToken: config.tokens.adminToken } : {}),
      ...(config.temporalUiUrl ? { temporalUiUrl: config.temporalUiUrl } : {}),
    });
  });
  api.use(requireAdminToken(config.tokens.adminToken));
  api.use(stepsRoutes(config.steps));
  api.use(journeyRoutes({ steps: config.steps, router, temporal: temporal.client, taskQueue }));
  api.use(experimentRoutes({ steps: config.steps, router, temporal: temporal.client, taskQueue }));
  api.use(profileRoutes(temporal.client));
  api.use(outboxRoutes());
  api.use(settingsRoutes(settings));
  api.use(suggestionRoutes());
  api.use(segmentRoutes());
  api.use(testSendRoutes(send));

  const onStored = (events: StoredEvent[]) => {
    countIngested(events);
    router.enqueue(events);
  };
  const app = createApp({
    health: config.health,
    adminToken: config.tokens.adminToken,
    routes: {
      '/metrics': metricsRoutes(),
      '/v1': ingestRoutes({ writeKey: config.tokens.writeKey, onStored, routingNeed: () => router.routingNeed() }),
      '/api': api,
      '/webhooks': twilioRoutes({
        publicUrl: config.publicUrl,
        providers: async () => (await settings.active()).providers,
        onStored,
      }),
      '/': trackingRoutes({ secret: config.tokens.trackingSecret, onStored }),
    },
    ...(config.designerDir ? { designerDir: config.designerDir } : {}),
  });

  return {
    app,
    router,
    sweep: sweeper.sweep,
    async stop() {
      sweeper.stop();
      sendSweeper.stop();
      retention?.stop();
      await router.idle();
      await worker?.stop();
      settings.close();
      await temporal.close();
    },
  };
}

/**
 * The journey activities for a worker process (`waymark worker`, tests): settings read from the store.
 * `close` lets go of the providers' connections once the worker has stopped.
 */
export function activitiesFor(
  config: Pick<EngineConfig, 'channels' | 'emailFrom' | 'publicUrl' | 'steps' | 'sendCallTimeoutMs'> & {
    trackingSecret: string;
  },
): { activities: ReturnType<typeof createActivities>; close(): void } {
  const settings = settingsStoreFor(config.channels);
  return {
    activities: createActivities({ ...sendDepsFor(config, settings), steps: config.steps }),
    close: () => settings.close(),
  };
}

/** Providers configured by the engine's config (environment) until settings are saved through the API. */
function settingsStoreFor(channels: ChannelSettings): SettingsStore {
  return new SettingsStore(new ProviderRegistry(), channels);
}

function sendDepsFor(
  config: Pick<EngineConfig, 'emailFrom' | 'publicUrl' | 'sendCallTimeoutMs'> & { trackingSecret: string },
  settings: SettingsStore,
): SendDeps {
  return {
    settings: () => settings.active(),
    limiter: new SharedRateLimiter(),
    emailFrom: config.emailFrom ?? DEFAULT_EMAIL_FROM,
    tracking: { baseUrl: config.publicUrl, secret: config.trackingSecret },
    ...(config.sendCallTimeoutMs ? { callTimeoutMs: config.sendCallTimeoutMs } : {}),
  };
}
