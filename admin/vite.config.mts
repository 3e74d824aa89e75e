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

/** Where the console keeps its signed-in staff member: console/credentials.ts's key (the config cannot import it). */
const CREDENTIALS_STORAGE_KEY = 'wxcc-console:credentials';

/**
 * The console page's first script, a few hundred bytes with no imports, put in console.html before the entry script.
 * Signed in already (a reload, a link opened), the signed-in console (App.tsx) is wanted, and on the console's home
 * the dashboard's metrics panel too; the script asks for their chunks at once (modulepreload), beside the entry's,
 * instead of one after the other once the entry has arrived and run. Signed out (the login page) it asks for
 * nothing. It is written here, after the bundle, because only then are the chunks' names known; a script of the page
 * that Vite bundled would be merged into the entry and run after it.
 */
function earlyPreload(): Plugin {
  return {
    name: 'console-early-preload',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const chunkOf = (source: string) => {
        const found = chunks.find((chunk) => chunk.facadeModuleId === resolve(here, 'console', source));
        if (!found) throw new Error(`the build has no chunk for console/${source}`);
        return found;
      };
      /** A chunk and every chunk it imports, however deep, less those the page's entry loads anyway. */
      const entry = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId === resolve(here, 'console.html'));
      const closure = (start: (typeof chunks)[number], skip = new Set<string>()) => {
        const found = new Set<string>();
        const visit = (fileName: string) => {
          if (found.has(fileName) || skip.has(fileName)) return;
          found.add(fileName);
          for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) visit(imported);
        };
        visit(start.fileName);
        return found;
      };
      const loadedByEntry = entry ? closure(entry) : new Set<string>();
      const urls = (source: string) => [...closure(chunkOf(source), loadedByEntry)].map((fileName) => `/app/${fileName}`);
      const signedIn = urls('App.tsx');
      const dashboard = urls('dashboard/MetricsPanel.tsx').filter((url) => !signedIn.includes(url));
      const script =
        `try{if(localStorage.getItem(${JSON.stringify(CREDENTIALS_STORAGE_KEY)})){` +
        `const p=(h)=>{const l=document.createElement("link");l.rel="modulepreload";l.crossOrigin="";l.href=h;document.head.appendChild(l)};` +
        `${JSON.stringify(signedIn)}.forEach(p);` +
        `if(["/admin","/admin/"].includes(location.pathname))${JSON.stringify(dashboard)}.forEach(p)}}catch(e){}\n`;
      const reference = this.emitFile({ type: 'asset', name: 'early.js', source: script });
      const page = bundle['console.html'];
      if (page?.type !== 'asset') throw new Error('the build has no console.html');
      const tag = `<script type="module" crossorigin src="/app/${this.getFileName(reference)}"></script>`;
      page.source = String(page.source).replace('<head>', `<head>\n    ${tag}`);
    },
  };
}

export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react(), earlyPreload(), precompress()],
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
