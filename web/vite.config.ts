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
    // Two apps: the staff app at `/` and the client portal at `/portal` (its own page, session and
    // service worker; `public/portal/` holds its manifest, icon and worker as they are).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal/index.html', import.meta.url)),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/portal/graphql': { target: gateway },
      '/i/': { target: gateway },
      '/health': { target: gateway },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/portal/graphql': { target: gateway },
      '/i/': { target: gateway },
      '/health': { target: gateway },
    },
  },
});
