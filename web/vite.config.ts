import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The SPA lives in web/; `npx vite build --config web/vite.config.ts` from the repo root writes web/dist,
// which the API server serves on the same port (SPA fallback to index.html for non-/api paths).
export default defineConfig({
  root,
  base: '/',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React and the router change rarely: one long-cached chunk.
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
            // The design system, except its icons (each icon stays a tiny chunk loaded on first use).
            {
              name: 'design-kit',
              test: /node_modules[\\/](?!design-react-kit[\\/]dist[\\/]Icon[\\/]assets)(design-react-kit|reactstrap|react-bootstrap|@restart|@popperjs|react-popper|react-transition-group|classnames|@babel|dom-helpers|prop-types|warning|invariant|uncontrollable|is-number)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
