// The app side of the end-to-end test, in its own process (dd-trace starts once per process, from
// `--import @kennel/tracing/register`): the real tracing, metrics and llm plugins with pii-filter,
// fed the planted values through every channel. Reports what it did as its last stdout line.
import { createServer, get } from 'node:http';
import { createKennel } from '@kennel/core';
import { llmObservabilityPlugin } from '@kennel/llm-observability';
import { metricsPlugin } from '@kennel/metrics';
import { piiFilterPlugin } from '@kennel/pii-filter';
import { tracingPlugin } from '@kennel/tracing';
import OpenAI from 'openai';

const p = JSON.parse(process.env.PLANTED);

try {
  const kennel = await createKennel({
    plugins: [piiFilterPlugin(), tracingPlugin({ warnLateInit: false }), metricsPlugin(), llmObservabilityPlugin()],
    config: { service: 'pii-e2e', env: 'test', pii: { strictness: 'strict' }, llmobs: { mlApp: 'pii-e2e' } },
  });
  const tracing = kennel.get('tracing');
  const metrics = kennel.get('metrics');
  const llm = kennel.get('llm-observability');

  // Span tags: through the API, and set on the span object.
  tracing.withSpan('checkout', { tags: { 'customer.contact': p.email, 'payment.card': `card ${p.card}`, 'customer.iban': p.iban } }, (span) => {
    span.setTag('shipping.note', `call ${p.phone} or from ${p.ip}`);
    span.setTag('http.request.headers.authorization', `Bearer ${p.token}`);
  });

  // Metric tags and event text.
  metrics.increment('orders.placed', 1, { customer: p.email, phone: p.phone });
  metrics.gauge('basket.value', 42, [`card:${p.card}`]);
  metrics.event('refund issued', `refund for ${p.email}, ssn ${p.ssn}`);

  // URLs: an auto-instrumented HTTP server and client span, with PII in the query string.
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve, reject) => {
    get(`http://127.0.0.1:${port}/reset?email=${encodeURIComponent(p.email)}&ssn=${p.ssn}&key=${p.apiKey}`, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
  server.close();

  // LLM prompt (input) and completion (output: the fake model's reply carries PII too).
  const openai = llm.instrumentOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 }));
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `I am ${p.email}, card ${p.card}, phone ${p.phone}. Where is my refund?` }],
  });
  await llm.task({ name: 'lookup-customer', input: `find ${p.email}`, metadata: { ssn: p.ssn, note: `iban ${p.iban}` } }, () => `found ${p.phone}`);

  await tracing.flush();
  await kennel.shutdown();
  console.log(JSON.stringify({ reply: completion.choices[0].message.content, status: kennel.status() }));
} catch (error) {
  console.error('scenario failed:', error);
  process.exitCode = 1;
}
