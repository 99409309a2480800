import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Real CUPS and a real child process take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Suites share CUPS and the machine's 2 cores: run files one after the other.
    fileParallelism: false,
  },
});
