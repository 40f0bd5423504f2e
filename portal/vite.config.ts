import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { precompress } from '../shared/vite-precompress';

// Served by the Kefu server at /portal/ (SPA fallback to index.html), same origin as the API.
const serverUrl = process.env.KEFU_SERVER_URL ?? 'http://localhost:3000';

export default defineConfig({
  base: '/portal/',
  plugins: [preact(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
});
