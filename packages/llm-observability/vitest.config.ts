import { defineProject } from 'vitest/config';

// Acceptance scenarios spawn a Node process each (dd-trace is one per process).
export default defineProject({ test: { name: 'llm-observability', testTimeout: 45_000, hookTimeout: 20_000 } });
