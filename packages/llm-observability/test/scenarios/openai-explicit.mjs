// ESM import: dd-trace's import hooks are not loaded, so kennel's explicit wrapping owns the spans.
import OpenAI from 'openai';
import { instrumentOpenAI } from '@kennel/llm-observability';
import { caught, report, startKennel } from './kennel.mjs';

await report(async () => {
  const kennel = await startKennel();
  const llm = kennel.get('llm-observability');
  const openai = instrumentOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: process.env.OPENAI_BASE_URL, maxRetries: 1 }), { profile: 'test-profile' });
  const out = { spansEnabled: llm.spansEnabled };

  await llm.withLlmContext({ sessionId: 'session-42', userId: 'user-7' }, () =>
    llm.workflow('answer-question', async () => {
      const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Where is my order?' }] });
      out.reply = r.choices[0].message.content;
    }),
  );

  // Streamed without include_usage: kennel requests usage and hides the extra chunk.
  const stream = await openai.chat.completions.create({ model: 'slow', stream: true, messages: [{ role: 'user', content: 'stream it' }] });
  let streamed = '';
  let sawEmptyChoices = false;
  for await (const chunk of stream) {
    if (chunk.choices.length === 0) sawEmptyChoices = true;
    streamed += chunk.choices[0]?.delta?.content ?? '';
  }
  Object.assign(out, { streamed, sawEmptyChoices });

  // Streamed through `.withResponse()` (APIPromise helpers keep working) and stopped early.
  const { data: early } = await openai.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'stop early' }] }).withResponse();
  for await (const _ of early) break;

  out.toolCall = (await openai.chat.completions.create({
    model: 'tools',
    messages: [{ role: 'user', content: 'weather?' }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }],
  })).choices[0].message.tool_calls?.[0]?.function?.name;

  const embedding = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['one two three', 'four five'] });
  out.embeddings = embedding.data.length;

  const response = await openai.responses.create({ model: 'gpt-4.1', input: 'Say hello' });
  out.responseText = response.output_text;

  out.completion = (await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hello' })).choices[0].text;
  let events = 0;
  for await (const _ of await openai.responses.create({ model: 'o4-mini', input: 'Stream hello', stream: true })) events++;
  out.responseEvents = events;
  const helper = openai.chat.completions.stream({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'helper' }] });
  out.helperText = (await helper.finalChatCompletion()).choices[0].message.content;
  out.badRequest = await caught(() => openai.chat.completions.create({ model: 'error-400', messages: [{ role: 'user', content: 'x' }] }));
  out.flaky = (await openai.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: 'retry me' }] })).choices[0].message.content;
  out.broken = await caught(async () => {
    const s = await openai.chat.completions.create({ model: 'broken-stream', stream: true, messages: [{ role: 'user', content: 'x' }] });
    for await (const _ of s);
  });
  out.aborted = await caught(async () => {
    const controller = new AbortController();
    const s = await openai.chat.completions.create({ model: 'slow-stream', stream: true, messages: [{ role: 'user', content: 'x' }] }, { signal: controller.signal });
    for await (const _ of s) controller.abort();
  });
  await kennel.shutdown();
  return out;
});
