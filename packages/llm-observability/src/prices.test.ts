import { expect, test } from 'vitest';
import { costOf, defaultPrices, findPrice, mergePrices, PRICE_TABLE_DATE } from './prices.js';

test('exact model first, then the longest prefix; unknown models have no price', () => {
  expect(findPrice(defaultPrices, 'openai', 'gpt-4o')).toEqual(defaultPrices.openai?.['gpt-4o']);
  expect(findPrice(defaultPrices, 'openai', 'gpt-4o-mini-2024-07-18')).toEqual(defaultPrices.openai?.['gpt-4o-mini']);
  expect(findPrice(defaultPrices, 'openai', 'gpt-4o-2024-08-06')).toEqual(defaultPrices.openai?.['gpt-4o']);
  expect(findPrice(defaultPrices, 'anthropic', 'claude-sonnet-4-5-20250929')).toEqual(defaultPrices.anthropic?.['claude-sonnet-4-5']);
  expect(findPrice(defaultPrices, 'OpenAI', 'gpt-4o')).toBeDefined();
  expect(findPrice(defaultPrices, 'openai', 'my-finetune')).toBeUndefined();
  expect(findPrice(defaultPrices, 'nobody', 'gpt-4o')).toBeUndefined();
  expect(findPrice(defaultPrices, 'ollama', 'llama3.2:1b')).toEqual({ input: 0, output: 0 });
  expect(PRICE_TABLE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('OpenAI cost: cached input at the cached rate, reasoning billed as output', () => {
  const price = { input: 2.5, cachedInput: 1.25, output: 10 };
  // 1000 input of which 800 cached; 300 output of which 200 reasoning.
  expect(costOf(price, { inputTokens: 1000, cacheReadTokens: 800, outputTokens: 300, reasoningTokens: 200 })).toBeCloseTo((200 * 2.5 + 800 * 1.25 + 300 * 10) / 1e6, 12);
});

test('Anthropic cost: cache reads and writes priced separately from plain input', () => {
  const price = { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 };
  expect(costOf(price, { inputTokens: 1250, cacheReadTokens: 1000, cacheWriteTokens: 200, outputTokens: 20 })).toBeCloseTo((50 * 3 + 1000 * 0.3 + 200 * 3.75 + 20 * 15) / 1e6, 12);
});

test('overrides merge per provider and per model', () => {
  const merged = mergePrices(defaultPrices, { openai: { 'my-finetune': { input: 1, output: 2 } }, mistral: { 'mistral-large': { input: 2, output: 6 } } });
  expect(findPrice(merged, 'openai', 'my-finetune')).toEqual({ input: 1, output: 2 });
  expect(findPrice(merged, 'openai', 'gpt-4o')).toEqual(defaultPrices.openai?.['gpt-4o']);
  expect(findPrice(merged, 'mistral', 'mistral-large-2411')).toEqual({ input: 2, output: 6 });
});
