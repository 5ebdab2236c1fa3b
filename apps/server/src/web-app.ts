import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A Node request handler in the shape adapter-node's `handler` export has. */
export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type WebApp =
  { ready: true; handler: WebHandler } | { ready: false; handler: WebHandler; reason: string };

/**
 * Loads the SvelteKit app that adapter-node built into `buildDir`. The web app is loaded by
 * path at run time rather than imported, because apps never import each other and the server
 * must start (and answer /healthz) even before anyone has built the web app.
 */
export async function loadWebApp(buildDir: string): Promise<WebApp> {
  const entry = join(buildDir, 'handler.js');
  if (!existsSync(entry)) {
    return { ready: false, handler: missingBuildPage, reason: `no web build at ${entry}` };
  }
  const module = (await import(pathToFileURL(entry).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') {
    throw new Error(`${entry} does not export a handler; is it an adapter-node build?`);
  }
  return { ready: true, handler: module.handler as WebHandler };
}

const MISSING_BUILD_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Roundtable: web app not built</title></head>
<body>
<main>
<h1>The web app has not been built yet</h1>
<p>Run <code>npm run build</code> in the repository root, then restart the server.</p>
</main>
</body>
</html>
`;

/** Served in place of the web app when there is no build, so the cause is plain to see. */
function missingBuildPage(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(MISSING_BUILD_HTML),
    'cache-control': 'no-store',
  });
  res.end(MISSING_BUILD_HTML);
}
