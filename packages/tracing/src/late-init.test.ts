import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { loadedBeforeTracing } from './late-init.js';

test('finds an instrumented package in the CommonJS module cache', () => {
  expect(loadedBeforeTracing()).not.toContain('fastify');
  createRequire(import.meta.url)('fastify');
  expect(loadedBeforeTracing()).toContain('fastify');
});
