import { createRequire } from 'node:module';
import type { Kennel } from '@kennel/core';
import type { LlmObservabilityApi, LlmProfile, LlmProfileConfig } from '@kennel/llm-observability';
import type OpenAI from 'openai';

// Loaded with require after kennel (and dd-trace) started, so the tracer's require hooks see it.
const require = createRequire(import.meta.url);

/** The profile a demo OpenAI-compatible runtime is registered as (the seed's name for it). */
export const LOCAL_RUNTIME = 'local-runtime';
/** Providers the daemon can talk to through the OpenAI SDK. */
const OPENAI_WIRE = new Set(['openai', 'openai-compatible', 'ollama']);

export interface LlmProfiles {
  profiles: LlmProfile[];
  chosen: LlmProfile | undefined;
  /** Why each profile ranks where it does, or why no profile is chosen. */
  reasons: string[];
}

export type ChatResult =
  | { ok: true; profile: string; provider: string; model: string; reply: string; usage: unknown }
  | { ok: false; status: 502 | 503; error: string; reason: string };

/**
 * Discovers LLM profiles through @kennel/llm-observability (which emits `llm.profile.bootstrap`,
 * `llm.profile.total_available` and the `llm_profile_bootstrap` event). `localRuntimeUrl` adds an
 * OpenAI-compatible server as the `local-runtime` profile. Never throws.
 */
export async function bootstrapProfiles(kennel: Kennel, localRuntimeUrl: string | undefined): Promise<LlmProfiles> {
  const llm = kennel.tryGet('llm-observability');
  if (!llm) {
    const state = kennel.status().find((s) => s.name === 'llm-observability');
    return { profiles: [], chosen: undefined, reasons: [`llm-observability is ${state?.state ?? 'absent'}${state?.reason ? `: ${state.reason}` : ''}`] };
  }
  const configured: LlmProfileConfig[] = localRuntimeUrl ? [{ name: LOCAL_RUNTIME, provider: 'openai-compatible', baseUrl: localRuntimeUrl, locality: 'local', capabilities: ['chat', 'streaming'] }] : [];
  const result = await llm.bootstrapProfiles({ profiles: configured, policy: { providerOrder: ['openai-compatible', 'ollama', 'openai'] } });
  return { profiles: result.profiles, chosen: result.best, reasons: result.best ? result.reasons : ['no healthy LLM profile was found', ...result.reasons] };
}

/** Sends one chat message to the chosen profile through the OpenAI SDK, instrumented by llm-observability. */
export async function chat(kennel: Kennel, llm: LlmProfiles, message: string): Promise<ChatResult> {
  const profile = llm.chosen;
  if (!profile) return { ok: false, status: 503, error: 'no_llm_profile', reason: llm.reasons.join('; ') };
  if (!OPENAI_WIRE.has(profile.provider) || !profile.baseUrl) {
    return { ok: false, status: 503, error: 'llm_profile_unsupported', reason: `profile ${profile.name} (provider ${profile.provider}) is not reachable through the OpenAI SDK` };
  }
  const model = profile.models[0] ?? 'gpt-4o-mini';
  try {
    const reply = await clientFor(kennel, profile).chat.completions.create({ model, messages: [{ role: 'user', content: message }] });
    return { ok: true, profile: profile.name, provider: profile.provider, model, reply: reply.choices[0]?.message.content ?? '', usage: reply.usage };
  } catch (error) {
    return { ok: false, status: 502, error: 'llm_call_failed', reason: `${profile.name} (${profile.baseUrl}): ${(error as Error).message}` };
  }
}

const clients = new Map<string, OpenAI>();

function clientFor(kennel: Kennel, profile: LlmProfile): OpenAI {
  let client = clients.get(profile.name);
  if (client) return client;
  const { OpenAI: OpenAIClient } = require('openai') as typeof import('openai');
  const baseURL = profile.provider === 'ollama' ? `${profile.baseUrl}/v1` : profile.baseUrl;
  // The key is read from the env var the profile names; local runtimes need none.
  const apiKey = (profile.credentialsEnv && process.env[profile.credentialsEnv]) || 'not-needed-for-local-runtimes';
  client = new OpenAIClient({ baseURL, apiKey, maxRetries: 1, timeout: 30_000 });
  const llm = kennel.tryGet<LlmObservabilityApi>('llm-observability');
  llm?.instrumentOpenAI(client, { profile: profile.name, provider: profile.provider });
  clients.set(profile.name, client);
  return client;
}
