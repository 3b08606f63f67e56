#!/usr/bin/env node
import { parseDemoArguments, startDemo } from './internal/demo.ts';

const parsed = parseDemoArguments(process.argv.slice(2), process.env);
if (!parsed.ok) {
  if (parsed.help) console.log(parsed.message);
  else console.error(`vidgo-simulator: ${parsed.message}`);
  process.exit(parsed.help ? 0 : 1);
}
const { port, host } = parsed.options;

try {
  const demo = await startDemo(parsed.options);
  console.log(demo.banner);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    // A second Ctrl+C while closing means "now".
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: stopping the simulator`);
    demo.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(
          `vidgo-simulator: error while stopping: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  const code = (error as { code?: string }).code;
  const message =
    code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use (choose another with --port or PORT)`
      : code === 'EACCES'
        ? `not allowed to listen on port ${port} of ${host}`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `cannot listen on host ${host}`
          : error instanceof Error
            ? error.message
            : String(error);
  console.error(`vidgo-simulator: ${message}`);
  process.exit(1);
}
