import { NativeConnection, Worker } from '@temporalio/worker';
import type { JourneyActivities } from '@waymark/workflows/temporal';
import { installTemporalRuntime } from '../metrics/temporal-telemetry.js';
import { STORE_POOL_SIZE } from '../models/index.js';
import { workflowBundle } from './bundle.js';

export interface RunningWorker {
  /** Settles when the worker has stopped. */
  done: Promise<void>;
  /** The SDK's worker state: RUNNING while it polls. */
  state(): string;
  /** Graceful: finishes running activity tasks (up to the grace time), then closes the connection. */
  stop(): Promise<void>;
}

/**
 * Activities (and local ones) running at once per worker. Nearly all of them call the store, whose pool
 * is STORE_POOL_SIZE: twice that keeps the pool busy without a long queue of calls waiting on it.
 */
const CONCURRENT_ACTIVITIES = STORE_POOL_SIZE * 2;

/**
 * Workflows kept in memory between their tasks. The SDK's default grows with the heap limit (about 2,300 on
 * a machine with 24 GB), which puts a worker with 10,000 journeys waiting on timers over 1 GB. Journeys
 * spend nearly all their time waiting; one that wakes after eviction replays its short history instead.
 */
const CACHED_WORKFLOWS = 1_000;

/** Starts a worker for journey workflows and the engine's activities. */
export async function startJourneyWorker({
  address,
  namespace = 'default',
  taskQueue,
  activities,
}: {
  address: string;
  namespace?: string;
  taskQueue: string;
  activities: JourneyActivities;
}): Promise<RunningWorker> {
  await installTemporalRuntime();
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: { ...activities },
    shutdownGraceTime: '10 seconds',
    maxConcurrentActivityTaskExecutions: CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: CONCURRENT_ACTIVITIES,
    maxCachedWorkflows: CACHED_WORKFLOWS,
  });
  const done = worker.run().finally(() => connection.close());
  return {
    done,
    state: () => worker.getState(),
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
