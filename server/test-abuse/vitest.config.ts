import { defineConfig } from 'vitest/config';

// The abuse suite: fuzzing, limits and hostile input against a real server (pnpm run test:abuse).
export default defineConfig({
  test: {
    name: 'abuse',
    root: __dirname,
    environment: 'node',
    include: ['**/*.abuse.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
