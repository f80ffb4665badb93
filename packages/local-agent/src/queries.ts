import type { MetricFilter, MetricRecord, SpanFilter, StoredSpan } from './types.js';

/** Groups spans into traces by trace id, in order of first arrival. */
export function groupByTrace(spans: readonly StoredSpan[]): StoredSpan[][] {
  const byTrace = new Map<string, StoredSpan[]>();
  for (const span of spans) {
    const trace = byTrace.get(span.trace_id);
    if (trace) trace.push(span);
    else byTrace.set(span.trace_id, [span]);
  }
  return [...byTrace.values()];
}

export function matchesSpan(span: StoredSpan, filter: SpanFilter): boolean {
  return (
    (filter.service === undefined || span.service === filter.service) &&
    (filter.name === undefined || span.name === filter.name) &&
    (filter.resource === undefined || span.resource === filter.resource) &&
    (filter.trace_id === undefined || span.trace_id === filter.trace_id) &&
    (filter.error === undefined || (span.error !== 0) === filter.error)
  );
}

export function matchesMetric(metric: { name: string; type: string; tags: string[] }, filter: MetricFilter): boolean {
  return (
    (filter.name === undefined || metric.name === filter.name) &&
    (filter.type === undefined || metric.type === filter.type) &&
    (filter.tags === undefined || filter.tags.every((tag) => metric.tags.includes(tag)))
  );
}

export function describeSpan(span: StoredSpan): string {
  return `${span.service}:${span.name}(${span.resource})`;
}

export function describeMetric(metric: MetricRecord): string {
  return `${metric.name}|${metric.type}=${metric.setValue ?? metric.value}${metric.tags.length ? ` #${metric.tags.join(',')}` : ''}`;
}
