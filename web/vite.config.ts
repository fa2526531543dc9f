import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = 'http://localhost:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // The gateway's Playground hoists React 16 to the repository root; the app must only ever
    // see the React 19 installed in web/node_modules.
    dedupe: ['react', 'react-dom'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/health': { target: gateway },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/health': { target: gateway },
    },
  },
});
