import { defineConfig } from 'vitest/config';

// The fault suite: real server processes on PostgreSQL, killed and cut off on purpose (pnpm run test:faults).
export default defineConfig({
  test: {
    name: 'faults',
    root: __dirname,
    environment: 'node',
    include: ['**/*.faults.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
