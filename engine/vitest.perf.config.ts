import { defineConfig } from 'vitest/config';

/** `npm run bench`: throughput, latency, growth and memory against the embedded services; figures, not assertions. */
export default defineConfig({
  test: {
    name: 'engine-perf',
    root: import.meta.dirname,
    include: ['bench/**/*.perf.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // One measurement at a time: they would otherwise compete for the two cores they measure.
    fileParallelism: false,
    testTimeout: 1_800_000,
    hookTimeout: 300_000,
  },
});
