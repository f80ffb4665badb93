import { defineProject } from 'vitest/config';

// Acceptance tests start real dd-trace processes; a loaded CI machine can take seconds per start.
export default defineProject({ test: { name: 'local-agent', testTimeout: 30_000 } });
