// Shared by the scenarios: a kennel with tracing + metrics + llm-observability pointed at the
// test's local agent (DD_TRACE_AGENT_URL / DD_DOGSTATSD_PORT come from the parent test).
import { createKennel } from '@kennel/core';
import { llmObservabilityPlugin } from '@kennel/llm-observability';
import { metricsPlugin } from '@kennel/metrics';
import { tracingPlugin } from '@kennel/tracing';

export async function startKennel({ tracing = true, metrics = true, llm = {}, config = {} } = {}) {
  const plugins = [...(tracing ? [tracingPlugin({ warnLateInit: false })] : []), ...(metrics ? [metricsPlugin()] : []), llmObservabilityPlugin(llm)];
  return createKennel({ plugins, config: { service: 'llm-svc', env: 'test', llmobs: { mlApp: 'kennel-test-app' }, ...config } });
}

/** Runs `fn`, reporting its result as the last stdout line; exits non-zero on failure. */
export async function report(fn) {
  try {
    const result = await fn();
    console.log(JSON.stringify(result ?? {}));
  } catch (error) {
    console.error('scenario failed:', error);
    process.exitCode = 1;
  }
}

/** Collects what a call threw, without failing the scenario. */
export async function caught(fn) {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return { name: error?.constructor?.name, status: error?.status, message: String(error?.message ?? error) };
  }
}
