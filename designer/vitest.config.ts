import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'designer',
    // Components and the store run in jsdom; tests that talk HTTP or drive Chromium opt into node per file.
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // expect.poll's default second is too short for Chromium on a loaded machine (test/setup.ts: waitFor's too).
    expect: { poll: { timeout: 10_000 } },
    setupFiles: ['./test/setup.ts'],
  },
});
