import { defineConfig } from 'vitest/config';

const json = process.env.KEFU_VITEST_JSON;

// One run for the whole workspace; each package has its own project config.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'widget', 'portal'],
    // CI asks for a JSON report beside the usual output, to print one summary line.
    ...(json ? { reporters: ['default', 'json'], outputFile: { json } } : {}),
  },
});
