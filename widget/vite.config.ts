import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { precompress } from '../shared/vite-precompress';

// The widget app inside the iframe: served by the Kefu server under /widget/.
export default defineConfig({
  base: '/widget/',
  plugins: [preact(), precompress()],
  build: {
    outDir: 'dist',
    target: 'es2020',
    rollupOptions: { input: { frame: 'frame.html', tracking: 'tracking.html' } },
  },
});
