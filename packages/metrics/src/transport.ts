import { ErrorCodes, KennelError, type KennelConfig, type Logger } from '@kennel/core';
import StatsD from 'hot-shots';
import { isIP } from 'node:net';
import { cachedLookup } from './dns.js';
import type { MetricsOptions, MetricsStats } from './types.js';

/** The agent reads DogStatsD into 8 KiB buffers (`dogstatsd_buffer_size`); nothing larger arrives whole. */
export const AGENT_BUFFER_BYTES = 8192;
/** 1500-byte Ethernet MTU minus IPv6 + UDP headers, the size Datadog's clients use for UDP to a remote agent. */
export const REMOTE_UDP_BYTES = 1432;

/**
 * The part of the hot-shots client kennel uses. kennel batches lines itself and hands each finished
 * datagram to `sendMessage` (the method hot-shots' own buffer flush ends in): hot-shots keeps the socket,
 * DNS, UDS retries, error routing and close/drain. `getDatadogExtensionFields` (hot-shots ≥ 11) gives
 * the origin-detection fields (`c:` container id, `e:`, `card:`) each line must carry in Datadog mode.
 */
export interface DogStatsdClient {
  sendMessage(payload: string, callback?: (error?: Error | null) => void): void;
  getDatadogExtensionFields?(): string[];
  flush(callback: (error?: Error | null) => void): void;
  close(callback: (error?: Error) => void): void;
  mockBuffer?: string[];
}

export interface Transport {
  client: DogStatsdClient;
  kind: MetricsStats['transport'];
  maxPayloadBytes: number;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/**
 * One hot-shots client for the configured transport: UDS when `agent.statsdSocket` is set (falling
 * back to UDP, with a warning, when hot-shots cannot load its optional native `unix-dgram`), else UDP.
 * kennel owns formatting, batching, tags and prefix, so hot-shots runs unbuffered with its own global
 * tags, env reading and client telemetry off.
 */
export function openTransport(config: KennelConfig, options: MetricsOptions, onError: (error: Error) => void, logger: Logger): Transport {
  const base = {
    maxBufferSize: 0,
    errorHandler: onError,
    includeDataDogTags: false,
    includeDatadogTelemetry: false,
  };
  if (options.mock) {
    return { client: check(new StatsD({ ...base, mock: true })), kind: 'mock', maxPayloadBytes: capped(options.maxPayloadBytes ?? AGENT_BUFFER_BYTES) };
  }
  const socketPath = config.agent.statsdSocket;
  if (socketPath) {
    const maxPayloadBytes = capped(options.maxPayloadBytes ?? AGENT_BUFFER_BYTES);
    const startup: Error[] = [];
    let starting = true;
    const client = new StatsD({ ...base, protocol: 'uds', path: socketPath, errorHandler: (e) => (starting ? startup.push(e) : onError(e)) });
    starting = false;
    const missingNative = startup.find((e) => /unix[_-]dgram/i.test(e.message));
    if (!missingNative) {
      startup.forEach(onError);
      return { client: check(client), kind: 'uds', maxPayloadBytes };
    }
    client.close(() => undefined);
    logger.warn(
      `agent.statsdSocket=${JSON.stringify(socketPath)} needs the optional native module "unix-dgram", which is not installed or not built; sending DogStatsD over UDP to ${config.agent.statsdHost}:${config.agent.statsdPort} instead. Install unix-dgram (needs a C++ toolchain) or unset DD_DOGSTATSD_URL / agent.statsdSocket.`,
      { code: ErrorCodes.METRICS_UDS_UNAVAILABLE },
    );
  }
  const host = config.agent.statsdHost;
  const maxPayloadBytes = capped(options.maxPayloadBytes ?? (isLoopback(host) ? AGENT_BUFFER_BYTES : REMOTE_UDP_BYTES));
  const client = new StatsD({
    ...base,
    protocol: 'udp',
    host,
    port: config.agent.statsdPort,
    // A name is re-resolved every dnsRefreshMs instead of once (cacheDns) or before every send (the default).
    ...(isIP(host) ? {} : { udpSocketOptions: { type: 'udp4' as const, lookup: cachedLookup(options.dnsRefreshMs ?? 30_000) as never } }),
  });
  return { client: check(client), kind: 'udp', maxPayloadBytes };
}

const capped = (bytes: number) => Math.max(512, Math.min(AGENT_BUFFER_BYTES, Math.floor(bytes)));

function check(client: InstanceType<typeof StatsD>): DogStatsdClient {
  const candidate = client as unknown as Partial<DogStatsdClient>;
  if (typeof candidate.sendMessage !== 'function') {
    throw new KennelError(ErrorCodes.METRICS_CLIENT_UNSUPPORTED, 'The installed hot-shots has no sendMessage(payload) method; @kennel/metrics supports hot-shots >=10 <18 (peer dependency).');
  }
  return candidate as DogStatsdClient;
}
