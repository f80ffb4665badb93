// Only metrics: no LLM Observability spans, every per-call metric still recorded.
import OpenAI from 'openai';
import { report, startKennel } from './kennel.mjs';

await report(async () => {
  const kennel = await startKennel({ tracing: false });
  const llm = kennel.get('llm-observability');
  const openai = llm.instrumentOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: process.env.OPENAI_BASE_URL }));
  const r = await llm.llm({ name: 'manual-llm', modelName: 'gpt-4o', modelProvider: 'openai' }, async (span) => {
    // A provider call inside an llm() span: tokens land on the outer span, counted once.
    const reply = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'one two' }] });
    span.annotate({ output: reply.choices[0].message.content });
    return reply;
  });
  await kennel.shutdown();
  return { reply: r.choices[0].message.content, spansEnabled: llm.spansEnabled };
});
