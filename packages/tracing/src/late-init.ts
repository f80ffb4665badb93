import { createRequire } from 'node:module';

/**
 * Packages dd-trace instruments that people commonly load before tracing starts. A package
 * required before dd-trace is never patched, so its spans are silently missing.
 */
const INSTRUMENTED = new Set([
  'express', 'fastify', 'koa', '@hapi/hapi', 'restify', 'next', '@nestjs/core',
  'pg', 'mysql', 'mysql2', 'mongodb', 'mongoose', 'ioredis', 'redis', '@redis/client', 'memcached',
  'graphql', '@grpc/grpc-js', 'kafkajs', 'amqplib', 'undici', 'axios', 'openai', '@anthropic-ai/sdk',
]);

/** Instrumented packages already in the CommonJS module cache (ESM apps' CJS imports land there too). */
export function loadedBeforeTracing(): string[] {
  const cache = createRequire(import.meta.url).cache;
  const found = new Set<string>();
  const marker = '/node_modules/';
  for (const path of Object.keys(cache)) {
    const normalised = path.replaceAll('\\', '/');
    const at = normalised.lastIndexOf(marker);
    if (at < 0) continue;
    const [scope = '', name = ''] = normalised.slice(at + marker.length).split('/', 2);
    const pkg = scope.startsWith('@') ? `${scope}/${name}` : scope;
    if (INSTRUMENTED.has(pkg)) found.add(pkg);
  }
  return [...found];
}
