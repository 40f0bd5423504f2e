import { defineConfig } from 'vite';
import { precompress } from '../shared/vite-precompress';

// The loader script (dist/widget.js): one small IIFE, no Preact, no socket.io, built after the app.
export default defineConfig({
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2018',
    lib: { entry: 'src/loader/index.ts', formats: ['iife'], name: 'KefuLoader', fileName: () => 'widget.js' },
  },
});
