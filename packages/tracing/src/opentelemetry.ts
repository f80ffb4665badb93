import { createRequire } from 'node:module';
import type { PluginContext } from '@kennel/core';
import type { TracerState } from './internal-types.js';

interface OtelApi {
  trace: { getTracerProvider(): unknown };
}

/**
 * Registers dd-trace's TracerProvider as the global OpenTelemetry provider (once per process),
 * then checks that the app's `@opentelemetry/api` really sees it. OTel's global registry refuses
 * a provider registered by an older API minor than the caller's (dd-trace 6.21 bundles
 * `>=1.0.0 <1.10.0`): the app then gets no-op spans and nothing says so. kennel does.
 */
export function registerOpenTelemetry(ctx: PluginContext, state: TracerState): void {
  if (state.openTelemetry) return;
  let api: OtelApi;
  try {
    api = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi;
  } catch {
    ctx.logger.warn('tracingPlugin({ opentelemetry: true }) needs @opentelemetry/api installed (npm i @opentelemetry/api); OpenTelemetry interop is off');
    return;
  }
  try {
    const provider = new state.tracer.TracerProvider();
    provider.register();
    state.openTelemetry = true;
    if (api.trace.getTracerProvider() !== provider) {
      ctx.logger.warn(
        "OpenTelemetry interop is off: the app's @opentelemetry/api does not accept dd-trace's TracerProvider (the app's API is newer than the one dd-trace supports; dd-trace 6.21 supports >=1.0.0 <1.10.0). Install an @opentelemetry/api version dd-trace supports.",
      );
    }
  } catch (error) {
    ctx.logger.warn('could not register dd-trace as the OpenTelemetry TracerProvider; OpenTelemetry interop is off', { error: String(error) });
  }
}
