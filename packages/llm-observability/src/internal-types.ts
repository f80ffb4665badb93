/**
 * The slice of dd-trace kennel talks to, typed locally so dd-trace's types never reach kennel's
 * public .d.ts. Shapes follow dd-trace 6's `tracer.llmobs` SDK.
 */
import type { HookBus, Logger } from '@kennel/core';
import type { ContentMode, PriceTable } from './types.js';

export interface DdSpan {
  setTag(key: string, value: unknown): unknown;
  context(): { toTraceId(): string; toSpanId(): string };
}

/** dd-trace's LLMObservabilitySpan as a span processor sees it. */
export interface DdProcessedSpan {
  input: Array<Record<string, unknown>>;
  output: Array<Record<string, unknown>>;
  kind: string;
  getTag(key: string): unknown;
}

export interface DdLlmObs {
  readonly enabled: boolean;
  enable(options: { mlApp?: string; agentlessEnabled?: boolean }): void;
  disable(): void;
  trace<T>(options: Record<string, unknown>, fn: (span: DdSpan, done: (error?: unknown) => void) => T): T;
  annotate(span: DdSpan, options: Record<string, unknown>): void;
  annotationContext<T>(options: { tags?: Record<string, string> }, fn: () => T): T;
  exportSpan(span: DdSpan): { traceId: string; spanId: string };
  registerProcessor(processor: (span: DdProcessedSpan) => DdProcessedSpan | null): void;
  deregisterProcessor(): void;
  flush(): void;
}

export interface DdTracer {
  llmobs: DdLlmObs;
}

/** Everything an instrumented call or span helper needs, resolved once at plugin setup. */
export interface Runtime {
  /** dd-trace's llmobs SDK when spans are on. */
  llmobs: DdLlmObs | undefined;
  metrics: MetricsLike | undefined;
  hooks: HookBus;
  logger: Logger;
  warnOnce(key: string, message: string, fields?: Record<string, unknown>): void;
  content: ContentMode;
  /** True when kennel's span processor scrubs content of every LLM Observability span (kennel's and dd-trace's). */
  processorScrubs: boolean;
  prices: PriceTable;
}

type Tags = Readonly<Record<string, string | number | boolean>>;

/** The part of @kennel/metrics' MetricsApi used here (structural, so no build-time coupling). */
export interface MetricsLike {
  increment(name: string, value?: number, tags?: Tags): void;
  gauge(name: string, value: number, tags?: Tags): void;
  distribution(name: string, value: number, tags?: Tags): void;
  event(title: string, text: string, options?: { alertType?: 'error' | 'warning' | 'info' | 'success'; aggregationKey?: string; sourceTypeName?: string }, tags?: Tags): void;
  flush(): Promise<void>;
}
