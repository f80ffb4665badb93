import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'publish', testTimeout: 30_000, hookTimeout: 240_000 } });
