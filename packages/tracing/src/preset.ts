import { configSources, KennelConfigError, parseBool, type KennelConfig, type Logger } from '@kennel/core';
import type { DdTracer } from './internal-types.js';
import type { TracingPreset } from './types.js';

/** The variable that sets `config.tracing.preset` (resolved by @kennel/core). */
export const PRESET_ENV = 'KENNEL_TRACING_PRESET';

/** The framework and router integrations kennel's middleware stands in for under the lean preset. */
const FRAMEWORKS = 'express,router,fastify,find-my-way,connect';

/**
 * dd-trace settings of the `lean` preset, applied as environment defaults before dd-trace loads
 * (a DD_* variable the user set wins). Meant for apps that use @kennel/fastify or @kennel/express,
 * which name the web span by route template themselves. Each line: what it saves, what it costs.
 */
export const LEAN_ENV: Readonly<Record<string, string>> = {
  // Captures the handler's stack frames on every entry span: the largest single cost on fastify.
  // Gives up: "code origin" links from spans to source in the Datadog UI.
  DD_CODE_ORIGIN_FOR_SPANS_ENABLED: 'false',
  // Framework and router integrations: their plugins open a span per middleware (express, router);
  // their instrumentation wraps every middleware/hook/route, and on fastify adds four hooks of its
  // own to every request, even with the plugins off. kennel's middleware sets resource and
  // http.route instead, and records thrown errors. Gives up: middleware spans, route names for
  // apps without kennel's middleware, and AppSec/IAST's view into these frameworks.
  DD_TRACE_DISABLED_PLUGINS: FRAMEWORKS,
  DD_TRACE_DISABLED_INSTRUMENTATIONS: FRAMEWORKS,
  // Background work: instrumentation telemetry and remote-configuration polling.
  // Gives up: tracer health telemetry to Datadog; changing tracer settings from the Datadog UI.
  DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
  DD_REMOTE_CONFIGURATION_ENABLED: 'false',
  // Baggage keys copied to every span as tags. Gives up: user.id/session.id/account.id baggage tags.
  DD_TRACE_BAGGAGE_TAG_KEYS: '',
  // Process tags (entrypoint name, workdir, package name) encoded on every trace chunk, i.e. on
  // every request's span. Gives up: Datadog's process-tag based service grouping.
  DD_EXPERIMENTAL_PROPAGATE_PROCESS_TAGS_ENABLED: 'false',
  // Trace payload v0.5: each distinct string (service, names, tag keys and values) is written once
  // per payload and referenced by index, not once per span (≈ 1.1 µs less CPU per web span here).
  // Gives up: `meta_struct` (AppSec/IAST attachments); span events travel as a tag.
  DD_TRACE_AGENT_PROTOCOL_VERSION: '0.5',
};

/** The preset kennel starts dd-trace with, and whether the app chose it. */
export interface PresetChoice {
  preset: TracingPreset;
  /**
   * The lean preset came from the prod config preset (DD_ENV), not from the app: kennel then turns
   * dd-trace's server spans back on should a request reach a server its middleware does not serve
   * (served.ts). An app that names `lean` itself has said its requests go through the middleware.
   */
  implied: boolean;
  /** Why the prod config preset's `lean` was not applied, for the log. */
  declined?: string;
}

/** dd-trace features that need its own http server spans, which the lean preset turns off. */
const NEEDS_SERVER_SPANS = ['DD_APPSEC_ENABLED', 'DD_IAST_ENABLED'];

/**
 * The preset to start dd-trace with: the plugin option, else `config.tracing.preset`
 * (KENNEL_TRACING_PRESET, else the config preset's: `lean` under prod, `default` otherwise).
 * Where `lean` comes from the prod preset alone and AppSec or IAST is on, `default` it is.
 */
export function resolvePreset(option: TracingPreset | undefined, config: KennelConfig, env: Readonly<Record<string, string | undefined>> = process.env): PresetChoice {
  if (option !== undefined) {
    if (option !== 'default' && option !== 'lean') {
      throw new KennelConfigError([{ source: 'tracingPlugin({ preset })', received: option, expected: 'one of "default", "lean"' }]);
    }
    return { preset: option, implied: false };
  }
  const preset = config.tracing.preset ?? 'default';
  if (preset !== 'lean' || configSources(config)['tracing.preset'] !== 'preset:prod') return { preset, implied: false };
  const security = NEEDS_SERVER_SPANS.filter((name) => env[name] !== undefined && parseBool(env[name]) === true);
  if (security.length > 0) {
    return { preset: 'default', implied: false, declined: `${security.join(' and ')} need dd-trace's own http server spans, which the lean preset turns off; set ${PRESET_ENV}=lean to have it anyway` };
  }
  return { preset, implied: true };
}

/** Says why the prod config preset's `lean` was not applied, where it was not. */
export function reportDeclined(choice: PresetChoice, logger: Pick<Logger, 'info'>): void {
  if (choice.declined) logger.info(`tracing with dd-trace's default settings, not the prod preset's lean ones: ${choice.declined}`);
}

/** Sets the preset's DD_* defaults on `env` where unset; returns the keys it set. Call before dd-trace loads. */
export function applyPreset(preset: TracingPreset, env: Record<string, string | undefined> = process.env): string[] {
  if (preset !== 'lean') return [];
  const applied: string[] = [];
  for (const [key, value] of Object.entries(LEAN_ENV)) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    applied.push(key);
  }
  return applied;
}

/**
 * What the lean preset changes that no DD_* variable can, once dd-trace is initialised: dd-trace's
 * http *server* spans go off (its http client spans stay) and kennel's framework middleware opens
 * each request's web span itself. dd-trace's server span is most of what tracing costs a request
 * (measured in process on fastify: 13.3 µs per request for dd-trace with the other lean settings,
 * 8.1 µs for kennel's whole lean configuration, its own web span and RED metrics included).
 * Gives up: web spans for requests that kennel's middleware does not serve (plain http servers,
 * other frameworks), AppSec request blocking, DD_TRACE_HEADER_TAGS, client IP tags and inferred
 * proxy spans. Returns who opens server spans.
 */
export function applyPresetToTracer(preset: TracingPreset, tracer: Pick<DdTracer, 'use'>): 'dd-trace' | 'kennel' {
  if (preset !== 'lean') return 'dd-trace';
  tracer.use('http', { server: false });
  return 'kennel';
}
