import { expect, test } from 'vitest';
import { anthropicUsage, mergeUsage, openAiUsage } from './usage.js';

test('OpenAI chat usage: cached and reasoning tokens are already inside the totals', () => {
  expect(
    openAiUsage({
      prompt_tokens: 1000,
      completion_tokens: 300,
      total_tokens: 1300,
      prompt_tokens_details: { cached_tokens: 800 },
      completion_tokens_details: { reasoning_tokens: 200 },
    }),
  ).toEqual({ inputTokens: 1000, outputTokens: 300, cacheReadTokens: 800, reasoningTokens: 200, totalTokens: 1300 });
});

test('OpenAI Responses / embeddings usage spellings', () => {
  expect(openAiUsage({ input_tokens: 10, output_tokens: 5, input_tokens_details: { cached_tokens: 4 }, output_tokens_details: { reasoning_tokens: 2 } })).toEqual({
    inputTokens: 10,
    outputTokens: 5,
    cacheReadTokens: 4,
    reasoningTokens: 2,
    totalTokens: 15,
  });
  expect(openAiUsage({ prompt_tokens: 7, total_tokens: 7 })).toEqual({ inputTokens: 7, totalTokens: 7 });
  expect(openAiUsage(null)).toBeUndefined();
  expect(openAiUsage({ prompt_tokens: 'many' })).toBeUndefined();
});

test('Anthropic usage: cache reads and writes are added to the input total', () => {
  expect(anthropicUsage({ input_tokens: 50, output_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 200 })).toEqual({
    inputTokens: 1250,
    outputTokens: 20,
    cacheReadTokens: 1000,
    cacheWriteTokens: 200,
    totalTokens: 1270,
  });
});

test('streamed Anthropic usage folds message_start and message_delta', () => {
  const start = anthropicUsage({ input_tokens: 12, output_tokens: 1, cache_read_input_tokens: 3 });
  const delta = anthropicUsage({ output_tokens: 40 });
  expect(mergeUsage(start, delta)).toEqual({ inputTokens: 15, outputTokens: 40, cacheReadTokens: 3, totalTokens: 55 });
  expect(mergeUsage(undefined, delta)).toEqual(delta);
});
