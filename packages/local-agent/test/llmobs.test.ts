import { afterAll, beforeAll, expect, test } from 'vitest';
import { startLocalAgent, type LocalAgent } from '../src/index.js';
import { runNode } from './run-node.js';

/** A workflow with a nested llm span and an evaluation, through dd-trace's LLMObs SDK in agent mode. */
const SCRIPT = `
const tracer = require('dd-trace').init({ service: 'assistant', env: 'test', llmobs: { mlApp: 'shop-assistant', agentlessEnabled: false } });
const { llmobs } = tracer;
llmobs.trace({ kind: 'workflow', name: 'answer-question' }, () => {
  llmobs.trace({ kind: 'llm', name: 'chat', modelName: 'tiny-model', modelProvider: 'kennel' }, (span) => {
    llmobs.annotate({
      inputData: [{ role: 'user', content: 'Where is my order?' }],
      outputData: [{ role: 'assistant', content: 'It ships today.' }],
      metrics: { input_tokens: 5, output_tokens: 4, total_tokens: 9 },
      tags: { conversation: 'c-1' },
    });
    llmobs.submitEvaluation(llmobs.exportSpan(span), { label: 'helpfulness', metricType: 'score', value: 0.9 });
  });
});
`;

let agent: LocalAgent;

beforeAll(async () => {
  agent = await startLocalAgent({ tracePort: 0, statsdPort: 0, log: () => {} });
});
afterAll(() => agent.close());

test('dd-trace LLMObs in agent mode sends decoded llm spans through the EVP proxy', async () => {
  const run = await runNode(SCRIPT, {
    ...agent.env,
    DD_TRACE_STARTUP_LOGS: 'false',
    DD_INSTRUMENTATION_TELEMETRY_ENABLED: 'false',
  });
  expect(run.code, run.stderr).toBe(0);

  const spans = await agent.store.waitForLlmSpans(2);
  const workflow = spans.find((s) => s.kind === 'workflow');
  const llm = spans.find((s) => s.kind === 'llm');
  expect(workflow).toMatchObject({ name: 'answer-question', ml_app: 'shop-assistant', status: 'ok', parent_id: 'undefined' });
  expect(llm).toMatchObject({ name: 'chat', ml_app: 'shop-assistant', status: 'ok', parent_id: workflow?.span_id, trace_id: workflow?.trace_id });
  expect(llm?.meta).toMatchObject({
    model_name: 'tiny-model',
    model_provider: 'kennel',
    input: { messages: [{ role: 'user', content: 'Where is my order?' }] },
    output: { messages: [{ role: 'assistant', content: 'It ships today.' }] },
  });
  expect(llm?.metrics).toMatchObject({ input_tokens: 5, output_tokens: 4, total_tokens: 9 });
  expect(llm?.tags).toEqual(expect.arrayContaining(['ml_app:shop-assistant', 'conversation:c-1', 'service:assistant', 'env:test']));

  const [evaluation] = await agent.store.waitForLlmEvaluations(1);
  expect(evaluation?.raw).toMatchObject({ label: 'helpfulness', metric_type: 'score', score_value: 0.9, ml_app: 'shop-assistant' });
  // The APM side of the same spans arrives on the trace intake too.
  const [apmChat] = await agent.store.waitForSpans((s) => s.name === 'chat');
  expect(apmChat?.span_id).toBe(llm?.span_id);
});
