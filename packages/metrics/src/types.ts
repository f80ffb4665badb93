/**
 * The @kennel/metrics public API contract. Other kennel packages (express, fastify,
 * llm-observability, the demo daemon) code against these types via `ctx.get('metrics')`.
 */

/** Tags as `{ key: value }` or already-formatted `['key:value']` strings. */
export type MetricTags = Readonly<Record<string, string | number | boolean>> | readonly string[];

export interface EventOptions {
  alertType?: 'error' | 'warning' | 'info' | 'success';
  priority?: 'normal' | 'low';
  aggregationKey?: string;
  sourceTypeName?: string;
  date?: Date | number;
  hostname?: string;
}

export type ServiceCheckStatus = 0 | 1 | 2 | 3; // OK, WARNING, CRITICAL, UNKNOWN

export interface MetricsApi {
  increment(name: string, value?: number, tags?: MetricTags): void;
  decrement(name: string, value?: number, tags?: MetricTags): void;
  gauge(name: string, value: number, tags?: MetricTags): void;
  histogram(name: string, value: number, tags?: MetricTags): void;
  distribution(name: string, value: number, tags?: MetricTags): void;
  timing(name: string, ms: number, tags?: MetricTags): void;
  set(name: string, value: string | number, tags?: MetricTags): void;
  /** Times `fn` (sync or async) and records a distribution in ms; rethrows unchanged. */
  timer<T>(name: string, fn: () => T, tags?: MetricTags): T;
  event(title: string, text: string, options?: EventOptions, tags?: MetricTags): void;
  serviceCheck(name: string, status: ServiceCheckStatus, options?: { hostname?: string; message?: string }, tags?: MetricTags): void;
  /** Sends what is buffered now; always resolves. */
  flush(): Promise<void>;
}
