/**
 * The slice of dd-trace kennel touches, typed structurally so dd-trace's own types stay out of
 * kennel's public .d.ts and any dd-trace 5.40+/6.x fits.
 */
import type { Logger } from '@kennel/core';
import type { ServedServers } from './served.js';
import type { KennelSpan, KennelSpanContext, TracingStats } from './types.js';

export interface DdTraceOptions {
  service: string;
  env: string;
  version?: string;
  url: string;
  sampleRate?: number;
  tags: Record<string, string>;
  logInjection: boolean;
  runtimeMetrics: boolean;
  startupLogs: boolean;
}

export interface DdTracer {
  init(options: DdTraceOptions): DdTracer;
  trace<T>(name: string, options: object, fn: (span: KennelSpan) => T): T;
  startSpan(name: string, options: object): KennelSpan;
  scope(): { active(): KennelSpan | null; activate<T>(span: KennelSpan, fn: () => T): T };
  use(plugin: string, config: object): DdTracer;
  inject(spanOrContext: KennelSpan | KennelSpanContext, format: 'http_headers', carrier: object): void;
  extract(format: 'http_headers', carrier: object): KennelSpanContext | null;
  TracerProvider: new () => { register(): void };
  _initialized?: boolean;
  _tracer?: {
    flushAll?(done: () => void, options?: { timeout?: number }): void;
    _exporter?: { flush?(done: () => void): void };
  };
}

/** What kennel keeps per process: dd-trace initialises once, so this does too. */
export interface TracerState {
  tracer: DdTracer;
  /** `register` when `@kennel/tracing/register` started it, `plugin` for createKennel, `external` when the app initialised dd-trace itself. */
  startedBy: 'register' | 'plugin' | 'external';
  /** The options kennel initialised dd-trace with (undefined when started externally). */
  options: DdTraceOptions | undefined;
  stats: TracingStats;
  /** Where process-wide warnings go; the latest kennel instance's logger. */
  logger: Logger;
  /** Who opens incoming requests' web spans; `kennel` once the lean preset turned dd-trace's off. */
  serverSpans: 'dd-trace' | 'kennel';
  /** The servers kennel's middleware claims, where the prod config preset chose the lean preset (served.ts). */
  served?: ServedServers;
  /** dd-trace's OpenTelemetry TracerProvider is registered (once per process). */
  openTelemetry?: boolean;
}
