/** One Vite build for the browser apps: the Set up now wizard page (setup.html) and the admin console (console.html). */
import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: resolve(here, '..', 'dist', 'admin'),
    emptyOutDir: true,
    // The console's core is react-admin with MUI: about 1.2 MB minified (370 kB gzipped) that every console page
    // needs at once, so splitting it buys nothing; its charts load on their own. The limit is in kB.
    chunkSizeWarningLimit: 1300,
    rollupOptions: {
      input: { setup: resolve(here, 'setup.html'), console: resolve(here, 'console.html') },
    },
  },
});
