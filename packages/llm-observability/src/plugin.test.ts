import { createKennel, definePlugin } from '@kennel/core';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { instrumentOpenAI } from './instrument.js';
import { llmObservabilityPlugin } from './plugin.js';
import { startOpenAICompatibleServer, type OpenAICompatibleServer } from './testing/openai-compatible-server.js';

let server: OpenAICompatibleServer;
beforeAll(async () => {
  server = await startOpenAICompatibleServer();
});
afterAll(() => server.close());

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A metrics plugin whose every method throws: telemetry failing must never reach the app. */
const explodingMetrics = definePlugin({
  name: 'metrics',
  setup: () =>
    new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('metrics exploded');
        },
      },
    ),
});

test('a failing metrics backend never breaks SDK calls or span helpers', async () => {
  const kennel = await createKennel({ plugins: [explodingMetrics, llmObservabilityPlugin()], logger: quiet });
  const llm = kennel.get('llm-observability');
  const openai = llm.instrumentOpenAI(new OpenAI({ apiKey: 'k', baseURL: server.baseURL }));
  const reply = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  expect(reply.choices[0]?.message.content).toBe('Hello from the kennel test model.');
  const stream = await openai.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  expect(text).toBe('Hello from the kennel test model.');
  expect(llm.llm({ modelName: 'gpt-4o', modelProvider: 'openai' }, (span) => (span.annotate({ usage: { inputTokens: 1, outputTokens: 1 } }), 42))).toBe(42);
  await kennel.shutdown();
});

test('SDK errors reach the caller unchanged; sync and async helper errors are rethrown as is', async () => {
  const kennel = await createKennel({ plugins: [llmObservabilityPlugin()], logger: quiet });
  const llm = kennel.get('llm-observability');
  const openai = llm.instrumentOpenAI(new OpenAI({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 }));
  await expect(openai.chat.completions.create({ model: 'error-429', messages: [] })).rejects.toMatchObject({ status: 429, constructor: OpenAI.RateLimitError });
  const boom = new RangeError('sync');
  expect(() => llm.task('t', () => { throw boom; })).toThrow(boom);
  await expect(llm.workflow('w', async () => { throw boom; })).rejects.toBe(boom);
  await kennel.shutdown();
});

test('instrumenting is idempotent and leaves other client methods alone', async () => {
  const kennel = await createKennel({ plugins: [llmObservabilityPlugin()], logger: quiet });
  const client = new OpenAI({ apiKey: 'k', baseURL: server.baseURL });
  const models = client.models.list;
  const once = instrumentOpenAI(client);
  const create = client.chat.completions.create;
  expect(instrumentOpenAI(kennel.get('llm-observability').instrumentOpenAI(once))).toBe(client);
  expect(client.chat.completions.create).toBe(create);
  expect(client.models.list).toBe(models);
  const list = await client.models.list();
  expect(list.data.map((m) => m.id)).toEqual(['kennel-test-model']);
  await kennel.shutdown();
});

test('before kennel starts and after it shuts down, instrumented clients pass straight through', async () => {
  const client = instrumentOpenAI(new OpenAI({ apiKey: 'k', baseURL: server.baseURL }));
  server.requests.length = 0;
  await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [] }).then(async (s) => {
    for await (const _ of s);
  });
  expect(server.requests[0]?.body).not.toHaveProperty('stream_options');
});

test('an invalid content mode names the option and what is accepted', async () => {
  await expect(createKennel({ plugins: [llmObservabilityPlugin({ content: 'none' as never })], logger: quiet }).then((k) => k.status())).resolves.toEqual([
    expect.objectContaining({ name: 'llm-observability', state: 'failed', reason: expect.stringContaining('options.content="none" is invalid: expected one of "full", "metadata-only"') }),
  ]);
});

test('a wrapped provider stream inside a traceStream llm span is counted once, with the provider tokens', async () => {
  const { startLocalAgent } = await import('@kennel/local-agent');
  const { metricsPlugin } = await import('@kennel/metrics');
  const agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
  try {
    const kennel = await createKennel({
      plugins: [metricsPlugin(), llmObservabilityPlugin()],
      config: { service: 'stream-test', agent: { statsdPort: agent.ports.statsd } },
      env: {},
      logger: quiet,
    });
    const llm = kennel.get('llm-observability');
    const openai = llm.instrumentOpenAI(new OpenAI({ apiKey: 'k', baseURL: server.baseURL }));
    const pieces: string[] = [];
    const stream = llm.traceStream('llm', { name: 'relay', modelName: 'gpt-4o', modelProvider: 'openai' }, () =>
      (async function* () {
        for await (const chunk of await openai.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] })) {
          yield chunk.choices[0]?.delta?.content ?? '';
        }
      })(),
    );
    for await (const piece of stream) pieces.push(piece);
    expect(pieces.join('')).toBe('Hello from the kennel test model.');
    await kennel.shutdown();
    await agent.store.waitForMetric('llm.request.count');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const counts = agent.store.metrics({ name: 'llm.request.count' });
    expect(counts).toHaveLength(1);
    expect(counts[0]?.tags).toEqual(expect.arrayContaining(['model:gpt-4o', 'streaming:true']));
    expect(agent.store.metrics({ name: 'llm.tokens.output' }).map((m) => m.value)).toEqual([6]);
  } finally {
    await agent.close();
  }
});

test('bootstrapProfiles writes a structured llm_profile_bootstrap log record without key values', async () => {
  const records: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const logger = { ...quiet, info: (message: string, fields?: Record<string, unknown>) => records.push({ message, fields }) };
  const kennel = await createKennel({ plugins: [llmObservabilityPlugin()], logger, config: { logLevel: 'info' }, env: {} });
  const llm = kennel.get('llm-observability');
  const result = await llm.bootstrapProfiles({ ollamaUrl: false, openaiCompatibleUrls: [server.baseURL], env: { OPENAI_API_KEY: 'sk-do-not-log' } });
  expect(result.best?.name).toBe('openai-compatible-1'); // healthy local before hosted
  expect(llm.profiles()).toBe(result);
  const record = records.find((r) => r.message === 'llm_profile_bootstrap');
  expect(record?.fields).toMatchObject({
    best: { name: 'openai-compatible-1', provider: 'openai-compatible', locality: 'local' },
    totalAvailable: 2,
    profiles: [expect.objectContaining({ name: 'openai-compatible-1', healthy: true }), expect.objectContaining({ name: 'openai-hosted', healthy: true })],
  });
  expect(JSON.stringify(records)).not.toContain('sk-do-not-log');
  await kennel.shutdown();
});
