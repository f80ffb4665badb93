import type { Logger } from '@kennel/core';
import type { MetricsLike } from '../internal-types.js';
import { LlmMetrics } from '../recorder.js';
import type { DiscoveryOptions, ProfileBootstrapResult, ProfilePolicy } from '../types.js';
import { discoverProfiles } from './discovery.js';
import { selectBestProfile } from './select.js';

/**
 * Discovers, selects and reports: `llm.profile.bootstrap` (count), `llm.profile.total_available`
 * (gauge), both tagged with the best profile's name and provider, plus an `llm_profile_bootstrap`
 * DogStatsD event and a log record carrying the profile list and the choice. Never rejects.
 */
export async function bootstrapProfiles(
  deps: { metrics: MetricsLike | undefined; logger: Logger },
  options: DiscoveryOptions & { policy?: ProfilePolicy },
): Promise<ProfileBootstrapResult> {
  let result: ProfileBootstrapResult;
  try {
    const profiles = await discoverProfiles(options);
    const choice = selectBestProfile(profiles, options.policy);
    result = { ...choice, profiles, totalAvailable: profiles.filter((p) => p.healthy).length };
  } catch (error) {
    result = { best: undefined, ranked: [], reasons: [`discovery failed: ${String(error)}`], profiles: [], totalAvailable: 0 };
  }
  const tags = { best_profile: result.best?.name ?? 'none', best_provider: result.best?.provider ?? 'none' };
  const record = {
    best: result.best ? { name: result.best.name, provider: result.best.provider, locality: result.best.locality, baseUrl: result.best.baseUrl } : null,
    totalAvailable: result.totalAvailable,
    profiles: result.profiles.map((p) => ({ name: p.name, provider: p.provider, locality: p.locality, healthy: p.healthy, models: p.models.length, source: p.source, finding: p.finding })),
    reasons: result.reasons,
  };
  try {
    deps.metrics?.increment(LlmMetrics.profileBootstrap, 1, tags);
    deps.metrics?.gauge(LlmMetrics.profileAvailable, result.totalAvailable, tags);
    deps.metrics?.event('llm_profile_bootstrap', truncate(JSON.stringify(record)), { alertType: result.best ? 'info' : 'warning', aggregationKey: 'llm_profile_bootstrap', sourceTypeName: 'kennel' }, tags);
  } catch {
    /* metrics are best effort */
  }
  deps.logger.info('llm_profile_bootstrap', record);
  return result;
}

/** DogStatsD event text is limited (~4 KB is safe across agents). */
function truncate(text: string): string {
  return text.length > 4000 ? `${text.slice(0, 3997)}...` : text;
}
