import { ErrorCodes, onceGate, type HookBus, type KennelConfig, type Logger } from '@kennel/core';
import { Aggregator, type AggregatedSeries } from './aggregator.js';
import { Batcher } from './batcher.js';
import { normaliseMetricName, protocolSafe } from './names.js';
import { EVENT_TEXT_LIMIT, formatEvent, formatServiceCheck, truncateBytes } from './protocol.js';
import { TagFormatter } from './tags.js';
import { openTransport } from './transport.js';
import type { EventOptions, MetricOptions, MetricSeries, MetricsApi, MetricsOptions, MetricsStats, MetricTags, SeriesKind, ServiceCheckStatus } from './types.js';

export interface MetricsContext {
  config: KennelConfig;
  logger: Logger;
  hooks: HookBus;
  warnOnce(key: string, message: string, fields?: Record<string, unknown>): void;
}

/** The plugin's API plus the shutdown the registry calls. */
export interface MetricsClient extends MetricsApi {
  close(): Promise<void>;
}

const NAME_CACHE_LIMIT = 10_000;
/** Counts are summed; distribution, histogram and timing values are packed (DogStatsD 1.1). */
const AGGREGATED = new Set(['c', 'd', 'h', 'ms']);
/** The DogStatsD type of each kind a series binds to: the aggregated ones. */
const SERIES_TYPES: Readonly<Record<SeriesKind, string>> = { increment: 'c', distribution: 'd', histogram: 'h', timing: 'ms' };

/**
 * kennel formats each DogStatsD line itself (name, value, type, sample rate, tags: each distinct
 * input normalised once and cached), batches lines into datagrams, and hands each datagram to
 * hot-shots, which owns the socket, DNS, UDS retries and close/drain. Nothing here throws into user code.
 */
export function createMetricsClient(ctx: MetricsContext, options: MetricsOptions = {}): MetricsClient {
  const { config, logger, hooks, warnOnce } = ctx;
  const stats = { sent: 0, dropped: 0, sampledOut: 0, errors: 0 };
  const errorGate = onceGate(options.errorLogIntervalMs ?? 60_000);
  const onError = (error: unknown) => {
    try {
      stats.errors++;
      if (errorGate('transport')) {
        logger.warn(`DogStatsD transport error (${stats.errors} so far); metrics may be lost, the app is unaffected`, {
          code: ErrorCodes.METRICS_TRANSPORT_ERROR,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    } catch {
      /* never let error reporting become an error */
    }
  };
  const transport = openTransport(config, options, onError, logger);
  const { client, maxPayloadBytes } = transport;
  const mockLimit = options.mockBufferLimit ?? 10_000;
  const flushTimeoutMs = options.flushTimeoutMs ?? 2000;
  const tags = new TagFormatter({ hooks, maxTagValues: config.metrics.maxTagValues, warnOnce });

  const unified: Record<string, string> = { ...config.tags, service: config.service, env: config.env };
  if (config.version) unified.version = config.version;
  const globalTags = tags.format(unified);
  // Datadog-mode origin fields (container id…) belong on every line, after the tags.
  const origin = client.getDatadogExtensionFields?.().map((field) => `|${field}`).join('') ?? '';
  const globalOnly = (globalTags === '' ? '' : `|#${globalTags}`) + origin;
  const globalThen = globalTags === '' ? '|#' : `|#${globalTags},`;
  // Sections of frozen tag lists, by identity: a caller that reuses one frozen list per series
  // (as @kennel/http does per route and status) skips formatting and hands the aggregator the same
  // string instance each time. Frozen, so the list cannot change behind the cache.
  let sections = new WeakMap<object, string>();
  let sectionsGeneration = tags.generation;
  /** `|#global,call` plus origin fields: the tail every line carries. */
  const tagSection = (tagInput: MetricTags | undefined) => {
    if (tagInput === undefined) return globalOnly;
    const frozen = Object.isFrozen(tagInput);
    if (frozen) {
      if (sectionsGeneration !== tags.generation) {
        sections = new WeakMap();
        sectionsGeneration = tags.generation;
      }
      const hit = sections.get(tagInput);
      if (hit !== undefined) return hit;
    }
    const callTags = tags.format(tagInput);
    const section = callTags === '' ? globalOnly : `${globalThen}${callTags}${origin}`;
    if (frozen) sections.set(tagInput, section);
    return section;
  };

  const prefix = config.metrics.prefix === '' || config.metrics.prefix.endsWith('.') ? config.metrics.prefix : `${config.metrics.prefix}.`;
  const names = new Map<string, string | null>();
  const metricName = (name: string): string | null => {
    let full = names.get(name);
    if (full === undefined) {
      const clean = normaliseMetricName(name);
      full = clean === undefined ? null : `${prefix}${clean}`.slice(0, 200);
      if (full === null) warnOnce(`name:${name}`, `metric name ${JSON.stringify(name)} has no letter to start with; dropped (Datadog metric names start with a letter)`);
      if (names.size < NAME_CACHE_LIMIT) names.set(name, full);
    }
    return full;
  };

  let closed = false;
  const drop = () => {
    stats.dropped++;
    return undefined;
  };
  const batcher = new Batcher(maxPayloadBytes, (payload) => client.sendMessage(payload));
  /** Enforces the payload cap (the agent cuts or drops anything over its buffer). */
  const fits = (bytes: number) => {
    if (bytes <= maxPayloadBytes) return true;
    warnOnce('oversize', `a DogStatsD line of ${bytes} bytes exceeds the ${maxPayloadBytes}-byte payload cap (metrics option maxPayloadBytes); dropped and counted in stats().dropped`);
    return false;
  };
  // Mock mode keeps one line per call: users' unit tests assert on them.
  const aggregator =
    client.mockBuffer === undefined && options.aggregate !== false
      ? new Aggregator(maxPayloadBytes, (line, bytes) => (fits(bytes) ? batcher.add(line, bytes) : drop()))
      : undefined;
  /** Callers holding values of their own until a flush (see `MetricsApi.onFlush`). */
  const flushListeners = new Set<() => void>();
  const callFlushListeners = () => {
    for (const listener of flushListeners) {
      try {
        listener();
      } catch (error) {
        warnOnce('flush-listener', 'an onFlush listener threw; the values it held may be lost, the app is unaffected', { error: String(error) });
      }
    }
  };
  const flushAll = () => {
    callFlushListeners();
    aggregator?.flush();
    batcher.flush();
  };
  // Started at setup, so aggregated lines are sent from this timer, off every request's path and context.
  const flushTimer = setInterval(flushAll, config.metrics.flushIntervalMs);
  flushTimer.unref();
  /** Queues one line. */
  const sendLine = (line: string) => {
    const bytes = Buffer.byteLength(line);
    if (!fits(bytes)) return drop();
    stats.sent++;
    if (client.mockBuffer === undefined) return batcher.add(line, bytes);
    client.mockBuffer.push(line);
    // Trimmed in chunks (and exactly on read): splicing on every push is O(limit) per line.
    if (client.mockBuffer.length >= 2 * mockLimit) trimMock();
    return undefined;
  };

  const trimMock = () => {
    const buffer = client.mockBuffer;
    if (buffer !== undefined && buffer.length > mockLimit) buffer.splice(0, buffer.length - mockLimit);
  };

  const emit = (name: string, value: number | string, type: string, tagInput: MetricTags | undefined, opts: MetricOptions | undefined) => {
    if (closed) return drop();
    try {
      const metric = metricName(name);
      if (metric === null) return drop();
      if (typeof value === 'number' ? !Number.isFinite(value) : type !== 's') {
        warnOnce(`value:${name}`, `metric "${name}" got a non-finite or non-numeric value (${String(value)}); dropped`);
        return drop();
      }
      let rate = '';
      const sampleRate = opts?.sampleRate;
      if (sampleRate !== undefined && sampleRate !== 1) {
        if (!(sampleRate > 0 && sampleRate < 1)) {
          warnOnce(`rate:${name}`, `metric "${name}" got sampleRate=${String(sampleRate)}; expected a number in (0, 1]; sending unsampled`);
        } else if (Math.random() >= sampleRate) {
          stats.sampledOut++;
          return undefined;
        } else {
          rate = `|@${sampleRate}`;
        }
      }
      if (aggregator !== undefined && rate === '' && typeof value === 'number' && AGGREGATED.has(type) && aggregator.add(metric, type, tagSection(tagInput), value)) {
        stats.sent++;
        return undefined;
      }
      const shown = typeof value === 'number' ? value : protocolSafe(value).replaceAll(':', '_');
      sendLine(`${metric}:${shown}|${type}${rate}${tagSection(tagInput)}`);
    } catch (error) {
      warnOnce('internal', `metric "${name}" could not be formatted; dropped`, { error: String(error) });
      drop();
    }
    return undefined;
  };

  const distribution = (name: string, value: number, tagInput?: MetricTags, opts?: MetricOptions) => emit(name, value, 'd', tagInput, opts);

  /**
   * A bound series holds its aggregated entry while the entry is valid: until the next flush, and
   * while the tag formatter's output stands. Any other call takes `emit`, which validates, counts
   * and aggregates; the entry is then looked up again for the calls that follow.
   */
  const series = (kind: SeriesKind, name: string, tagInput?: MetricTags): MetricSeries => {
    const type = Object.hasOwn(SERIES_TYPES, kind) ? SERIES_TYPES[kind] : undefined;
    if (type === undefined) {
      warnOnce(`series:${String(kind)}`, `metrics.series got kind ${JSON.stringify(kind)} for "${name}"; expected ${Object.keys(SERIES_TYPES).join(', ')}; its values are dropped`);
      return { record: drop };
    }
    // Read once, here: a frozen copy cannot change behind the series, and its section is cached.
    const boundTags = tagInput === undefined || Object.isFrozen(tagInput) ? tagInput : Object.freeze(Array.isArray(tagInput) ? [...tagInput] : { ...tagInput });
    let held: AggregatedSeries | undefined;
    let heldGeneration = -1;
    let tagsGeneration = -1;
    return {
      record(value: number) {
        if (held !== undefined && heldGeneration === aggregator!.generation && tagsGeneration === tags.generation && !closed && Number.isFinite(value)) {
          stats.sent++;
          aggregator!.addTo(held, value);
          return;
        }
        emit(name, value, type, boundTags, undefined);
        held = undefined;
        // Only a value emit held has created the entry: finding one for a dropped value would create
        // an empty series, and an empty count still flushes as `name:0|c`.
        if (aggregator === undefined || closed || !Number.isFinite(value)) return;
        try {
          const metric = metricName(name);
          if (metric !== null) held = aggregator.find(metric, type, tagSection(boundTags));
          heldGeneration = aggregator.generation;
          tagsGeneration = tags.generation;
        } catch {
          held = undefined; // emit has reported it; every call takes emit then
        }
      },
    };
  };

  /** Runs a hot-shots callback API: errors are counted, and the promise resolves within flushTimeoutMs. */
  const settle = (start: (done: (error?: Error | null) => void) => void) =>
    bounded(
      new Promise<void>((resolve) => {
        const done = (error?: Error | null) => {
          if (error) onError(error);
          resolve();
        };
        try {
          start(done);
        } catch (error) {
          done(error as Error);
        }
      }),
      flushTimeoutMs,
    );
  // hot-shots calls back once every datagram handed to the socket has been sent.
  const flush = () => (closed ? Promise.resolve() : settle((done) => (flushAll(), client.flush(done))));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Lines emitted while this flush is in flight are batched, then sent just before the close.
      await flush();
      // What listeners took in while that flush was in flight is recorded while values are still taken.
      callFlushListeners();
      closed = true;
      flushListeners.clear();
      clearInterval(flushTimer);
      await settle((done) => (flushAll(), client.close(done)));
    })());

  /** Events and checks: dropped after close, and a formatting failure is a counted drop, never a throw. */
  const guarded = (what: string, send: () => void) => {
    if (closed) return drop();
    try {
      send();
    } catch (error) {
      warnOnce(`internal-${what}`, `a ${what} could not be formatted; dropped`, { error: String(error) });
      drop();
    }
    return undefined;
  };

  return {
    increment: (name, value = 1, tagInput, opts) => emit(name, value, 'c', tagInput, opts),
    decrement: (name, value = 1, tagInput, opts) => emit(name, -value, 'c', tagInput, opts),
    gauge: (name, value, tagInput, opts) => emit(name, value, 'g', tagInput, opts),
    histogram: (name, value, tagInput, opts) => emit(name, value, 'h', tagInput, opts),
    distribution,
    timing: (name, ms, tagInput, opts) => emit(name, ms, 'ms', tagInput, opts),
    set: (name, value, tagInput, opts) => emit(name, value, 's', tagInput, opts),
    series,
    onFlush: (listener) => {
      // Mock mode and `aggregate: false` send each value as it comes: holding values back would only delay them.
      if (aggregator === undefined || closed) return undefined;
      flushListeners.add(listener);
      return () => void flushListeners.delete(listener);
    },
    timer: (name, fn, tagInput) => timed(fn, (ms) => distribution(name, ms, tagInput)),
    event: (title, text, eventOptions, tagInput) => guarded('event', () => sendEvent(title, text, eventOptions ?? {}, tagSection(tagInput))),
    serviceCheck: (name, status, checkOptions, tagInput) => guarded('service check', () => sendCheck(name, status, checkOptions ?? {}, tagSection(tagInput))),
    flush,
    stats: (): MetricsStats => ({ ...stats, transport: transport.kind, maxPayloadBytes }),
    mockBuffer: () => (trimMock(), client.mockBuffer ?? []),
    close,
  };

  function scrubText(value: string | undefined): string | null | undefined {
    if (value === undefined) return undefined;
    return hooks.has('preText') ? hooks.apply('preText', String(value), 'event') : String(value);
  }

  function sendEvent(title: string, text: string, opts: EventOptions, tail: string) {
    const cleanTitle = scrubText(title);
    const cleanText = scrubText(text ?? '');
    if (cleanTitle == null || cleanText == null) return drop();
    // The text gives way to fit the payload cap; 128 bytes cover the header and option fields.
    const room = Math.min(maxPayloadBytes - Buffer.byteLength(cleanTitle) - Buffer.byteLength(tail) - 128, EVENT_TEXT_LIMIT * 3);
    return sendLine(formatEvent(cleanTitle, truncateBytes(cleanText.slice(0, EVENT_TEXT_LIMIT), Math.max(0, room) / 2), opts, tail));
  }

  function sendCheck(name: string, status: ServiceCheckStatus, opts: { hostname?: string; message?: string }, tail: string) {
    const check = metricName(name);
    if (check === null || ![0, 1, 2, 3].includes(status)) {
      warnOnce(`check:${name}`, `service check ${JSON.stringify(name)} with status ${String(status)} is invalid (status must be 0 OK, 1 WARNING, 2 CRITICAL or 3 UNKNOWN); dropped`);
      return drop();
    }
    const message = scrubText(opts.message);
    const room = Math.max(0, maxPayloadBytes - Buffer.byteLength(check) - Buffer.byteLength(tail) - 64) / 2;
    return sendLine(formatServiceCheck(check, status, { hostname: opts.hostname, message: message == null ? undefined : truncateBytes(message, room) }, tail));
  }
}

/** Runs `fn`, reporting its duration in ms when it returns, throws, or (for a promise) settles; the result is untouched. */
function timed<T>(fn: () => T, record: (ms: number) => void): T {
  const started = performance.now();
  const done = () => record(performance.now() - started);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    done();
    throw error;
  }
  const then = result !== null && typeof result === 'object' ? (result as { then?: unknown }).then : undefined;
  if (typeof then !== 'function') {
    done();
    return result;
  }
  try {
    then.call(result, done, done);
  } catch {
    done(); // a broken thenable is the caller's business; the timing is still recorded
  }
  return result;
}

/** Resolves when `promise` settles or after `ms`, whichever is first; never rejects. */
function bounded(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
