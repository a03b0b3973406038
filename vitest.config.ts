import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for something to happen; on a busy 2-core CI machine 1 s (the default) is too short a
    // wait. It is a patience, not a speed assertion.
    expect: { poll: { timeout: 10_000 } },
    // Integration tests start processes and servers; two workers match the CI machine's cores.
    maxWorkers: 2,
  },
});
