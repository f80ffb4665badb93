import { defineConfig } from 'vite';

// The status page: plain TS + CSS, built into dist/web, which the frontend server serves.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist/web', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
