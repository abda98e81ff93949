import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/** The raw Temporal baseline: one no-op activity, nothing else. */
export async function baseline(): Promise<void> {
  await noop();
}
