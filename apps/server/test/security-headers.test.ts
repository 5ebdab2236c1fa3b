import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { liveKitSources, PERMISSIONS_POLICY, withSources } from '../src/http/security-headers.ts';
import { startAppAt, tempDataDir } from './live/harness.ts';

const WEB_BUILD_DIR = join(REPO_ROOT, 'apps/web/build');
const LIVEKIT = {
  LIVEKIT_URL: 'wss://media.example.org',
  LIVEKIT_API_KEY: 'key',
  LIVEKIT_API_SECRET: 'a-secret-that-nobody-uses-in-this-test',
};

/** The real app over the real web build; an external LiveKit is only configured, never called. */
async function app(extra: Record<string, string> = {}) {
  return startAppAt(await tempDataDir(), { WEB_BUILD_DIR, MEDIA: '', ...LIVEKIT, ...extra });
}

function expectCommonHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

/** A CSP header as directive name → sources. */
function directives(res: Response): Map<string, string[]> {
  const policy = res.headers.get('content-security-policy') ?? '';
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('every response carries the security headers', () => {
  test('a page: SvelteKit nonce for its script, LiveKit added to connect-src', async () => {
    const { url } = await app();
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const csp = directives(res);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')?.[0]).toBe("'self'");
    const nonce = /^'nonce-(.+)'$/.exec(csp.get('script-src')?.[1] ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(await res.text()).toContain(`<script nonce="${nonce}">`);
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'wss://media.example.org',
      'https://media.example.org',
    ]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // A fresh nonce per response.
    const again = directives(await fetch(`${url}/`)).get('script-src');
    expect(again).not.toEqual(csp.get('script-src'));
  });

  test('an API reply, a static asset, a 404 page and a refused path', async () => {
    const { url } = await app();
    const html = await (await fetch(`${url}/`)).text();
    const asset = /\/_app\/immutable\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    for (const path of ['/api/protocols', asset!, '/healthz']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expectCommonHeaders(res);
      // Nothing but pages loads anything: the strictest policy.
      expect(directives(res).get('default-src'), path).toEqual(["'none'"]);
    }
    const missing = await fetch(`${url}/no-such-page`);
    expect(missing.status).toBe(404);
    expectCommonHeaders(missing);
    expect(directives(missing).get('script-src')?.[1]).toMatch(/^'nonce-/);
    const refused = await fetch(`${url}/%E0%A4%A`);
    expect(refused.status).toBe(400);
    expectCommonHeaders(refused);
  });

  test("Socket.IO's own answers, a handshake and a refusal", async () => {
    const { url } = await app();
    const handshake = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);
    expectCommonHeaders(handshake);
    const refused = await fetch(`${url}/socket.io/?EIO=4&transport=nonsense`);
    expect(refused.status).toBe(400);
    expectCommonHeaders(refused);
  });

  test('the placeholder page when the web app is not built', async () => {
    const { url } = await app({ WEB_BUILD_DIR: '/nonexistent/roundtable-build' });
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(503);
    expectCommonHeaders(res);
    expect(directives(res).get('default-src')).toEqual(["'none'"]);
  });

  test('HSTS only when PUBLIC_URL is https', async () => {
    const secure = await app({ PUBLIC_URL: 'https://rt.example.org' });
    const plain = await app({ PUBLIC_URL: 'http://rt.example.org' });
    for (const path of ['/', '/healthz']) {
      expect((await fetch(`${secure.url}${path}`)).headers.get('strict-transport-security')).toBe(
        'max-age=31536000',
      );
      expect((await fetch(`${plain.url}${path}`)).headers.get('strict-transport-security')).toBe(
        null,
      );
    }
  });

  test('without media the pages connect to their own origin only', async () => {
    const { url } = await startAppAt(await tempDataDir(), { WEB_BUILD_DIR, MEDIA: 'off' });
    expect(directives(await fetch(`${url}/`)).get('connect-src')).toEqual(["'self'"]);
  });
});

test.each([
  ["connect-src 'self'; img-src 'self'", "connect-src 'self' ws://a:1; img-src 'self'"],
  ["default-src 'self';connect-src 'self'", "default-src 'self';connect-src 'self' ws://a:1"],
  // No connect-src: default-src governs, and the policy is left as it is.
  ["default-src 'none'", "default-src 'none'"],
  // Already there: not twice.
  ["connect-src 'self' ws://a:1", "connect-src 'self' ws://a:1"],
])('withSources(%j) adds ws://a:1 to connect-src', (policy, expected) => {
  expect(withSources(policy, 'connect-src', ['ws://a:1'])).toBe(expected);
});

test.each([
  [{ mode: 'off' } as const, []],
  [
    { mode: 'local', binary: undefined, port: 7880, rtcPort: 7882, nodeIp: '127.0.0.1' } as const,
    ['ws://127.0.0.1:7880', 'http://127.0.0.1:7880'],
  ],
  [
    { mode: 'external', url: 'wss://lk.example.org', apiKey: 'k', apiSecret: 's' } as const,
    ['wss://lk.example.org', 'https://lk.example.org'],
  ],
  [
    {
      mode: 'external',
      url: 'https://lk.example.org:8443/x',
      apiKey: 'k',
      apiSecret: 's',
    } as const,
    ['wss://lk.example.org:8443', 'https://lk.example.org:8443'],
  ],
  [
    { mode: 'external', url: 'ws://livekit.internal:7880', apiKey: 'k', apiSecret: 's' } as const,
    ['ws://livekit.internal:7880', 'http://livekit.internal:7880'],
  ],
])('liveKitSources(%j)', (media, expected) => {
  expect(liveKitSources(media)).toEqual(expected);
});
