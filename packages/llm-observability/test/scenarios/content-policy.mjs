// A scrubber on the core hooks (what pii-filter registers) and metadata-only mode.
import OpenAI from 'openai';
import { report, startKennel } from './kennel.mjs';

await report(async () => {
  const kennel = await startKennel({ llm: { content: process.env.CONTENT_MODE ?? 'full' } });
  kennel.hooks.on('preText', (text) => text.replaceAll(/\b\d{4}-\d{4}-\d{4}-\d{4}\b/g, '[card]').replaceAll('Paris', '[city]'));
  const llm = kennel.get('llm-observability');
  const openai = llm.instrumentOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: process.env.OPENAI_BASE_URL }));
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'my card is 4111-1111-1111-1111' }] });
  await openai.chat.completions.create({
    model: 'tools',
    messages: [{ role: 'user', content: 'weather in Paris?' }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }],
  });
  await llm.task({ name: 'lookup', input: 'card 4111-1111-1111-1111', metadata: { note: 'card 4111-1111-1111-1111' } }, () => 'done for 4111-1111-1111-1111');
  await kennel.shutdown();
  return { contentMode: llm.contentMode };
});
