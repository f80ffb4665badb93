import { createRequire } from 'node:module';
import type { PluginContext } from '@kennel/core';
import type { TracerState } from './internal-types.js';

interface OtelApi {
  trace: { getTracerProvider(): { getDelegate?(): unknown } };
}

/**
 * Registers dd-trace's TracerProvider as the global OpenTelemetry provider (once per process),
 * then checks that the app's `@opentelemetry/api` really hands it out. (dd-trace takes the slot
 * over from a provider registered earlier.) OTel's global registry refuses a provider registered
 * by an older API minor than the caller's, and dd-trace 6.21 bundles `>=1.0.0 <1.10.0`: an app on
 * a newer API would get no-op spans and nothing would say so. kennel does.
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
    // The global is OTel's ProxyTracerProvider; what it delegates to is what spans are made by.
    const global = api.trace.getTracerProvider();
    if ((global.getDelegate?.() ?? global) !== provider) {
      ctx.logger.warn(
        "OpenTelemetry interop is off: the app's @opentelemetry/api does not see dd-trace's TracerProvider, so its spans go nowhere. Its version is probably outside the range dd-trace supports (dd-trace 6.21: >=1.0.0 <1.10.0): install @opentelemetry/api in that range.",
      );
    }
  } catch (error) {
    ctx.logger.warn('could not register dd-trace as the OpenTelemetry TracerProvider; OpenTelemetry interop is off', { error: String(error) });
  }
}
