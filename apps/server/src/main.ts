import { readConfig } from './config.ts';
import { createServer } from './server.ts';
import { loadWebApp } from './web-app.ts';

/** The composition root: reads the environment, wires the parts, and owns the process. */
async function main(): Promise<void> {
  const result = readConfig(process.env, process.cwd());
  if (!result.ok) {
    for (const problem of result.problems) console.error(`Configuration: ${problem}`);
    process.exitCode = 1;
    return;
  }
  const { config } = result;

  const web = await loadWebApp(config.webBuildDir);
  if (!web.ready) console.warn(`Serving a placeholder page: ${web.reason}. Run npm run build.`);

  const server = createServer({ web: web.handler });
  let url: string;
  try {
    ({ url } = await server.listen(config.port, config.host));
  } catch (error) {
    // Most often the port is taken; say which one rather than printing a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Could not listen on ${config.host}:${config.port}: ${reason}`);
    process.exitCode = 1;
    return;
  }
  // Tests read the bound port from this line when they start the server on port 0.
  console.log(`Roundtable is running at ${url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means the person wants out now, whatever is still open.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
