import { startApp, type App } from './app.ts';

/** The process entry point: starts the app from the environment and owns the process. */
async function main(): Promise<void> {
  let app: App | undefined;
  let stopping = false;
  const shutDown = (running: App) =>
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  // Listening before startApp: the port is bound before the sessions are restored, so a signal
  // can come while they are; the app is then closed as soon as it exists, drained like any other.
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means the person wants out now, whatever is still open.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal} received, shutting down`);
    if (app) void shutDown(app);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    app = await startApp({ env: process.env });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return;
  }
  if (stopping) return void shutDown(app);
  // Tests read the bound port from this line when they start the server on port 0.
  console.log(`Roundtable is running at ${app.url}`);
  if (app.inboxUrl) console.log(`Mail inbox (every mail Roundtable sends): ${app.inboxUrl}`);
  // Printed only while nobody is a coordinator: whoever follows it and signs in becomes one.
  if (app.setupLink)
    console.log(`Set up Roundtable (one-time link, makes you the coordinator): ${app.setupLink}`);
}

await main();
