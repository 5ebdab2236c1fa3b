import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import onHeaders from 'on-headers';
import type { MediaConfig } from '../config.ts';

/**
 * What a browser may use, by Permissions-Policy feature: the room needs the camera and the
 * microphone and plays remote sound by itself; everything else it never uses is off, for this
 * page and for anything it could embed. (No screen sharing yet, so display-capture is off.)
 * Only features Chromium knows: it reports an unknown one as an error on every page.
 */
const PERMISSIONS = {
  camera: 'self',
  microphone: 'self',
  autoplay: 'self',
  'clipboard-write': 'self',
  'display-capture': null,
  geolocation: null,
  payment: null,
  usb: null,
  serial: null,
  hid: null,
  midi: null,
  accelerometer: null,
  gyroscope: null,
  magnetometer: null,
  'idle-detection': null,
  'screen-wake-lock': null,
  'publickey-credentials-get': null,
  'xr-spatial-tracking': null,
  'picture-in-picture': null,
  fullscreen: null,
  'encrypted-media': null,
  'browsing-topics': null,
} as const satisfies Record<string, 'self' | null>;

export const PERMISSIONS_POLICY = Object.entries(PERMISSIONS)
  .map(([feature, allow]) => `${feature}=(${allow ?? ''})`)
  .join(', ');

/**
 * The policy of every response that is not a page: API replies, static files, the placeholder
 * page, plain errors. None of them needs to load anything, so nothing is allowed.
 */
export const RESOURCE_CSP_DIRECTIVES = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** HSTS for a year, this host only: other subdomains are the operator's to decide. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export interface SecurityHeadersOptions {
  /** PUBLIC_URL is https: browsers should never use plain HTTP for this host again. */
  readonly https: boolean;
  /** Origins the pages may connect to besides their own: the LiveKit server. */
  readonly connectSources: readonly string[];
}

/** Sets the security headers on a response before anything else writes to it. */
export type ApplySecurityHeaders = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Helmet sets the usual headers on every response, with a restrictive CSP for everything
 * that is not a page. Pages come with SvelteKit's own CSP (nonces for its inline scripts),
 * which replaces helmet's; its connect-src lists only this origin, since the LiveKit URL is
 * configured at run time, so the server adds that origin when the page's headers go out.
 */
export function securityHeaders(options: SecurityHeadersOptions): ApplySecurityHeaders {
  const apply = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: RESOURCE_CSP_DIRECTIVES },
    // Invite links carry their credential in the URL: no other origin may see it in a
    // Referer. Our own requests keep theirs, and with it a real Origin header on POSTs
    // (no-referrer would make it `null`).
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.https
      ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false }
      : false,
    xFrameOptions: { action: 'deny' },
    // The room loads nothing cross-origin that would need CORP (LiveKit is reached by
    // websocket and WebRTC, which COEP does not cover), so there is nothing to gain.
    crossOriginEmbedderPolicy: false,
  });
  const extra = options.connectSources;
  return (req, res) => {
    apply(req, res, () => undefined);
    res.setHeader('permissions-policy', PERMISSIONS_POLICY);
    if (extra.length === 0) return;
    onHeaders(res, function addConnectSources() {
      const policy = this.getHeader('content-security-policy');
      if (typeof policy === 'string')
        this.setHeader('content-security-policy', withSources(policy, 'connect-src', extra));
    });
  };
}

/**
 * Adds `sources` to one directive of a CSP header value, if the policy has that directive
 * (a policy without it, like the resource policy, stays as it is: its default applies).
 */
export function withSources(policy: string, directive: string, sources: readonly string[]): string {
  return policy
    .split(';')
    .map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name?.toLowerCase() !== directive) return part;
      const added = sources.filter((source) => !values.includes(source));
      return [part.trimEnd(), ...added].join(' ');
    })
    .join(';');
}

/**
 * Where the room's media client connects: the LiveKit URL the server hands out in
 * `media-token` replies (a websocket), and the same host over HTTP(S), which livekit-client
 * asks when a connection fails. A local LiveKit listens on 127.0.0.1 (media-service.ts).
 */
export function liveKitSources(media: MediaConfig): string[] {
  if (media.mode === 'off') return [];
  const url = media.mode === 'external' ? media.url : `ws://127.0.0.1:${media.port}`;
  const { protocol, host } = new URL(url);
  const secure = protocol === 'wss:' || protocol === 'https:';
  return [`${secure ? 'wss' : 'ws'}://${host}`, `${secure ? 'https' : 'http'}://${host}`];
}
