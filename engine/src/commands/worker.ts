import mongoose from 'mongoose';
import { loadTokens } from '../auth/tokens.js';
import { config } from '../config.js';
import { dataDir } from '../services/paths.js';
import { activitiesFor } from '../engine.js';
import { connectMonitoredStore } from '../metrics/store-commands.js';
import { serveWorkerEndpoints } from '../metrics/worker-endpoints.js';
import { loadCustomSteps } from '../steps/registry.js';
import { startJourneyWorker } from '../temporal/worker.js';

/**
 * `waymark worker`: a journey worker alone, for scale-out. Needs TEMPORAL_ADDRESS and MONGODB_URI;
 * polls WAYMARK_TASK_QUEUE and serves /metrics and /health on WAYMARK_METRICS_PORT (unset: a free port, printed).
 */
export async function worker(): Promise<void> {
  const { temporalAddress: address, mongodbUri: uri, taskQueue, ...settings } = config();
  if (!address || !uri)
    throw new Error('set TEMPORAL_ADDRESS and MONGODB_URI (the services `npm start` runs, or production ones)');
  await connectMonitoredStore(uri);
  const { activities, close } = activitiesFor({
    channels: settings.channels,
    emailFrom: settings.emailFrom,
    publicUrl: settings.publicUrl,
    // The same secret as the API process, so links signed here verify there.
    trackingSecret: loadTokens(dataDir(), settings.tokens).trackingSecret,
    steps: await loadCustomSteps(settings.steps),
  });
  const running = await startJourneyWorker({ address, taskQueue, activities });
  const endpoints = await serveWorkerEndpoints(settings.metricsPort, running.state);
  process.stdout.write(
    `waymark worker: polling ${taskQueue} on ${address}; metrics on ${endpoints.url}/metrics; Ctrl-C to stop\n`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.stop());
  await running.done;
  close();
  await endpoints.close();
  await mongoose.disconnect();
}
