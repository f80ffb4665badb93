import type { FastifyContextConfig, FastifyRequest } from 'fastify';

/** What kennel reads of a route's config: its URL template (prefixes included) and its opt-out. */
export type RouteConfig = FastifyContextConfig & { url?: string };

/** The private key under which fastify keeps a request's route context (fastify 4 and 5). */
const CONTEXT_KEY = 'fastify.context';

/**
 * Reads the route config of a request: `request.routeOptions.config`, without the getter.
 * `routeOptions` builds a new object of 13 fields per call (≈ 120 bytes, and a version-constraint
 * lookup) to hand back `config`, which fastify keeps on the request's route context. The context
 * sits under a symbol fastify does not export; it is found once by its description, and should a
 * fastify version keep it elsewhere, every read takes `routeOptions` as before.
 */
export function routeConfigReader(): (request: FastifyRequest) => RouteConfig | undefined {
  let key: symbol | null | undefined;
  return (request) => {
    if (key === undefined) key = Object.getOwnPropertySymbols(request).find((symbol) => symbol.description === CONTEXT_KEY) ?? null;
    const context = key === null ? undefined : (request as unknown as Record<symbol, { config?: RouteConfig } | undefined>)[key];
    return context === undefined ? (request.routeOptions.config as RouteConfig | undefined) : context.config;
  };
}
