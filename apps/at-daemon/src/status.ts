import { createRequire } from 'node:module';
import type { AgentClient } from './agent-client.js';
import type { LlmProfiles } from './llm.js';
import type { ComposedKennel } from './plugins.js';
import { processMetadata } from './startup.js';
import type { DaemonConfig, DaemonState } from './types.js';

const require = createRequire(import.meta.url);
const packages = ['@kennel/at-daemon', '@kennel/core', '@kennel/tracing', '@kennel/metrics', '@kennel/pii-filter', '@kennel/llm-observability', '@kennel/fastify', '@kennel/express', 'dd-trace', 'hot-shots', 'fastify', 'express', 'openai'];

/** Versions of the daemon, Node and every package it composes (read once). */
export const versions: Readonly<Record<string, string>> = Object.freeze(
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
);

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
    versions,
    process: processMetadata(),
    plugins: rt.composed.components(),
    agent: { url: rt.agent.baseUrl, reachable: agentReachable },
    llm: { chosen: rt.llm.chosen?.name ?? null, available: rt.llm.profiles.filter((p) => p.available).length, reason: rt.llm.reason },
    urls: rt.urls,
    tls: rt.config.tls !== undefined,
  };
}
