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
  readonly startedAt = performance.now();
  route: string | undefined = undefined;
  /** The route's entry, found as the route is set: its resource name and metric series. */
  entry: RouteEntry | undefined = undefined;
  error: unknown = undefined;
  done = false;
  /** Set by `follow`: what user tag functions receive, and the response to read the outcome from. */
  req: unknown = undefined;
  res: unknown = undefined;
  raw: ClosableResponse | undefined = undefined;
  // Plain fields, not #private ones: with these two #private, creating the object allocated some
  // 50 bytes more on every request (V8's sampling heap profile, express, dd-trace 6.21, Node 24).
  private traceIdText: string | undefined = undefined;
  private spanIdText: string | undefined = undefined;

  constructor(
    readonly method: string,
    readonly requestId: string | undefined,
    readonly detailed: boolean,
    readonly span: SpanLike | undefined,
    readonly ownsSpan: boolean,
    /** The telemetry's outcome handler, shared by every request it tracks. */
    private readonly settle: (state: TrackedRequest) => void,
  ) {}

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
