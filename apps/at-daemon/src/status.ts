import { createRequire } from 'node:module';
import type { AgentClient } from './agent-client.js';
import type { LlmProfiles } from './llm.js';
import type { ComposedKennel } from './plugins.js';
import { processMetadata } from './startup.js';
import type { DaemonConfig, DaemonState } from './types.js';

const require = createRequire(import.meta.url);
const packages = ['@kennel/at-daemon', '@kennel/core', '@kennel/tracing', '@kennel/metrics', '@kennel/pii-filter', '@kennel/llm-observability', '@kennel/fastify', '@kennel/express', 'dd-trace', 'hot-shots', 'fastify', 'express', 'openai'];

let cachedVersions: Readonly<Record<string, string>> | undefined;
/**
 * Versions of Node and every package the daemon composes. Read lazily: reading a package.json
 * before dd-trace starts would make the tracer think the package itself was loaded too early.
 */
export function versions(): Readonly<Record<string, string>> {
  return (cachedVersions ??= Object.freeze(
    Object.fromEntries([
      ['node', process.version],
      ...packages.map((name) => {
        try {
          return [name, (require(name === '@kennel/at-daemon' ? '../package.json' : `${name}/package.json`) as { version: string }).version];
        } catch {
          return [name, 'unknown'];
        }
      }),
    ]),
  ));
}

/** What both servers need to describe the daemon. */
export interface DaemonRuntime {
  config: DaemonConfig;
  composed: ComposedKennel;
  agent: AgentClient;
  llm: LlmProfiles;
  startedAt: number;
  state: DaemonState;
  urls: { api: string; web: string };
}

/** The /status document, shared by the API and the page. */
export async function daemonStatus(rt: DaemonRuntime) {
  const agentReachable = await rt.agent.reachable();
  return {
    state: rt.state,
    service: rt.config.kennel.service,
    env: rt.config.env,
    startedAt: new Date(rt.startedAt).toISOString(),
    uptimeSeconds: Math.round((Date.now() - rt.startedAt) / 100) / 10,
    versions: versions(),
    process: processMetadata(),
    plugins: rt.composed.components(),
    agent: { url: rt.agent.baseUrl, reachable: agentReachable },
    llm: { chosen: rt.llm.chosen?.name ?? null, healthy: rt.llm.profiles.filter((p) => p.healthy).length, total: rt.llm.profiles.length },
    urls: rt.urls,
    tls: rt.config.tls !== undefined,
  };
}

/** /llm/profiles and the page: every profile found, the chosen one and why. */
export function profilesView(rt: DaemonRuntime) {
  return { chosen: rt.llm.chosen?.name ?? null, reasons: rt.llm.reasons, profiles: rt.llm.profiles };
}
