import type { SpanLike } from './internal-types.js';
import type { RouteEntry } from './routes.js';
import type { SpanFollower } from './span-finish.js';
import type { ClosableResponse, RequestState } from './types.js';

/**
 * One request's telemetry state. The trace and span id strings are built on first read: turning
 * dd-trace's ids into decimal strings costs more than the rest of `start`, and only log
 * correlation and user code read them. What `follow` learns (the framework's request and reply,
 * the Node response) is kept here too, so following a request allocates nothing more.
 */
export class TrackedRequest implements RequestState, SpanFollower {
  // Every field is declared only (`declare`) and assigned once, here, in one order: class fields with
  // initializers or parameter properties compile to a separate initializer function that defines each
  // field before the constructor assigns it again, one more function and twice the stores on every
  // request (BENCHMARKS.md in @kennel/express: code run once a request costs more than its work).
  declare readonly startedAt: number;
  declare route: string | undefined;
  /** The route's entry, found as the route is set: its resource name and metric series. */
  declare entry: RouteEntry | undefined;
  declare error: unknown;
  declare done: boolean;
  /** Set by `follow`: what user tag functions receive, and the response to read the outcome from. */
  declare req: unknown;
  declare res: unknown;
  declare raw: ClosableResponse | undefined;
  // Plain fields, not #private ones: with these two #private, creating the object allocated some
  // 50 bytes more on every request (V8's sampling heap profile, express, dd-trace 6.21, Node 24).
  declare private traceIdText: string | undefined;
  declare private spanIdText: string | undefined;
  declare readonly method: string;
  declare readonly requestId: string | undefined;
  declare readonly detailed: boolean;
  declare readonly span: SpanLike | undefined;
  declare readonly ownsSpan: boolean;
  /** The telemetry's outcome handler, shared by every request it tracks. */
  declare private readonly settle: (state: TrackedRequest) => void;

  constructor(method: string, requestId: string | undefined, detailed: boolean, span: SpanLike | undefined, ownsSpan: boolean, settle: (state: TrackedRequest) => void) {
    this.startedAt = performance.now();
    this.route = undefined;
    this.entry = undefined;
    this.error = undefined;
    this.done = false;
    this.req = undefined;
    this.res = undefined;
    this.raw = undefined;
    this.traceIdText = undefined;
    this.spanIdText = undefined;
    this.method = method;
    this.requestId = requestId;
    this.detailed = detailed;
    this.span = span;
    this.ownsSpan = ownsSpan;
    this.settle = settle;
  }

  get traceId(): string | undefined {
    return (this.traceIdText ??= this.span?.context().toTraceId());
  }

  get spanId(): string | undefined {
    return (this.spanIdText ??= this.span?.context().toSpanId());
  }

  spanFinished(): void {
    this.settle(this);
  }
}
