// Span helpers for every kind, sync / async / streaming, and an unknown model's cost warning.
import { report, startKennel } from './kennel.mjs';

await report(async () => {
  const kennel = await startKennel();
  const llm = kennel.get('llm-observability');
  const out = {};
  await llm.withLlmContext({ sessionId: 'chat-9', userId: 'u-1' }, () =>
    llm.agent({ name: 'support-agent', input: 'Where is my parcel?' }, async () => {
      const docs = llm.retrieval('search-orders', (span) => {
        span.annotate({ output: [{ text: 'order 1 shipped', id: 'o1', score: 0.9 }] });
        return ['order 1 shipped'];
      });
      out.syncResult = docs.length;
      llm.embedding({ name: 'embed-query', modelName: 'text-embedding-3-small', modelProvider: 'openai' }, (span) => {
        span.annotate({ input: [{ text: 'parcel' }], output: '[1 embedding]', usage: { inputTokens: 1 } });
      });
      out.toolResult = await llm.tool('track-parcel', async () => ({ status: 'in transit' }));
      const words = [];
      for await (const word of llm.traceStream('llm', { name: 'local-model', modelName: 'my-local-model', modelProvider: 'custom' }, (span) =>
        (async function* () {
          span.annotate({ input: [{ role: 'user', content: 'hi' }] });
          yield 'Hel';
          yield 'lo';
          span.annotate({ output: [{ role: 'assistant', content: 'Hello' }], usage: { inputTokens: 3, outputTokens: 2 } });
        })(),
      ))
        words.push(word);
      out.streamed = words.join('');
      try {
        await llm.task('failing-task', async () => {
          throw new TypeError('task broke');
        });
      } catch (error) {
        out.rethrown = error instanceof TypeError && error.message === 'task broke';
      }
      return 'It is in transit.';
    }),
  );
  await kennel.shutdown();
  return out;
});
