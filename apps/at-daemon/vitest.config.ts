import { defineProject } from 'vitest/config';

// Integration tests spawn the built daemon and a local agent; the browser test drives chromium.
export default defineProject({ test: { name: 'at-daemon', testTimeout: 30_000, hookTimeout: 30_000 } });
