import type { DiscoveryOptions, LlmProfile, LlmProfileConfig, ProfileCapability } from '../types.js';

/**
 * Finds the LLMs this process can reach. Every probe has a short timeout; a failure (timeout,
 * refused, HTTP error, invalid JSON) becomes the profile's `finding`, never an exception.
 * API keys are only checked for presence: their values are never read into a profile or a log.
 */

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';
const DEFAULT_TIMEOUT_MS = 1000;

/** Hosted providers recognised by their API-key env var. */
const HOSTED: ReadonlyArray<{ provider: string; env: string; baseUrl: string; capabilities: ProfileCapability[] }> = [
  { provider: 'openai', env: 'OPENAI_API_KEY', baseUrl: 'https://api.openai.com/v1', capabilities: ['chat', 'embeddings', 'tools', 'streaming', 'vision'] },
  { provider: 'anthropic', env: 'ANTHROPIC_API_KEY', baseUrl: 'https://api.anthropic.com', capabilities: ['chat', 'tools', 'streaming', 'vision'] },
];

export async function discoverProfiles(options: DiscoveryOptions = {}): Promise<LlmProfile[]> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? numberFrom(env.KENNEL_LLM_PROBE_TIMEOUT_MS) ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  const probe = (url: string) => probeJson(doFetch, url, timeoutMs);

  const configured = (options.profiles ?? []).map((p) => probeConfigured(p, env, probe));
  const ollamaUrl = options.ollamaUrl ?? env.OLLAMA_HOST ?? DEFAULT_OLLAMA_URL;
  const ollama = ollamaUrl === false ? [] : [probeOllama(withScheme(ollamaUrl), probe)];
  const compatibleUrls = options.openaiCompatibleUrls ?? listFrom(env.KENNEL_LLM_OPENAI_COMPATIBLE_URLS);
  const compatible = compatibleUrls.map((url, i) => probeOpenAiCompatible(`openai-compatible-${i + 1}`, url, probe));
  const hosted = HOSTED.filter((h) => isSet(env[h.env])).map(
    (h): LlmProfile => ({
      name: `${h.provider}-hosted`,
      provider: h.provider,
      baseUrl: h.baseUrl,
      models: [],
      locality: 'remote',
      capabilities: h.capabilities,
      credentialsEnv: h.env,
      source: 'env',
      healthy: true,
    }),
  );
  const found = await Promise.all([...configured, ...ollama, ...compatible]);
  // A configured profile wins over a discovered one of the same name.
  const seen = new Set<string>();
  return [...found, ...hosted].filter((p) => !seen.has(p.name) && (seen.add(p.name), true));
}

type Probe = (url: string) => Promise<ProbeResult>;
type ProbeResult = { ok: true; json: unknown; ms: number } | { ok: false; finding: string; ms: number };

async function probeConfigured(config: LlmProfileConfig, env: Readonly<Record<string, string | undefined>>, probe: Probe): Promise<LlmProfile> {
  const locality = config.locality ?? (config.baseUrl && isLoopback(config.baseUrl) ? 'local' : 'remote');
  const base: LlmProfile = {
    name: config.name,
    provider: config.provider,
    baseUrl: config.baseUrl,
    models: config.models ?? [],
    locality,
    capabilities: config.capabilities ?? ['chat'],
    credentialsEnv: config.credentialsEnv,
    source: 'config',
    healthy: true,
  };
  if (config.credentialsEnv && !isSet(env[config.credentialsEnv])) return { ...base, healthy: false, finding: `${config.credentialsEnv} is not set` };
  if (!config.baseUrl || locality === 'remote') return base; // hosted APIs are not probed: no traffic to paid endpoints at start-up
  const probed = config.provider === 'ollama' ? await probeOllama(config.baseUrl, probe) : await probeOpenAiCompatible(config.name, config.baseUrl, probe);
  return { ...base, healthy: probed.healthy, probeMs: probed.probeMs, finding: probed.finding, models: base.models.length > 0 ? base.models : probed.models };
}

function probeOllama(baseUrl: string, probe: Probe): Promise<LlmProfile> {
  const root = trimSlash(baseUrl);
  const base = discovered('ollama-local', 'ollama', root, ['chat', 'embeddings', 'streaming'], 'ollama');
  return probeModels(base, `${root}/api/tags`, probe, {
    list: (json) => (json as { models?: unknown })?.models,
    name: (m) => (m as { name?: unknown })?.name ?? (m as { model?: unknown })?.model,
    shapeFinding: 'unexpected /api/tags response: no "models" array',
    emptyFinding: 'Ollama is running but has no models pulled',
  });
}

function probeOpenAiCompatible(name: string, baseUrl: string, probe: Probe): Promise<LlmProfile> {
  const root = trimSlash(baseUrl).replace(/\/v1$/, '');
  const base = discovered(name, 'openai-compatible', `${root}/v1`, ['chat', 'streaming'], 'openai-compatible');
  return probeModels(base, `${root}/v1/models`, probe, {
    list: (json) => (json as { data?: unknown })?.data,
    name: (m) => (m as { id?: unknown })?.id,
    shapeFinding: 'unexpected /v1/models response: no "data" array',
    emptyFinding: 'server lists no models',
  });
}

function discovered(name: string, provider: string, baseUrl: string, capabilities: ProfileCapability[], source: LlmProfile['source']): LlmProfile {
  return { name, provider, baseUrl, models: [], locality: isLoopback(baseUrl) ? 'local' : 'remote', capabilities, credentialsEnv: undefined, source, healthy: false };
}

/** Healthy when the endpoint answers JSON listing at least one model; otherwise the finding says why not. */
async function probeModels(
  base: LlmProfile,
  url: string,
  probe: Probe,
  read: { list(json: unknown): unknown; name(item: unknown): unknown; shapeFinding: string; emptyFinding: string },
): Promise<LlmProfile> {
  const result = await probe(url);
  const profile = { ...base, probeMs: round(result.ms) };
  if (!result.ok) return { ...profile, finding: result.finding };
  const list = read.list(result.json);
  if (!Array.isArray(list)) return { ...profile, finding: read.shapeFinding };
  const models = list.map(read.name).filter((n): n is string => typeof n === 'string');
  return models.length > 0 ? { ...profile, models, healthy: true } : { ...profile, finding: read.emptyFinding };
}

async function probeJson(doFetch: typeof fetch, url: string, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  try {
    const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    const text = await response.text();
    if (!response.ok) return { ok: false, finding: `HTTP ${response.status} from ${url}`, ms: ms() };
    try {
      return { ok: true, json: JSON.parse(text), ms: ms() };
    } catch {
      return { ok: false, finding: `invalid JSON from ${url}`, ms: ms() };
    }
  } catch (error) {
    const name = (error as { name?: string })?.name;
    const finding = name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${timeoutMs} ms: ${url}` : `unreachable: ${url} (${causeOf(error)})`;
    return { ok: false, finding, ms: ms() };
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? String((error as Error)?.message ?? error);
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(withScheme(url)).hostname;
    return host === 'localhost' || host === '::1' || host === '[::1]' || host === '0.0.0.0' || host.startsWith('127.');
  } catch {
    return false;
  }
}

const withScheme = (url: string) => (/^https?:\/\//.test(url) ? url : `http://${url}`);
const trimSlash = (url: string) => url.replace(/\/+$/, '');
const isSet = (v: string | undefined) => v !== undefined && v.trim() !== '';
const round = (ms: number) => Math.round(ms * 10) / 10;
const listFrom = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
function numberFrom(v: string | undefined): number | undefined {
  const n = v === undefined ? Number.NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
