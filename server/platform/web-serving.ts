/**
 * How the browser apps' files and every answer travel: compressed when worth it, and cached for as long as their
 * names allow.
 */
import compression from 'compression';
import express, { RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';

/**
 * gzip or brotli (brotli's quality 4: near gzip's speed, smaller output) by the request's Accept-Encoding, for the
 * pages and the API's JSON. The hashed assets come precompressed by the build at brotli's best quality (webAssets
 * below), 17 % smaller than this middleware's brotli: a phone opening the console on a slow network waits for
 * the bytes, and the best quality costs seconds, too much per request. This middleware leaves an answer that is
 * already encoded alone. Answers under 1 kB go as they are: compressing them saves less than its headers and time
 * cost.
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
  const precompressed = precompressedAssets(root);
  const files = express.static(root, {
    index: false,
    acceptRanges: false,
    setHeaders(res, path) {
      const name = relative(root, path).split(sep).join('/');
      if (name.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
      else res.setHeader('Cache-Control', HASHED_ASSET.test(name) ? YEAR_IMMUTABLE : SHORT);
    },
  });
  return (req, res, next) => precompressed(req, res, () => files(req, res, next));
}

/** The encodings the build writes beside each asset (admin/vite.config.mts), in the order they are preferred. */
const PRECOMPRESSED = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/**
 * A hashed asset the browser may take compressed, sent as the build compressed it (`<name>.br` or `<name>.gz`)
 * with the asset's own type; anything else (no such file, an encoding the browser does not take, a page) goes on
 * to express.static.
 */
function precompressedAssets(root: string): RequestHandler {
  // Only files found are remembered: one missing while a build writes them may be there at the next request.
  const exists = new Set<string>();
  const found = (path: string) => {
    if (exists.has(path)) return true;
    if (!existsSync(path)) return false;
    exists.add(path);
    return true;
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let name: string;
    try {
      name = decodeURIComponent(req.path).replace(/^\//, '');
    } catch {
      return next();
    }
    // The pattern allows no slash in the file's name: nothing outside assets/ is reachable.
    if (!HASHED_ASSET.test(name)) return next();
    res.vary('Accept-Encoding');
    for (const [encoding, suffix] of PRECOMPRESSED) {
      const path = join(root, `${name}${suffix}`);
      if (req.acceptsEncodings(encoding) !== encoding || !found(path)) continue;
      res.type(extname(name));
      res.setHeader('Content-Encoding', encoding);
      res.setHeader('Cache-Control', YEAR_IMMUTABLE);
      return res.sendFile(path, { cacheControl: false, acceptRanges: false }, (error) => {
        if (error && !res.headersSent) next(error);
      });
    }
    next();
  };
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
