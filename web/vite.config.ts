// The console: built into web/dist (served by Nest at `/`), or served by `vite` in development
// with the API proxied to the Nest app (SMK_API_URL, default http://localhost:3000).
// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all the build needs.
import { defineConfig } from 'vite';

// The config runs in Node; the console's tsconfig has browser types only.
declare const process: { env: Record<string, string | undefined> };
const api = process.env.SMK_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The initial chunk stays small: charts and the heavier pages are split off.
    chunkSizeWarningLimit: 900,
    // No inline <script> in index.html (the CSP forbids it): the module preload helper is bundled.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // React libraries mark their modules "use client" for server components; a SPA has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/health': api,
      '/docs': api,
      '/admin': api,
    },
  },
});
