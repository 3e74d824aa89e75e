/**
 * Security headers on every answer, pages and API alike (helmet): a Content-Security-Policy that lets the pages
 * run only our own scripts and talk only to our own origin, and that no other site may frame them (the wizard's
 * Confirm is irreversible, so it must not be clickjacked), with nosniff and no Referer.
 */
import type { RequestHandler } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

const SELF = "'self'";
const NONE = "'none'";

/**
 * The one policy for the console (/admin/), the wizard (/setup/<token>) and the API. Vite's build loads every
 * script from a file under /app/ (no inline script, no eval), so scripts are 'self' only. Styles also allow
 * 'unsafe-inline': the console's MUI styles are written by emotion into <style> elements at run time, and React
 * and recharts set `style` attributes; a nonce would need every page templated per response. Inline styles can
 * restyle a page but run nothing. No upgrade-insecure-requests: a deployment on plain http would lose every asset.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: [SELF],
    scriptSrc: [SELF],
    scriptSrcAttr: [NONE],
    styleSrc: [SELF, "'unsafe-inline'"],
    imgSrc: [SELF, 'data:'],
    fontSrc: [SELF],
    connectSrc: [SELF],
    objectSrc: [NONE],
    baseUri: [NONE],
    formAction: [SELF],
    frameAncestors: [NONE],
  },
};

/**
 * Strict-Transport-Security only on a request that came over https as express sees it (`req.secure`, which
 * honours TRUST_PROXY's X-Forwarded-Proto behind a TLS-terminating proxy). Over plain http browsers ignore it
 * anyway, and a server that may run on http should not promise https. Subdomains are not ours to commit.
 */
const hsts = strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: false });

export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  return (req, res, next) => {
    headers(req, res, (error?: unknown) => {
      if (error || !req.secure) return next(error);
      hsts(req, res, next);
    });
  };
}
