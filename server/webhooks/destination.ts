/**
 * Where a webhook may go. In production only https URLs whose host resolves to public addresses, unless
 * WEBHOOK_ALLOW_PRIVATE is set; checked when an endpoint is saved and again when each request connects (the lookup
 * that connects is the one checked, so a name that resolves elsewhere later, DNS rebinding, is caught too).
 * Node's own net.BlockList holds the ranges.
 */
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, LookupFunction } from 'node:net';
import { Problem, problem } from '../platform/errors';

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64 (reaches IPv4 addresses, private ones included)
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is private, loopback, link-local or otherwise not on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  return !NOT_PUBLIC.check(address, 'ipv6');
}

/** A URL's host without the brackets of an IPv6 literal. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Parses a webhook URL; a problem when it is not an absolute http(s) URL, or not https where only https is allowed. */
export function parseWebhookUrl(value: string, allowPrivate: boolean, field = 'url'): { url?: URL; problem?: Problem } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { problem: problem('WEBHOOK_URL_INVALID', field) };
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || !url.hostname || value.length > 2000) {
    return { problem: problem('WEBHOOK_URL_INVALID', field) };
  }
  if (!allowPrivate && url.protocol !== 'https:') return { problem: problem('WEBHOOK_URL_NOT_HTTPS', field) };
  return { url };
}

/** Resolves the URL's host and refuses it when any address it has is not public (unless private ones are allowed). */
export async function checkDestination(url: URL, allowPrivate: boolean, field = 'url'): Promise<Problem | undefined> {
  if (allowPrivate) return undefined;
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return problem('WEBHOOK_URL_UNRESOLVABLE', field, { host });
    }
  }
  const blocked = addresses.find((address) => !isPublicAddress(address));
  return blocked ? problem('WEBHOOK_URL_PRIVATE_ADDRESS', field, { host, address: blocked }) : undefined;
}

export class PrivateAddressError extends Error {}

/**
 * The DNS lookup of an outgoing request: the system's, refusing a private address unless allowed. Node calls it for
 * host names only; an IP literal is checked by checkDestination before the request.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const blocked = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(new PrivateAddressError(`${hostname} resolves to ${blocked.address}, not a public address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
