import { startApp } from './app.ts';

/** The process entry point: starts the app from the environment and owns the process. */
async function main(): Promise<void> {
  let app;
  try {
    app = await startApp({ env: process.env });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
    return;
  }
  // Tests read the bound port from this line when they start the server on port 0.
  console.log(`Roundtable is running at ${app.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means the person wants out now, whatever is still open.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal} received, shutting down`);
    app.close().then(
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
