import { afterAll, beforeAll, expect, test } from 'vitest';
import { sendJson, sleep, startJsonServer, type FakeServer } from '../testing/http.js';
import { startOpenAICompatibleServer, type OpenAICompatibleServer } from '../testing/openai-compatible-server.js';
import { discoverProfiles } from './discovery.js';

let ollama: FakeServer;
let broken: FakeServer;
let compatible: OpenAICompatibleServer;

beforeAll(async () => {
  ollama = await startJsonServer((req, res) => sendJson(res, 200, req.path === '/api/tags' ? { models: [{ name: 'llama3.2:1b' }, { name: 'nomic-embed-text' }] } : {}));
  // One server for every failure mode, picked by path prefix.
  broken = await startJsonServer(async (req, res) => {
    if (req.path.startsWith('/slow')) return void (await sleep(2000), sendJson(res, 200, { models: [] }));
    if (req.path.startsWith('/500')) return sendJson(res, 500, { error: 'boom' });
    if (req.path.startsWith('/garbage')) return void (res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"models": [oops'));
    if (req.path.startsWith('/shape')) return sendJson(res, 200, { something: 'else' });
    if (req.path.startsWith('/empty')) return sendJson(res, 200, { models: [], data: [] });
    return sendJson(res, 404, {});
  });
  compatible = await startOpenAICompatibleServer({ models: ['qwen2.5', 'phi4'] });
});
afterAll(() => Promise.all([ollama.close(), broken.close(), compatible.close()]));

const none = { ollamaUrl: false as const, env: {} };

test('Ollama at /api/tags and an OpenAI-compatible server at /v1/models', async () => {
  const profiles = await discoverProfiles({ ...none, ollamaUrl: ollama.origin, openaiCompatibleUrls: [compatible.baseURL] });
  expect(profiles).toEqual([
    expect.objectContaining({ name: 'ollama-local', provider: 'ollama', locality: 'local', healthy: true, models: ['llama3.2:1b', 'nomic-embed-text'], source: 'ollama' }),
    expect.objectContaining({ name: 'openai-compatible-1', provider: 'openai-compatible', baseUrl: compatible.baseURL, healthy: true, models: ['qwen2.5', 'phi4'] }),
  ]);
});

test('timeouts, HTTP 500, garbage JSON, wrong shape and no models are findings, not errors', async () => {
  const profiles = await discoverProfiles({
    ...none,
    ollamaUrl: `${broken.origin}/slow`,
    openaiCompatibleUrls: [`${broken.origin}/500`, `${broken.origin}/garbage`, `${broken.origin}/shape`, `${broken.origin}/empty`],
    timeoutMs: 100,
  });
  expect(profiles.every((p) => !p.healthy)).toBe(true);
  expect(profiles.map((p) => p.finding)).toEqual([
    `timed out after 100 ms: ${broken.origin}/slow/api/tags`,
    `HTTP 500 from ${broken.origin}/500/v1/models`,
    `invalid JSON from ${broken.origin}/garbage/v1/models`,
    'unexpected /v1/models response: no "data" array',
    'server lists no models',
  ]);
});

test('nothing listening: unreachable finding', async () => {
  const closed = await startJsonServer(() => {});
  const origin = closed.origin;
  await closed.close();
  const [profile] = await discoverProfiles({ env: {}, ollamaUrl: origin, timeoutMs: 500 });
  expect(profile).toMatchObject({ healthy: false, finding: expect.stringMatching(/^unreachable: .*ECONNREFUSED/) });
});

test('hosted providers from API-key env vars; the key value never enters a profile', async () => {
  const profiles = await discoverProfiles({ ...none, env: { OPENAI_API_KEY: 'sk-secret-value', ANTHROPIC_API_KEY: '' } });
  expect(profiles).toEqual([expect.objectContaining({ name: 'openai-hosted', provider: 'openai', locality: 'remote', credentialsEnv: 'OPENAI_API_KEY', healthy: true })]);
  expect(JSON.stringify(profiles)).not.toContain('sk-secret-value');
});

test('configured profiles: probed when local, key presence checked, never duplicated by discovery', async () => {
  const profiles = await discoverProfiles({
    env: { OPENAI_API_KEY: 'x' },
    ollamaUrl: false,
    profiles: [
      { name: 'local-vllm', provider: 'openai-compatible', baseUrl: compatible.baseURL },
      { name: 'openai-hosted', provider: 'openai', models: ['gpt-4o'], credentialsEnv: 'OPENAI_API_KEY' },
      { name: 'needs-key', provider: 'anthropic', credentialsEnv: 'MY_ANTHROPIC_KEY' },
    ],
  });
  expect(profiles.map((p) => [p.name, p.healthy, p.locality, p.source])).toEqual([
    ['local-vllm', true, 'local', 'config'],
    ['openai-hosted', true, 'remote', 'config'],
    ['needs-key', false, 'remote', 'config'],
  ]);
  expect(profiles[0]?.models).toEqual(['qwen2.5', 'phi4']);
  expect(profiles[2]?.finding).toBe('MY_ANTHROPIC_KEY is not set');
});

test('OLLAMA_HOST without a scheme (as Ollama itself accepts it) is probed over http', async () => {
  const [profile] = await discoverProfiles({ env: { OLLAMA_HOST: ollama.origin.replace('http://', '') } });
  expect(profile).toMatchObject({ name: 'ollama-local', healthy: true, locality: 'local', baseUrl: ollama.origin });
});
