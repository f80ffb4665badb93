import type { HttpTelemetryOptions, KennelLike, RequestContext } from '@kennel/http';
import type { Request, Response } from 'express';

export interface KennelExpressOptions extends HttpTelemetryOptions<Request, Response> {
  /** The handle returned by `createKennel()`; its `tracing` and `metrics` plugins are used when present. */
  kennel: KennelLike;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** kennel's request context (request id, trace ids); undefined for ignored paths. */
      kennel?: RequestContext;
    }
  }
}

/** An express 4 or 5 application, as returned by `express()`. */
export type ExpressAppLike = ((req: never, res: never, next?: never) => unknown) & { request?: object };
