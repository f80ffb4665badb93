import { defineProject } from 'vitest/config';

// Files run one after another: each scenario puts load on the machine and measures memory.
export default defineProject({ test: { name: 'faults', fileParallelism: false, testTimeout: 120_000, hookTimeout: 60_000 } });
