import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The address a request came from. Behind `trustedProxies` reverse proxies, each appends the
 * address it received the request from to X-Forwarded-For, so the client is that many entries
 * from the right: entries further left were written by the client and prove nothing.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = unmapped(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = [...forwarded, peer];
  // Fewer entries than proxies: the request skipped a proxy; the leftmost is the best we know.
  return unmapped(hops[Math.max(0, hops.length - 1 - trustedProxies)]!);
}

/**
 * What a client bucket is keyed by: the address, or for IPv6 its /64, since one subscriber
 * usually holds a whole /64 and could otherwise start fresh buckets at will.
 */
export function clientKey(address: string): string {
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** `::ffff:192.0.2.1` (an IPv4 client of a dual-stack socket) is `192.0.2.1`. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1]! : address;
}

/** The eight groups of an IPv6 address, `::` filled in, zone and embedded IPv4 handled. */
function expandIPv6(address: string): string[] {
  const bare = address.split('%')[0]!.toLowerCase();
  const [head = '', tail] = bare.split('::');
  const groups = (part: string) => (part ? part.split(':').flatMap(ipv4AsGroups) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((g) => (Number.parseInt(g, 16) || 0).toString(16));
}

function ipv4AsGroups(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
