import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Servers bind loopback ports and a shared Redis; keep files isolated but allow parallel files.
    pool: 'forks',
  },
});
