import type { Kennel } from '@kennel/core';

/** An LLM endpoint the daemon can call, as the profile discovery reports it. */
export interface LlmProfile {
  name: string;
  provider: string;
  model: string;
  baseUrl: string;
  available: boolean;
  reason?: string;
}

export interface LlmProfiles {
  profiles: LlmProfile[];
  chosen: LlmProfile | undefined;
  /** Why no profile is chosen, when none is. */
  reason?: string;
}

export type ChatResult =
  | { ok: true; profile: string; model: string; reply: string; usage?: unknown }
  | { ok: false; status: 503 | 502; error: string; reason: string };

/**
 * Discovers LLM profiles through @kennel/llm-observability. Never throws: when the plugin or its
 * discovery is unavailable the daemon runs with no profile and says why.
 */
export async function bootstrapProfiles(_kennel: Kennel): Promise<LlmProfiles> {
  return { profiles: [], chosen: undefined, reason: '@kennel/llm-observability does not provide profile discovery in this build' };
}

/** Sends one chat message to the chosen profile through the (instrumented) OpenAI SDK. */
export async function chat(llm: LlmProfiles, message: string): Promise<ChatResult> {
  const profile = llm.chosen;
  if (!profile) return { ok: false, status: 503, error: 'no_llm_profile', reason: llm.reason ?? 'no usable LLM profile was discovered' };
  return { ok: false, status: 503, error: 'no_llm_profile', reason: `chat with ${profile.name} (${message.length} chars) is not wired yet` };
}
