import type { HookBus, Logger } from '@kennel/core';
import type { RequestLike } from './types.js';

/**
 * Structural subsets of the TracingApi / MetricsApi contracts (packages/tracing, packages/metrics):
 * @kennel/http depends on @kennel/core only, and works when either plugin is absent.
 */
export interface SpanLike {
  setTag(key: string, value: unknown): unknown;
  addTags?(tags: Record<string, unknown>): unknown;
  finish?(): void;
  context(): { toTraceId(get128bit?: boolean): string; toSpanId(): string; getTag?(key: string): unknown };
}

export interface TracingLike {
  activeSpan(): SpanLike | undefined;
  setTags(tags: Readonly<Record<string, string | number | boolean | undefined>>, span?: SpanLike): void;
  /** `kennel` under the lean preset: the middleware opens web spans (older @kennel/tracing: absent). */
  readonly serverSpans?: 'dd-trace' | 'kennel';
  /** True where the middleware must claim the servers it serves (older @kennel/tracing: absent). */
  readonly watchingServers?: boolean;
  claimServer?(server: unknown): void;
  startServerSpan?(request: RequestLike, url: string): SpanLike | undefined;
  activate?<T>(span: SpanLike, fn: () => T): T;
}

export interface MetricsLike {
  increment(name: string, value?: number, tags?: readonly string[]): void;
  distribution(name: string, value: number, tags?: readonly string[]): void;
  /** Bound series (older @kennel/metrics: absent). */
  series?(kind: 'increment' | 'distribution', name: string, tags?: readonly string[]): { record(value: number): void };
  /** A listener called as each flush begins; undefined when the client holds nothing between flushes (older @kennel/metrics: absent). */
  onFlush?(listener: () => void): (() => void) | undefined;
}

/** Structural subset of the llm-observability API: the request-scoped session context. */
export interface LlmLike {
  withLlmContext<T>(context: { sessionId?: string; userId?: string }, fn: () => T): T;
}

/** What the helper needs from the handle `createKennel` returns. */
export interface KennelLike {
  readonly hooks: Pick<HookBus, 'apply' | 'has'>;
  readonly logger: Logger;
  /** Read for `tracing.logInjection` (DD_LOGS_INJECTION): whether dd-trace itself puts trace ids in logs. */
  readonly config?: { readonly tracing?: { readonly logInjection?: boolean } };
  tryGet<T = unknown>(name: string): T | undefined;
}
