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
    rollupOptions: {
      input: { setup: resolve(here, 'setup.html'), console: resolve(here, 'console.html') },
    },
  },
});
