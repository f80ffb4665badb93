import { defineProject } from 'vitest/config';

// Scenarios run as child processes that start dd-trace: seconds, not milliseconds.
export default defineProject({ test: { name: 'tracing', testTimeout: 30_000 } });
