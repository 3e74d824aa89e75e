/**
 * How the browser apps' files and every answer travel: compressed when worth it, and cached for as long as their
 * names allow.
 */
import compression from 'compression';
import express, { RequestHandler } from 'express';
import { relative, resolve, sep } from 'node:path';

/**
 * gzip or brotli (brotli's quality 4: near gzip's speed, smaller output) by the request's Accept-Encoding, for the
 * pages, their scripts and the API's JSON alike. Compressed on the fly rather than precompressed at build time: one
 * middleware covers the assets and the API, and a hashed asset is fetched once per browser and release (it is
 * cached for a year), so compressing it per request costs little. Answers under 1 kB go as they are: compressing
 * them saves less than its headers and time cost.
 */
export function compressResponses(): RequestHandler {
  return compression({ threshold: 1024 });
}

/** Vite names each file it emits under assets/ by its content hash (`console-BigK1TCc.js`): a new build, a new name. */
const HASHED_ASSET = /^assets\/[^/]+-[\w-]{8,}\.[a-z0-9]+$/;

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';
/** What is not hashed (the public dir's files) keeps its name across releases: an hour, then the browser asks again. */
const SHORT = 'public, max-age=3600';

/**
 * The Vite build under /app/: hashed assets cached for a year and never revalidated, the rest briefly, the HTML
 * entries (served mainly at /admin/ and /setup/<token>) not at all: they name the current release's assets.
 * No range requests: nothing here is large enough to resume, and a compressed range would not be the range asked.
 */
export function webAssets(webDir: string): RequestHandler {
  const root = resolve(webDir);
  return express.static(root, {
    index: false,
    acceptRanges: false,
    setHeaders(res, path) {
      const name = relative(root, path).split(sep).join('/');
      if (name.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
      else res.setHeader('Cache-Control', HASHED_ASSET.test(name) ? YEAR_IMMUTABLE : SHORT);
    },
  });
}

/** The site's icon (admin/public/favicon.svg, copied by Vite to the build's root). */
const FAVICON = 'favicon.svg';

/** `/favicon.ico`, which browsers and tools ask for by habit: the same icon, an SVG, for a day. */
export function favicon(webDir: string): RequestHandler {
  const file = resolve(webDir, FAVICON);
  return (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').sendFile(file);
  };
}
