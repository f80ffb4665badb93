// The plugin's feature flag off: SDK calls still work and nothing LLM-related is emitted.
import OpenAI from 'openai';
import { instrumentOpenAI } from '@kennel/llm-observability';
import { report, startKennel } from './kennel.mjs';

await report(async () => {
  const kennel = await startKennel({ config: { plugins: { 'llm-observability': false } } });
  const llm = kennel.get('llm-observability');
  const openai = instrumentOpenAI(llm.instrumentOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: process.env.OPENAI_BASE_URL })));
  const reply = await llm.workflow('disabled-workflow', () =>
    openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'still works?' }] }),
  );
  const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'x' }] });
  let chunks = 0;
  for await (const _ of stream) chunks++;
  kennel.get('metrics').increment('scenario.done');
  await kennel.shutdown();
  return { reply: reply.choices[0].message.content, chunks, spansEnabled: llm.spansEnabled };
});
