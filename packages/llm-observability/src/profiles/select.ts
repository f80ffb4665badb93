import type { LlmProfile, ProfileChoice, ProfilePolicy } from '../types.js';

/**
 * Default policy: a healthy local runtime first, then a hosted provider; profiles must offer
 * `chat`; within a locality, configured profiles come before discovered ones, then by name.
 */
export const defaultPolicy: Required<ProfilePolicy> = {
  localityOrder: ['local', 'remote'],
  providerOrder: [],
  requireCapabilities: ['chat'],
  allowUnhealthy: false,
};

export function selectBestProfile(profiles: readonly LlmProfile[], policy: ProfilePolicy = {}): ProfileChoice {
  const p = { ...defaultPolicy, ...policy };
  const reasons: string[] = [];
  const eligible: LlmProfile[] = [];
  for (const profile of profiles) {
    const missing = p.requireCapabilities.filter((c) => !profile.capabilities.includes(c));
    if (missing.length > 0) reasons.push(`${profile.name}: not eligible, lacks ${missing.join(', ')}`);
    else if (!profile.healthy && !p.allowUnhealthy) reasons.push(`${profile.name}: not eligible, unhealthy (${profile.finding ?? 'unknown'})`);
    else if (!p.localityOrder.includes(profile.locality)) reasons.push(`${profile.name}: not eligible, locality ${profile.locality} not in policy`);
    else eligible.push(profile);
  }
  const rank = (x: LlmProfile) => [
    x.healthy ? 0 : 1,
    p.localityOrder.indexOf(x.locality),
    indexOr(p.providerOrder, x.provider),
    x.source === 'config' ? 0 : 1,
  ];
  const ranked = [...eligible].sort((a, b) => compare(rank(a), rank(b)) || a.name.localeCompare(b.name));
  ranked.forEach((x, i) =>
    reasons.push(`${x.name}: rank ${i + 1} (${x.healthy ? 'healthy' : 'unhealthy'}, ${x.locality}, provider ${x.provider}, from ${x.source}, ${x.models.length} model(s))`),
  );
  return { best: ranked[0], ranked, reasons };
}

function indexOr(list: readonly string[], value: string): number {
  const i = list.indexOf(value);
  return i === -1 ? list.length : i;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
