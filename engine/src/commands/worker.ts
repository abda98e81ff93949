import { channelSettingsFromEnv } from '@waymark/channels';
import mongoose from 'mongoose';
import { connectStore } from '../models/index.js';
import { loadTokens } from '../auth/tokens.js';
import { dataDir } from '../services/paths.js';
import { activitiesFor } from '../engine.js';
import { loadCustomSteps } from '../steps/registry.js';
import { startJourneyWorker } from '../temporal/worker.js';

/** `waymark worker`: a journey worker alone, for scale-out. Needs TEMPORAL_ADDRESS and MONGODB_URI. */
export async function worker(): Promise<void> {
  const { TEMPORAL_ADDRESS: address, MONGODB_URI: uri } = process.env;
  if (!address || !uri) throw new Error('set TEMPORAL_ADDRESS and MONGODB_URI (the services `npm start` runs, or production ones)');
  await connectStore(uri);
  const running = await startJourneyWorker({
    address,
    ...(process.env.WAYMARK_TASK_QUEUE ? { taskQueue: process.env.WAYMARK_TASK_QUEUE } : { taskQueue: 'waymark-journeys' }),
    activities: activitiesFor({
      channels: channelSettingsFromEnv(),
      publicUrl: process.env.WAYMARK_PUBLIC_URL ?? 'http://localhost:3000',
      // The same secret as the API process, so links signed here verify there.
      trackingSecret: loadTokens(dataDir()).trackingSecret,
      steps: await loadCustomSteps(),
    }),
  });
  process.stdout.write(`waymark worker: polling ${address}; Ctrl-C to stop\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.stop());
  await running.done;
  await mongoose.disconnect();
}
