#!/usr/bin/env node
import { KennelConfigError } from '@kennel/core';
import { parseDaemonConfig, usage } from './config.js';
import { startDaemon } from './daemon.js';

/** CLI: validate config (exit 2 listing every problem, before listening), start, stop cleanly on SIGTERM/SIGINT. */
async function main() {
  let parsed;
  try {
    parsed = parseDaemonConfig(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof KennelConfigError)) throw error;
    process.stderr.write(`kennel daemon: ${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const { config } = parsed;
  for (const { role, token, source } of Object.values(config.tokens)) {
    if (source === 'generated') process.stdout.write(`kennel daemon: generated ${role} token (dev only; set KENNEL_DAEMON_${role.toUpperCase()}_TOKEN to fix it): ${token}\n`);
  }
  const daemon = await startDaemon(config);
  process.stdout.write(`kennel daemon: API ${daemon.urls.api}  page ${daemon.urls.web}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`kennel daemon: ${signal} received, finishing in-flight requests and flushing telemetry\n`);
    void daemon.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`kennel daemon: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === 'EADDRINUSE' || code === 'EACCES'
      ? ' (choose other ports with --port / KENNEL_DAEMON_PORT and --web-port / KENNEL_DAEMON_WEB_PORT, or 0 for any free port)'
      : '';
  process.stderr.write(`kennel daemon: failed to start: ${error instanceof Error ? error.message : String(error)}${hint}\n`);
  if (!hint && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
