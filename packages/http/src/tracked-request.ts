import type { SpanLike } from './internal-types.js';
import type { RequestState } from './types.js';

/**
 * One request's telemetry state. The trace and span id strings are built on first read: turning
 * dd-trace's ids into decimal strings costs more than the rest of `start`, and only log
 * correlation and user code read them.
 */
export class TrackedRequest implements RequestState {
  readonly startedAt = performance.now();
  route: string | undefined = undefined;
  error: unknown = undefined;
  done = false;
  #traceId: string | undefined;
  #spanId: string | undefined;

  constructor(
    readonly method: string,
    readonly requestId: string | undefined,
    readonly detailed: boolean,
    readonly span: SpanLike | undefined,
    readonly ownsSpan: boolean,
  ) {}

  get traceId(): string | undefined {
    return (this.#traceId ??= this.span?.context().toTraceId());
  }

  get spanId(): string | undefined {
    return (this.#spanId ??= this.span?.context().toSpanId());
  }
}
