import { defineConfig } from 'vitest/config';

// One run for the whole workspace; each package has its own project config.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'widget', 'portal'],
  },
});
