// CommonJS require after kennel starts dd-trace: dd-trace's anthropic integration is active too.
(async () => {
  const { createKennel } = require('@kennel/core');
  const { tracingPlugin } = require('@kennel/tracing');
  const { metricsPlugin } = require('@kennel/metrics');
  const { llmObservabilityPlugin } = require('@kennel/llm-observability');
  const kennel = await createKennel({
    plugins: [tracingPlugin({ warnLateInit: false }), metricsPlugin(), llmObservabilityPlugin()],
    config: { service: 'llm-svc', env: 'test', llmobs: { mlApp: 'kennel-test-app' } },
  });
  const Anthropic = require('@anthropic-ai/sdk');
  const llm = kennel.get('llm-observability');
  const anthropic = llm.instrumentAnthropic(new (Anthropic.default ?? Anthropic)({ apiKey: 'k', baseURL: process.env.ANTHROPIC_BASE_URL }));
  let streamed = '';
  await llm.workflow('auto-workflow', async () => {
    await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hello auto' }] });
    const s = await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'stream auto' }] });
    for await (const e of s) if (e.type === 'content_block_delta') streamed += e.delta.text ?? '';
  });
  await kennel.shutdown();
  console.log(JSON.stringify({ streamed }));
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
