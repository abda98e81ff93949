import { channelSettingsFromEnv } from '@waymark/channels';
import { TASK_QUEUE } from '@waymark/workflows/temporal';
import mongoose from 'mongoose';
import { loadTokens } from '../auth/tokens.js';
import { dataDir } from '../services/paths.js';
import { activitiesFor } from '../engine.js';
import { connectMonitoredStore } from '../metrics/store-commands.js';
import { serveWorkerEndpoints } from '../metrics/worker-endpoints.js';
import { loadCustomSteps } from '../steps/registry.js';
import { startJourneyWorker } from '../temporal/worker.js';

/**
 * `waymark worker`: a journey worker alone, for scale-out. Needs TEMPORAL_ADDRESS and MONGODB_URI;
 * serves /metrics and /health on WAYMARK_METRICS_PORT (unset: a free port, printed).
 */
export async function worker(): Promise<void> {
  const { TEMPORAL_ADDRESS: address, MONGODB_URI: uri } = process.env;
  if (!address || !uri)
    throw new Error('set TEMPORAL_ADDRESS and MONGODB_URI (the services `npm start` runs, or production ones)');
  const metricsPort = Number(process.env.WAYMARK_METRICS_PORT || 0);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65_535)
    throw new Error(
      `WAYMARK_METRICS_PORT must be a port number (0 picks a free one), got "${process.env.WAYMARK_METRICS_PORT}"`,
    );
  await connectMonitoredStore(uri);
  const taskQueue = process.env.WAYMARK_TASK_QUEUE || TASK_QUEUE;
  const running = await startJourneyWorker({
    address,
    taskQueue,
    activities: activitiesFor({
      channels: channelSettingsFromEnv(),
      publicUrl: process.env.WAYMARK_PUBLIC_URL ?? 'http://localhost:3000',
      // The same secret as the API process, so links signed here verify there.
      trackingSecret: loadTokens(dataDir()).trackingSecret,
      steps: await loadCustomSteps(),
    }),
  });
  const endpoints = await serveWorkerEndpoints(metricsPort, running.state);
  process.stdout.write(
    `waymark worker: polling ${taskQueue} on ${address}; metrics on ${endpoints.url}/metrics; Ctrl-C to stop\n`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.stop());
  await running.done;
  await endpoints.close();
  await mongoose.disconnect();
}
