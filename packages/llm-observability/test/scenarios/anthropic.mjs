import Anthropic from '@anthropic-ai/sdk';
import { caught, report, startKennel } from './kennel.mjs';

await report(async () => {
  const kennel = await startKennel();
  const llm = kennel.get('llm-observability');
  const anthropic = llm.instrumentAnthropic(new Anthropic({ apiKey: 'sk-ant-test', baseURL: process.env.ANTHROPIC_BASE_URL, maxRetries: 0 }));
  const out = {};
  const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello Claude' }] });
  out.reply = message.content[0].text;

  const stream = await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'stream please' }] });
  let streamed = '';
  for await (const event of stream) if (event.type === 'content_block_delta') streamed += event.delta.text ?? '';
  out.streamed = streamed;

  const helper = anthropic.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'helper stream' }] });
  out.helperText = (await helper.finalMessage()).content[0].text;

  out.tool = (await anthropic.messages.create({
    model: 'tools',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'weather?' }],
    tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: {} } }],
  })).content[0].name;

  out.overloaded = await caught(() => anthropic.messages.create({ model: 'error-529', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }));
  await kennel.shutdown();
  return out;
});
