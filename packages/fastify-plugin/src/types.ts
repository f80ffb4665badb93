import type { HttpTelemetryOptions, KennelLike, RequestContext } from '@kennel/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface KennelFastifyOptions extends HttpTelemetryOptions<FastifyRequest, FastifyReply> {
  /** The handle returned by `createKennel()`; its `tracing` and `metrics` plugins are used when present. */
  kennel: KennelLike;
  /**
   * Give each traced request a child logger with `dd.trace_id` / `dd.span_id` bindings so
   * fastify's pino logs join their trace in Datadog.
   * @default true
   */
  logInjection?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** kennel's request context (request id, trace ids); null for ignored or opted-out routes. */
    kennel: RequestContext | null;
  }
  interface FastifyContextConfig {
    /** `false` opts the route out of kennel telemetry. */
    kennel?: boolean;
  }
}
