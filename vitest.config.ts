import { defineConfig } from 'vitest/config';

// One run over every workspace; each workspace's own vitest.config.ts names its tests
// and (for the engine) the global setup that starts the shared services once.
export default defineConfig({
  test: {
    projects: ['workflows', 'channels', 'engine', 'designer'],
  },
});
