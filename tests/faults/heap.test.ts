// Emitting with no agent at all must not accumulate: heap growth after GC stays small.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { LONG } from './scale.js';

const SCRIPT = fileURLToPath(new URL('./heap-agent-absent.mjs', import.meta.url));
const [METRICS, SPANS] = LONG ? [1_000_000, 100_000] : [100_000, 10_000];
/** The target is 5 MB for 1 M metrics + 100 k spans; the CI bound is generous so only a leak fails it. */
const BOUND_BYTES = LONG ? 5 * 1024 * 1024 : 16 * 1024 * 1024;

test(`${METRICS} metrics + ${SPANS} spans with the agent absent: heap growth after GC is bounded`, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', SCRIPT, String(METRICS), String(SPANS)], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', DD_TRACE_STARTUP_LOGS: 'false', DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false', DD_REMOTE_CONFIGURATION_ENABLED: 'false' },
    timeout: 90_000,
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { heapGrowthBytes: number; heapGrowthMB: number; metricsStats: { sent: number } };
  console.log(`[faults] agent absent: ${METRICS} metrics + ${SPANS} spans, heap growth after GC ${result.heapGrowthMB} MB`);
  expect(result.metricsStats.sent).toBeGreaterThanOrEqual(METRICS);
  expect(result.heapGrowthBytes).toBeLessThan(BOUND_BYTES);
});
