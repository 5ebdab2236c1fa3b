import { onTestFinished } from 'vitest';
import { catalogRoutes } from '../src/http/routes/catalog.ts';
import { createServer } from '../src/server.ts';
import type { WebHandler } from '../src/web-app.ts';

/** Stands in for the web app: names the path it was asked for, so tests can see the hand-off. */
export const echoWeb: WebHandler = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`web app: ${req.url}`);
};

/**
 * A real server on a free port, closed when the calling test finishes. Returns the base URL
 * for real `fetch` calls.
 */
export async function startServer(web: WebHandler = echoWeb): Promise<string> {
  const errors: unknown[] = [];
  const server = createServer({
    web,
    routes: catalogRoutes,
    logError: (_message, error) => errors.push(error),
  });
  const { url } = await server.listen(0);
  onTestFinished(async () => {
    await server.close();
  });
  return url;
}

/** POSTs `body` as-is, with JSON as the content type unless the test says otherwise. */
export function post(
  url: string,
  body: string,
  contentType = 'application/json',
): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}
