/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The hub that `npm run dev` proxies /graphql (with its WebSocket) and /api to. The proxy keeps the
// page's Host header, so the hub takes the WebSocket for same-origin and honours the session cookie.
const hub = process.env.CITYGRAPH_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // GraphiQL's packages carry React-compiler directives that a bundle cannot keep; harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
      input: {
        main: resolve(__dirname, 'index.html'),
        graphiql: resolve(__dirname, 'graphiql.html'),
      },
    },
  },
  // GraphiQL's Monaco editor runs its language services in module workers.
  worker: { format: 'es' },
  server: {
    proxy: {
      '/graphql': { target: hub, ws: true },
      '/api': { target: hub },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
