import type { IncomingMessage } from 'node:http';
import { expect, test } from 'vitest';
import { clientAddress, clientKey } from '../../src/limits/client-address.ts';

const request = (remoteAddress: string, forwardedFor?: string | string[]) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

test.each([
  [
    'no proxy trusted: the header is ignored',
    request('203.0.113.9', '198.51.100.1'),
    0,
    '203.0.113.9',
  ],
  ['an IPv4 client of a dual-stack socket', request('::ffff:203.0.113.9'), 0, '203.0.113.9'],
  [
    'one proxy: the entry it appended',
    request('127.0.0.1', '6.6.6.6, 198.51.100.1'),
    1,
    '198.51.100.1',
  ],
  [
    'two proxies: one entry further left',
    request('127.0.0.1', '6.6.6.6, 198.51.100.1, 10.0.0.2'),
    2,
    '198.51.100.1',
  ],
  [
    'a repeated header counts as one list',
    request('127.0.0.1', ['6.6.6.6', '198.51.100.1']),
    1,
    '198.51.100.1',
  ],
  ['trusted but absent: the peer itself', request('127.0.0.1'), 1, '127.0.0.1'],
  [
    'fewer entries than proxies: the leftmost',
    request('127.0.0.1', '198.51.100.1'),
    3,
    '198.51.100.1',
  ],
  [
    'a mapped address in the header',
    request('127.0.0.1', '::ffff:198.51.100.1'),
    1,
    '198.51.100.1',
  ],
])('%s', (_what, req, proxies, expected) => {
  expect(clientAddress(req, proxies)).toBe(expected);
});

test.each([
  ['203.0.113.9', '203.0.113.9'],
  ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
  ['2001:db8:1:2::7', '2001:db8:1:2::/64'],
  ['2001:DB8:0001:0002:ffff::1%eth0', '2001:db8:1:2::/64'],
  ['::1', '0:0:0:0::/64'],
  ['2001:db8::', '2001:db8:0:0::/64'],
])('an IPv6 client is keyed by its /64: %s', (address, key) => {
  expect(clientKey(address)).toBe(key);
});
