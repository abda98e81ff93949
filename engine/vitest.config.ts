import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'engine',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Starts Temporal, the store and MailDev once for every engine test file.
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll's default second is too short for work through Temporal, the store or Chromium on a loaded machine.
    expect: { poll: { timeout: 15_000 } },
  },
});
