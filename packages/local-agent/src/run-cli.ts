import { parseArgs } from 'node:util';
import { startLocalAgent } from './agent.js';
import { optionError } from './option-error.js';
import type { LocalAgent } from './types.js';

export const CLI_USAGE = `Usage: kennel-agent [options]

An offline Datadog Agent stand-in: trace intake (v0.4/v0.5), DogStatsD over UDP,
LLM Observability via the EVP proxy, a JSON API and a live SSE stream.

Options:
  --port <n>         HTTP port for traces, EVP proxy and the JSON API (default 8126, env DD_TRACE_AGENT_PORT)
  --statsd-port <n>  UDP port for DogStatsD (default 8125, env DD_DOGSTATSD_PORT)
  --host <addr>      Interface to bind (default 127.0.0.1)
  --max-spans <n>    Spans kept before the oldest are dropped (default 10000)
  -h, --help         Show this help
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process should stop; defaults to the first SIGINT/SIGTERM. */
  stopSignal?: Promise<unknown>;
}

const defaultIo = (): CliIo => ({ out: (l) => console.log(l), err: (l) => console.error(l), env: process.env });

/**
 * Runs the `kennel-agent` command: starts the agent, prints where it listens, and closes cleanly on
 * SIGINT/SIGTERM (or `io.stopSignal`). Resolves with the exit code. Also usable from a demo script.
 */
export async function runAgentCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'statsd-port': { type: 'string' },
        host: { type: 'string' },
        'max-spans': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`kennel-agent: ${(error as Error).message}\n\n${CLI_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(CLI_USAGE);
    return 0;
  }

  let agent: LocalAgent;
  try {
    const tracePort = toPort(values.port ?? io.env.DD_TRACE_AGENT_PORT, values.port ? '--port' : 'DD_TRACE_AGENT_PORT', 8126);
    const statsdPort = toPort(values['statsd-port'] ?? io.env.DD_DOGSTATSD_PORT, values['statsd-port'] ? '--statsd-port' : 'DD_DOGSTATSD_PORT', 8125);
    const maxSpans = values['max-spans'] === undefined ? undefined : toCount(values['max-spans'], '--max-spans');
    agent = await startLocalAgent({
      tracePort,
      statsdPort,
      host: values.host ?? '127.0.0.1',
      log: io.err,
      ...(maxSpans !== undefined && { limits: { maxSpans } }),
    });
  } catch (error) {
    io.err(`kennel-agent: ${(error as Error).message}`);
    return 1;
  }

  // Listen for signals before announcing readiness: a supervisor may signal as soon as it reads the banner.
  const stop = io.stopSignal ?? nextSignal();
  io.out(`kennel-agent listening
  traces, EVP proxy, JSON API  ${agent.url}  (DD_TRACE_AGENT_URL=${agent.url})
  DogStatsD (UDP)              ${agent.host}:${agent.ports.statsd}  (DD_DOGSTATSD_PORT=${agent.ports.statsd})
  live stream                  ${agent.url}/api/stream
  summary                      ${agent.url}/api/summary`);

  const signal = await stop;
  io.out(`kennel-agent: ${typeof signal === 'string' ? signal : 'stop'} received, closing`);
  await agent.close();
  return 0;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function toPort(value: string | undefined, source: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw optionError(`${source}=${JSON.stringify(value)} is invalid: expected a port number between 0 and 65535 (0 = ephemeral)`, '');
  }
  return port;
}

function toCount(value: string, source: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1) throw optionError(`${source}=${JSON.stringify(value)} is invalid: expected a positive integer`, '');
  return count;
}
