/** One Vite build for the browser apps: the Set up now wizard page (setup.html), and later the console. */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, '..', 'dist', 'admin'),
    emptyOutDir: true,
    rollupOptions: {
      input: { setup: resolve(__dirname, 'setup.html') },
    },
  },
});
