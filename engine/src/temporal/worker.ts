import { NativeConnection, Worker } from '@temporalio/worker';
import { getHeapStatistics } from 'node:v8';
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
 * Workflows kept in memory between their tasks: the SDK's own default for this heap (about 600 per GB above
 * 200 MB), at most 500. Its default alone grows with the heap limit, to about 2,300 on a 24 GB machine,
 * which put a worker with 10,000 journeys waiting on timers over 1 GB. Journeys spend nearly all their
 * time waiting; one that wakes after eviction replays its short history instead.
 */
function cachedWorkflows(): number {
  const heapMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.min(500, Math.max(10, Math.floor(((heapMb - 200) * 600) / 1024)));
}

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
    maxCachedWorkflows: cachedWorkflows(),
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
