// CommonJS require after kennel starts dd-trace: dd-trace's own openai integration is active too.
// kennel must detect it and not report a second llm span for the same call.
(async () => {
  const { createKennel } = require('@kennel/core');
  const { tracingPlugin } = require('@kennel/tracing');
  const { metricsPlugin } = require('@kennel/metrics');
  const { llmObservabilityPlugin } = require('@kennel/llm-observability');
  const kennel = await createKennel({
    plugins: [tracingPlugin({ warnLateInit: false }), metricsPlugin(), llmObservabilityPlugin()],
    config: { service: 'llm-svc', env: 'test', llmobs: { mlApp: 'kennel-test-app' } },
  });
  const OpenAI = require('openai');
  const llm = kennel.get('llm-observability');
  const openai = llm.instrumentOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: process.env.OPENAI_BASE_URL }));
  let streamed = '';
  await llm.workflow('auto-workflow', async () => {
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello auto' }] });
    const s = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'stream auto' }] });
    for await (const c of s) streamed += c.choices[0]?.delta?.content ?? '';
  });
  await kennel.shutdown();
  console.log(JSON.stringify({ streamed }));
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
