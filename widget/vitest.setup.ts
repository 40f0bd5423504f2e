import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/preact';

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  localStorage.clear();
});
