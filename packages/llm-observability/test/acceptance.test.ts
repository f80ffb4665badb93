import { startLocalAgent, type LocalAgent, type LlmObsSpan } from '@kennel/local-agent';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startAnthropicCompatibleServer, startOpenAICompatibleServer, type FakeServer, type OpenAICompatibleServer } from '../src/testing/index.js';
import { runScenario } from './run-scenario.js';

const REPLY_TOKENS = 6; // "Hello from the kennel test model."

let agent: LocalAgent;
let openaiServer: OpenAICompatibleServer;
let anthropicServer: FakeServer;

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  openaiServer = await startOpenAICompatibleServer({ slowFirstTokenMs: 100 });
  anthropicServer = await startAnthropicCompatibleServer({ cacheReadTokens: 100, cacheWriteTokens: 20 });
});
afterAll(async () => {
  await Promise.all([agent.close(), openaiServer.close(), anthropicServer.close()]);
});
beforeEach(() => {
  agent.store.reset();
  openaiServer.requests.length = 0;
});

const env = () => ({
  ...agent.env,
  OPENAI_BASE_URL: openaiServer.baseURL,
  ANTHROPIC_BASE_URL: anthropicServer.origin,
});

/** Sum of a count metric over the samples whose tags include all of `tags`. */
function countSum(name: string, tags: string[] = []): number {
  return agent.store
    .metrics({ name })
    .filter((m) => tags.every((t) => m.tags.includes(t)))
    .reduce((sum, m) => sum + m.value, 0);
}

function metricValues(name: string, tags: string[] = []): number[] {
  return agent.store
    .metrics({ name })
    .filter((m) => tags.every((t) => m.tags.includes(t)))
    .map((m) => m.value);
}

const byModel = (spans: LlmObsSpan[], model: string) => spans.filter((s) => s.meta.model_name === model);
const outputMessages = (s: LlmObsSpan | undefined) => (s?.meta.output as { messages?: Array<Record<string, unknown>> } | undefined)?.messages;

describe('openai client, explicit wrapping (no import hooks)', () => {
  test('one llm span per call with tokens/model, and per-call metrics over DogStatsD', async () => {
    const run = await runScenario('openai-explicit.mjs', env());
    expect(run.code, run.stderr).toBe(0);
    const r = run.report;
    expect(r).toMatchObject({
      spansEnabled: true,
      reply: 'Hello from the kennel test model.',
      streamed: 'Hello from the kennel test model.',
      sawEmptyChoices: false,
      toolCall: 'get_weather',
      embeddings: 2,
      flaky: 'Hello from the kennel test model.',
      completion: 'Hello from the kennel test model.',
      helperText: 'Hello from the kennel test model.',
    });
    expect(r.responseText?.trim()).toBe('Hello from the kennel test model.');
    expect(r.badRequest).toMatchObject({ status: 400, name: 'BadRequestError' });
    expect(r.broken).toBeDefined();
    expect(r.aborted).toBeUndefined(); // the openai SDK ends an aborted stream quietly

    // 12 llm calls + 1 embedding + the workflow: exactly one span each.
    const spans = await agent.store.waitForLlmSpans(14);
    const llmSpans = spans.filter((s) => s.kind === 'llm');
    expect(llmSpans).toHaveLength(12);
    expect(spans.filter((s) => s.kind === 'embedding')).toHaveLength(1);

    const workflow = spans.find((s) => s.kind === 'workflow');
    const [chat] = byModel(llmSpans, 'gpt-4o-mini');
    expect(workflow).toMatchObject({ name: 'answer-question', ml_app: 'kennel-test-app', status: 'ok' });
    expect(chat).toMatchObject({ parent_id: workflow?.span_id, trace_id: workflow?.trace_id, status: 'ok' });
    expect(chat?.meta).toMatchObject({
      model_name: 'gpt-4o-mini',
      model_provider: 'openai',
      input: { messages: [{ role: 'user', content: 'Where is my order?' }] },
      output: { messages: [{ role: 'assistant', content: 'Hello from the kennel test model.' }] },
    });
    expect(chat?.metrics).toMatchObject({ output_tokens: REPLY_TOKENS });
    const inputTokens = chat?.metrics.input_tokens as number;
    expect(inputTokens).toBeGreaterThan(0);
    expect(chat?.metrics.total_tokens).toBe(inputTokens + REPLY_TOKENS);
    expect(chat?.raw.session_id).toBe('session-42');
    expect(chat?.tags).toEqual(expect.arrayContaining(['user_id:user-7', 'session_id:session-42']));

    // The APM side of the same span carries the OTel GenAI semantic-convention attributes.
    const [apmChat] = await agent.store.waitForSpans((x) => x.span_id === chat?.span_id);
    expect(apmChat?.meta).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.response.finish_reasons': 'stop',
    });
    expect(apmChat?.meta['gen_ai.operation.name']).toBeDefined();
    expect(apmChat?.metrics).toMatchObject({ 'gen_ai.usage.input_tokens': inputTokens, 'gen_ai.usage.output_tokens': REPLY_TOKENS });

    const [slow] = byModel(llmSpans, 'slow');
    expect(outputMessages(slow)?.[0]?.content).toBe('Hello from the kennel test model.');
    expect(slow?.metrics).toMatchObject({ output_tokens: REPLY_TOKENS });
    expect(slow?.metrics.time_to_first_token).toBeGreaterThan(0);
    expect(openaiServer.requests.find((q) => (q.body as { model?: string })?.model === 'slow')?.body).toMatchObject({ stream_options: { include_usage: true } });

    const [stoppedEarly] = byModel(llmSpans, 'gpt-4o');
    expect(stoppedEarly?.status).toBe('ok');
    expect(stoppedEarly?.meta.metadata).toMatchObject({ stream: true });

    const [tools] = byModel(llmSpans, 'tools');
    expect(outputMessages(tools)?.[0]).toMatchObject({ tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' }, tool_id: 'call_kennel_1' }] });

    const [bad] = byModel(llmSpans, 'error-400');
    expect(bad?.status).toBe('error');
    expect(bad?.tags).toEqual(expect.arrayContaining(['error.status_code:400', 'error.kind:invalid_request_error']));

    const [flaky] = byModel(llmSpans, 'flaky');
    expect(flaky?.status).toBe('ok');
    expect(flaky?.tags).toContain('retries:1');

    const [broken] = byModel(llmSpans, 'broken-stream');
    expect(broken?.status).toBe('error');
    // Aborted mid-stream: still one span, with what arrived before the abort.
    const [aborted] = byModel(llmSpans, 'slow-stream');
    const partial = String(outputMessages(aborted)?.[0]?.content);
    expect('Hello from the kennel test model.'.startsWith(partial) && partial.length < 33).toBe(true);

    const [embedding] = spans.filter((s) => s.kind === 'embedding');
    expect(embedding?.meta).toMatchObject({ model_name: 'text-embedding-3-small', input: { documents: [{ text: 'one two three' }, { text: 'four five' }] } });
    expect(embedding?.metrics).toMatchObject({ input_tokens: 5 });

    const [completion] = byModel(llmSpans, 'gpt-3.5-turbo-instruct');
    expect(completion?.meta).toMatchObject({ input: { messages: [{ content: 'Say hello' }] }, output: { messages: [{ role: 'assistant', content: 'Hello from the kennel test model.' }] } });

    const [responses] = byModel(llmSpans, 'gpt-4.1');
    expect(responses?.metrics).toMatchObject({ output_tokens: REPLY_TOKENS });
    const [streamedResponse] = byModel(llmSpans, 'o4-mini');
    expect(r.responseEvents).toBeGreaterThan(2);
    expect(streamedResponse?.metrics).toMatchObject({ output_tokens: REPLY_TOKENS });
    expect(outputMessages(streamedResponse)?.[0]?.content).toBe('Hello from the kennel test model.');

    // Metrics, as DogStatsD delivered them.
    await agent.store.waitForMetric('llm.request.count', (m) => m.tags.includes('model:broken-stream'));
    const okMini = ['model:gpt-4o-mini', 'provider:openai', 'profile:test-profile', 'status:ok', 'gen_ai.provider.name:openai', 'gen_ai.request.model:gpt-4o-mini', 'gen_ai.operation.name:chat'];
    expect(countSum('llm.request.count', okMini)).toBe(1);
    expect(countSum('llm.tokens.input', okMini)).toBe(inputTokens);
    expect(countSum('llm.tokens.output', okMini)).toBe(REPLY_TOKENS);
    expect(countSum('llm.cost.usd', okMini)).toBeCloseTo((inputTokens * 0.15 + REPLY_TOKENS * 0.6) / 1e6, 12);
    expect(metricValues('llm.request.duration', okMini)).toHaveLength(1);
    expect(countSum('llm.request.count')).toBe(13);
    expect(countSum('llm.tokens.output', ['model:gpt-5-mini', 'streaming:true'])).toBe(REPLY_TOKENS); // chat.completions.stream() helper
    expect(countSum('llm.tokens.output', ['model:gpt-3.5-turbo-instruct', 'operation:text_completion'])).toBe(REPLY_TOKENS);
    expect(countSum('llm.request.count', ['model:slow-stream', 'streaming:true'])).toBe(1);
    expect(metricValues('llm.ttft', ['model:slow', 'streaming:true'])[0]).toBeGreaterThan(0);
    expect(metricValues('llm.tokens_per_second', ['model:slow'])).toHaveLength(1);
    expect(countSum('llm.errors', ['model:error-400', 'status:error', 'status_code:400', 'error_type:invalid_request_error'])).toBe(1);
    expect(countSum('llm.errors', ['model:broken-stream'])).toBe(1);
    expect(countSum('llm.retries', ['model:flaky'])).toBe(1);
    expect(countSum('llm.tokens.input', ['operation:embeddings', 'model:text-embedding-3-small'])).toBe(5);
    expect(countSum('llm.cost.usd', ['model:text-embedding-3-small'])).toBeCloseTo((5 * 0.02) / 1e6, 12);
  });
});

describe('openai client with dd-trace auto-instrumentation also active', () => {
  test('dd-trace owns the span: still exactly one llm span per call, kennel adds metrics', async () => {
    const run = await runScenario('openai-auto.cjs', env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.streamed).toBe('Hello from the kennel test model.');
    const spans = await agent.store.waitForLlmSpans(3);
    await agent.store.waitForMetric('llm.request.count', (m) => m.tags.includes('streaming:true'));
    const llmSpans = agent.store.llmSpans().filter((s) => s.kind === 'llm');
    expect(llmSpans).toHaveLength(2);
    const workflow = spans.find((s) => s.kind === 'workflow');
    for (const span of llmSpans) {
      expect(span.tags).toContain('integration:openai');
      expect(span.parent_id).toBe(workflow?.span_id);
      expect(span.metrics).toMatchObject({ output_tokens: REPLY_TOKENS });
    }
    // The stream is reported once, not doubled.
    const streamedSpan = llmSpans.find((s) => (s.meta.metadata as { stream?: boolean } | undefined)?.stream);
    expect(outputMessages(streamedSpan)?.[0]?.content).toBe('Hello from the kennel test model.');
    expect(countSum('llm.request.count', ['model:gpt-4o-mini'])).toBe(2);
    expect(countSum('llm.tokens.output', ['model:gpt-4o-mini'])).toBe(2 * REPLY_TOKENS);
  });
});

describe('anthropic client', () => {
  test('with dd-trace auto-instrumentation also active: one llm span per call, kennel adds metrics', async () => {
    const run = await runScenario('anthropic-auto.cjs', env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.streamed).toBe('Hello from the kennel test model.');
    await agent.store.waitForLlmSpans(3);
    await agent.store.waitForMetric('llm.request.count', (m) => m.tags.includes('streaming:true'));
    const llmSpans = agent.store.llmSpans().filter((s) => s.kind === 'llm');
    expect(llmSpans).toHaveLength(2);
    for (const span of llmSpans) {
      expect(span.tags).toContain('integration:anthropic');
      expect(span.metrics).toMatchObject({ output_tokens: REPLY_TOKENS });
      expect(outputMessages(span)?.[0]?.content).toBe('Hello from the kennel test model.');
    }
    expect(countSum('llm.request.count', ['model:claude-haiku-4-5'])).toBe(2);
    expect(countSum('llm.tokens.cached', ['model:claude-haiku-4-5'])).toBe(200);
  });

  test('messages.create (plain, streamed, stream helper, tools, errors) with cache tokens normalised and costed', async () => {
    const run = await runScenario('anthropic.mjs', env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toMatchObject({
      reply: 'Hello from the kennel test model.',
      streamed: 'Hello from the kennel test model.',
      helperText: 'Hello from the kennel test model.',
      tool: 'get_weather',
      overloaded: { status: 529 },
    });
    const spans = await agent.store.waitForLlmSpans(5);
    expect(spans.every((s) => s.kind === 'llm')).toBe(true);
    const [sonnet] = byModel(spans, 'claude-sonnet-4-5');
    expect(sonnet?.meta).toMatchObject({
      model_provider: 'anthropic',
      input: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello Claude' }] },
      output: { messages: [{ role: 'assistant', content: 'Hello from the kennel test model.' }] },
    });
    const uncached = (sonnet?.metrics.input_tokens as number) - 120;
    expect(uncached).toBeGreaterThan(0);
    // Anthropic reports cache reads/writes beside input_tokens; kennel folds them into the input total.
    expect(sonnet?.metrics).toMatchObject({ output_tokens: REPLY_TOKENS, cache_read_input_tokens: 100, cache_write_input_tokens: 20 });
    const haiku = byModel(spans, 'claude-haiku-4-5');
    expect(haiku).toHaveLength(2); // create({ stream: true }) and messages.stream()
    for (const span of haiku) {
      expect(span.metrics).toMatchObject({ output_tokens: REPLY_TOKENS, cache_read_input_tokens: 100 });
      expect(outputMessages(span)?.[0]?.content).toBe('Hello from the kennel test model.');
    }
    expect(outputMessages(byModel(spans, 'tools')[0])?.[0]).toMatchObject({ tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    expect(byModel(spans, 'error-529')[0]?.status).toBe('error');

    await agent.store.waitForMetric('llm.errors');
    const sonnetTags = ['model:claude-sonnet-4-5', 'provider:anthropic'];
    expect(countSum('llm.tokens.cached', sonnetTags)).toBe(100);
    expect(countSum('llm.tokens.cache_write', sonnetTags)).toBe(20);
    const expectedCost = (uncached * 3 + 100 * 0.3 + 20 * 3.75 + REPLY_TOKENS * 15) / 1e6;
    expect(countSum('llm.cost.usd', sonnetTags)).toBeCloseTo(expectedCost, 12);
    expect(countSum('llm.errors', ['model:error-529', 'error_type:overloaded_error', 'status_code:529'])).toBe(1);
  });
});

describe('content policy', () => {
  test('prompts, completions, tool-call arguments and metadata pass through the preText scrubber', async () => {
    const run = await runScenario('content-policy.mjs', env());
    expect(run.code, run.stderr).toBe(0);
    const spans = await agent.store.waitForLlmSpans(3);
    const text = JSON.stringify(spans.map((s) => s.meta));
    expect(text).not.toContain('4111-1111-1111-1111');
    expect(text).not.toContain('Paris');
    expect(text).toContain('my card is [card]');
    const [tools] = byModel(spans, 'tools');
    expect(tools?.meta).toMatchObject({ input: { messages: [{ content: 'weather in [city]?' }] } });
    expect(outputMessages(tools)?.[0]).toMatchObject({ tool_calls: [{ name: 'get_weather', arguments: { city: '[city]' } }] });
    const task = spans.find((s) => s.kind === 'task');
    expect(task?.meta).toMatchObject({ input: { value: 'card [card]' }, output: { value: 'done for [card]' }, metadata: { note: 'card [card]' } });
  });

  test('metadata-only mode drops content but keeps model, tokens and cost', async () => {
    const run = await runScenario('content-policy.mjs', { ...env(), CONTENT_MODE: 'metadata-only' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.contentMode).toBe('metadata-only');
    const spans = await agent.store.waitForLlmSpans(3);
    const llm = spans.find((s) => s.kind === 'llm');
    expect(JSON.stringify(spans.map((s) => s.meta))).not.toMatch(/4111|Paris/); // tool names stay: they are metadata, not content
    for (const span of spans) expect(span.meta).toMatchObject({ input: {}, output: {} });
    expect(llm?.meta).toMatchObject({ model_name: 'gpt-4o-mini' });
    expect(llm?.metrics).toMatchObject({ output_tokens: REPLY_TOKENS });
    await agent.store.waitForMetric('llm.cost.usd');
  });
});

describe('degrading', () => {
  test('agentless requested without an API key: warns once and sends through the agent', async () => {
    const run = await runScenario('content-policy.mjs', { ...env(), DD_LLMOBS_AGENTLESS_ENABLED: 'true' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('llmobs.agentless (DD_LLMOBS_AGENTLESS_ENABLED=true) needs datadog.apiKey (DD_API_KEY)');
    expect(await agent.store.waitForLlmSpans(3)).toHaveLength(3);
  });

  test('disabled flag: SDK calls work, no LLM spans or metrics', async () => {
    const run = await runScenario('disabled.mjs', env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ reply: 'Hello from the kennel test model.', spansEnabled: false });
    expect(run.report.chunks).toBeGreaterThan(3);
    await agent.store.waitForMetric('scenario.done'); // metrics flowed, so an llm.* metric would have too
    expect(agent.store.metrics().filter((m) => m.name.startsWith('llm.'))).toEqual([]);
    expect(agent.store.llmSpans()).toEqual([]);
    // Without kennel asking for usage, the request went out as the app wrote it.
    expect(openaiServer.requests.find((q) => (q.body as { stream?: boolean })?.stream)?.body).not.toHaveProperty('stream_options');
  });

  test('without tracing: metrics only; a provider call inside llm() is counted once', async () => {
    const run = await runScenario('no-tracing.mjs', env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ reply: 'Hello from the kennel test model.', spansEnabled: false });
    await agent.store.waitForMetric('llm.request.count');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a double count would arrive in the same flush
    expect(countSum('llm.request.count', ['model:gpt-4o'])).toBe(1);
    expect(countSum('llm.tokens.output', ['model:gpt-4o'])).toBe(REPLY_TOKENS);
    expect(agent.store.llmSpans()).toEqual([]);
  });
});

describe('span helpers', () => {
  test('agent / retrieval / embedding / tool / llm stream / task spans nest, annotate and carry session and user', async () => {
    const run = await runScenario('helpers.mjs', env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.report).toEqual({ syncResult: 1, toolResult: { status: 'in transit' }, streamed: 'Hello', rethrown: true });
    const spans = await agent.store.waitForLlmSpans(6);
    const byName = (name: string) => spans.find((s) => s.name === name);
    const root = byName('support-agent');
    expect(root).toMatchObject({ kind: 'agent', status: 'ok', meta: { input: { value: 'Where is my parcel?' }, output: { value: 'It is in transit.' } } });
    for (const name of ['search-orders', 'embed-query', 'track-parcel', 'local-model', 'failing-task']) {
      expect(byName(name)?.parent_id, name).toBe(root?.span_id);
      expect(byName(name)?.raw.session_id, name).toBe('chat-9');
      expect(byName(name)?.tags, name).toContain('user_id:u-1');
    }
    expect(byName('search-orders')).toMatchObject({ kind: 'retrieval', meta: { output: { documents: [{ text: 'order 1 shipped', id: 'o1', score: 0.9 }] } } });
    expect(byName('embed-query')).toMatchObject({ kind: 'embedding', meta: { model_name: 'text-embedding-3-small', input: { documents: [{ text: 'parcel' }] } }, metrics: { input_tokens: 1 } });
    expect(byName('track-parcel')).toMatchObject({ kind: 'tool', meta: { output: { value: JSON.stringify({ status: 'in transit' }) } } });
    expect(byName('local-model')).toMatchObject({
      kind: 'llm',
      meta: { model_name: 'my-local-model', input: { messages: [{ role: 'user', content: 'hi' }] }, output: { messages: [{ role: 'assistant', content: 'Hello' }] } },
      metrics: { input_tokens: 3, output_tokens: 2 },
    });
    expect(byName('failing-task')).toMatchObject({ kind: 'task', status: 'error', meta: { 'error.message': 'task broke', 'error.type': 'TypeError' } });

    // llm/embedding helper spans count as calls; the unknown model gets no cost and one warning.
    await agent.store.waitForMetric('llm.request.count', (m) => m.tags.includes('model:my-local-model'));
    expect(countSum('llm.tokens.output', ['model:my-local-model', 'provider:custom'])).toBe(2);
    expect(countSum('llm.cost.usd', ['model:my-local-model'])).toBe(0);
    expect(run.stderr.match(/no price for custom model "my-local-model"/g)).toHaveLength(1);
  });
});

describe('LLM profiles bootstrap', () => {
  test('emits llm.profile.bootstrap, llm.profile.total_available and the llm_profile_bootstrap event', async () => {
    const ollama = await startOllamaLike();
    try {
      const run = await runScenario('bootstrap.mjs', { ...env(), OLLAMA_URL: ollama.origin });
      expect(run.code, run.stderr).toBe(0);
      expect(run.report).toMatchObject({ best: 'ollama-local', total: 3 });
      expect(run.stderr).not.toContain('set-but-never-logged');
      const bootstrap = await agent.store.waitForMetric('llm.profile.bootstrap');
      expect(bootstrap).toMatchObject({ type: 'c', value: 1 });
      expect(bootstrap.tags).toEqual(expect.arrayContaining(['best_profile:ollama-local', 'best_provider:ollama']));
      const gauge = await agent.store.waitForMetric('llm.profile.total_available');
      expect(gauge).toMatchObject({ type: 'g', value: 3 });
      const event = await agent.store.waitForEvent('llm_profile_bootstrap');
      expect(event.tags).toContain('best_profile:ollama-local');
      const body = JSON.parse(event.text) as { best: { name: string }; profiles: Array<{ name: string }> };
      expect(body.best.name).toBe('ollama-local');
      expect(body.profiles.map((p) => p.name).sort()).toEqual(['anthropic-hosted', 'ollama-local', 'openai-compatible-1']);
      expect(event.text).not.toContain('set-but-never-logged');
    } finally {
      await ollama.close();
    }
  });
});

async function startOllamaLike() {
  const { startJsonServer, sendJson } = await import('../src/testing/http.js');
  return startJsonServer((req, res) => sendJson(res, 200, req.path === '/api/tags' ? { models: [{ name: 'llama3.2:1b' }] } : {}));
}
