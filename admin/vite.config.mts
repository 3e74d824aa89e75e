/** One Vite build for the browser apps: the Set up now wizard page (setup.html) and the admin console (console.html). */
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '..', 'dist', 'admin');

/** What is worth compressing: text, over the server's 1 kB threshold. */
const COMPRESSIBLE = /\.(js|css|svg|json|html)$/;

/**
 * Each asset also as `.br` (brotli at its best quality, 11) and `.gz` (gzip level 9), written once at build time
 * and sent as they are by the server (server/platform/web-serving.ts): the console's script comes 17 % smaller
 * than brotli at the quality the server can afford per request (4), at no cost per request. node:zlib does the
 * compressing, so no plugin is needed for it.
 */
function precompress(): Plugin {
  return {
    name: 'precompress-assets',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (!COMPRESSIBLE.test(name)) continue;
        const content = readFileSync(join(assets, name));
        if (content.length <= 1024) continue;
        writeFileSync(
          join(assets, `${name}.br`),
          brotliCompressSync(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
          }),
        );
        writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // The login page loads react-admin's core with MUI (about 690 kB minified, in a few chunks) and React (220 kB,
    // shared with the wizard page); the signed-in console (App.tsx), each resource's pages, the API client and the
    // dashboard's metrics are chunks of their own, loaded when first needed (main.tsx, common/lazyPage.ts,
    // ConsoleAdmin.tsx, Dashboard.tsx). The limit is in kB.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: { setup: resolve(here, 'setup.html'), console: resolve(here, 'console.html') },
    },
  },
});
