import { expect, test } from 'vitest';
import type { LlmProfile } from '../types.js';
import { selectBestProfile } from './select.js';

const profile = (over: Partial<LlmProfile>): LlmProfile => ({
  name: 'p',
  provider: 'openai',
  baseUrl: undefined,
  models: ['m'],
  locality: 'remote',
  capabilities: ['chat'],
  credentialsEnv: undefined,
  source: 'env',
  healthy: true,
  ...over,
});

const local = profile({ name: 'ollama-local', provider: 'ollama', locality: 'local', source: 'ollama' });
const hosted = profile({ name: 'openai-hosted', provider: 'openai' });
const anthropic = profile({ name: 'anthropic-hosted', provider: 'anthropic' });

test('default policy: a healthy local runtime first, then hosted', () => {
  const choice = selectBestProfile([hosted, local, anthropic]);
  expect(choice.best?.name).toBe('ollama-local');
  expect(choice.ranked.map((p) => p.name)).toEqual(['ollama-local', 'anthropic-hosted', 'openai-hosted']);
  expect(choice.reasons).toContain('ollama-local: rank 1 (healthy, local, provider ollama, from ollama, 1 model(s))');
});

test('an unhealthy local runtime is skipped, with the finding as the reason', () => {
  const down = { ...local, healthy: false, finding: 'timed out after 1000 ms' };
  const choice = selectBestProfile([down, hosted]);
  expect(choice.best?.name).toBe('openai-hosted');
  expect(choice.reasons).toContain('ollama-local: not eligible, unhealthy (timed out after 1000 ms)');
});

test('policy is configurable: locality order, provider order, capabilities', () => {
  expect(selectBestProfile([local, hosted, anthropic], { localityOrder: ['remote', 'local'], providerOrder: ['openai'] }).best?.name).toBe('openai-hosted');
  expect(selectBestProfile([local, hosted], { localityOrder: ['remote'] }).ranked.map((p) => p.name)).toEqual(['openai-hosted']);
  const choice = selectBestProfile([local, hosted], { requireCapabilities: ['chat', 'embeddings'] });
  expect(choice.best).toBeUndefined();
  expect(choice.reasons).toContain('ollama-local: not eligible, lacks embeddings');
});

test('configured profiles win over discovered ones of the same locality', () => {
  const configured = profile({ name: 'my-vllm', provider: 'openai-compatible', locality: 'local', source: 'config' });
  expect(selectBestProfile([local, configured]).best?.name).toBe('my-vllm');
});

test('nothing healthy: no best unless allowUnhealthy', () => {
  const down = { ...local, healthy: false, finding: 'x' };
  expect(selectBestProfile([down]).best).toBeUndefined();
  expect(selectBestProfile([down], { allowUnhealthy: true }).best?.name).toBe('ollama-local');
});
