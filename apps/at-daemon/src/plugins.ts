import { createKennel, definePlugin, type AnyPlugin, type Kennel, type KennelConfig, type Logger } from '@kennel/core';
import type { ComponentStatus } from './types.js';
// Type-only: brings each package's `KennelPluginApis` entry in, so `kennel.tryGet('metrics')` is typed.
import type {} from '@kennel/llm-observability';
import type {} from '@kennel/metrics';
import type {} from '@kennel/tracing';

/** The model name the demo stand-in LLM server lists. */
export const DEMO_MODEL = 'kennel-demo-canned';

/** Where a plugin comes from: its package and the factory that package exports. */
export interface CatalogEntry {
  name: string;
  pkg: string;
  factory: string;
  options?: unknown;
}

/** The kennel plugins the daemon composes, in the order a reader expects them; core orders by dependency. */
export const pluginCatalog: readonly CatalogEntry[] = [
  { name: 'pii-filter', pkg: '@kennel/pii-filter', factory: 'piiFilterPlugin' },
  { name: 'tracing', pkg: '@kennel/tracing', factory: 'tracingPlugin' },
  { name: 'metrics', pkg: '@kennel/metrics', factory: 'metricsPlugin' },
  // The demo stand-in's model costs nothing; pricing it keeps llm.cost.usd complete.
  { name: 'llm-observability', pkg: '@kennel/llm-observability', factory: 'llmObservabilityPlugin', options: { prices: { 'openai-compatible': { [DEMO_MODEL]: { input: 0, output: 0 } } } } },
];

/** Framework integrations: not registry plugins, but reported next to them. */
const integrations = [
  { name: 'fastify', pkg: '@kennel/fastify', factory: 'kennelFastify' },
  { name: 'express', pkg: '@kennel/express', factory: 'kennelExpress' },
] as const;

export interface ComposedKennel {
  kennel: Kennel;
  /** Registry plugins plus integrations, with `unavailable` for what a package does not provide. */
  components(): ComponentStatus[];
  /** An integration's factory (e.g. the fastify plugin), or undefined when unavailable. */
  integration<T = unknown>(name: (typeof integrations)[number]['name']): T | undefined;
}

/**
 * Loads each plugin package and composes it through createKennel. A package that cannot be
 * loaded or does not export its factory becomes a stand-in whose setup fails with the reason,
 * so the registry isolates it (and skips its dependants) and the daemon keeps running.
 */
export async function composeKennel(config: KennelConfig, logger: Logger, catalog: readonly CatalogEntry[] = pluginCatalog): Promise<ComposedKennel> {
  const unavailable = new Map<string, string>();
  const plugins: AnyPlugin[] = [];
  for (const entry of catalog) {
    const loaded = await loadFactory(entry.pkg, entry.factory);
    if (typeof loaded === 'string') {
      unavailable.set(entry.name, loaded);
      plugins.push(standIn(entry.name, loaded));
    } else {
      plugins.push(loaded(entry.options) as AnyPlugin);
    }
  }
  const kennel = (await createKennel({ plugins, config, logger })) as unknown as Kennel;

  const loadedIntegrations = new Map<string, unknown>();
  const integrationStatus: ComponentStatus[] = [];
  for (const entry of integrations) {
    const loaded = await loadFactory(entry.pkg, entry.factory);
    if (typeof loaded === 'string') {
      integrationStatus.push({ name: entry.name, state: 'unavailable', reason: loaded });
    } else {
      loadedIntegrations.set(entry.name, loaded);
      integrationStatus.push({ name: entry.name, state: 'ready' });
    }
  }

  return {
    kennel,
    components: () => [
      ...kennel.status().map((s): ComponentStatus => (unavailable.has(s.name) ? { name: s.name, state: 'unavailable', reason: unavailable.get(s.name)! } : s)),
      ...integrationStatus,
    ],
    integration: <T>(name: string) => loadedIntegrations.get(name) as T | undefined,
  };
}

/** The package's named factory, or why it is not usable. */
async function loadFactory(pkg: string, factory: string): Promise<((...args: unknown[]) => unknown) | string> {
  try {
    const mod = (await import(pkg)) as Record<string, unknown>;
    const fn = mod[factory];
    return typeof fn === 'function' ? (fn as (...args: unknown[]) => unknown) : `${pkg} does not export ${factory}() in this build`;
  } catch (error) {
    return `${pkg} could not be loaded: ${(error as Error).message}`;
  }
}

function standIn(name: string, reason: string): AnyPlugin {
  return definePlugin<string, unknown>({
    name,
    setup: () => {
      throw new Error(reason);
    },
  });
}
