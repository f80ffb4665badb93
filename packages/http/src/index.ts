export { createHttpTelemetry } from './telemetry.js';
export { resolveHttpOptions, type ResolvedHttpOptions } from './options.js';
export { scrubQuery } from './query.js';
export { resolveRequestId } from './request-id.js';
export { pathMatcher } from './paths.js';
export { headerAllowlist } from './headers.js';
export * as httpNames from './constants.js';
export type { KennelLike, LlmLike, MetricsLike, SpanLike, TracingLike } from './internal-types.js';
export type * from './types.js';
