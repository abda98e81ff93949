import { defineConfig } from 'vitest/config';

/** `npm run bench`: throughput and latency against the embedded services; figures, not assertions. */
export default defineConfig({
  test: {
    name: 'engine-perf',
    root: import.meta.dirname,
    include: ['bench/**/*.perf.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
