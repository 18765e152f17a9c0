/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { demoPack } from './scripts/demo-pack';

const port = Number(process.env.PORT) || 5173;

export default defineConfig({
  // The demo dataset as one download: see scripts/demo-pack.ts.
  plugins: [react(), demoPack('public/data/qilian', '/data/qilian.zip')],
  server: { port, strictPort: true },
  preview: { port, strictPort: true, host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
