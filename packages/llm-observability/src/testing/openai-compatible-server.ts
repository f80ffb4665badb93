import type { ServerResponse } from 'node:http';
import { countWords, type FakeServer, type RecordedRequest, sendJson, sleep, startJsonServer, startSse } from './http.js';

/**
 * A small OpenAI-wire-compatible server with canned answers, for tests and demos (no real LLM).
 * Routes: POST /v1/chat/completions (JSON or SSE; the final usage chunk when
 * `stream_options.include_usage`), POST /v1/completions, POST /v1/responses (JSON or SSE),
 * POST /v1/embeddings, GET /v1/models.
 *
 * Behaviour is picked by the requested model name:
 * - `error-<status>` answers with that HTTP status and an OpenAI error body;
 * - `flaky` fails every other request with 500 (the SDK's retry then succeeds);
 * - `slow` waits `slowFirstTokenMs` before the first byte/token;
 * - `tools` answers with a tool call to the first tool in the request;
 * - `broken-stream` sends two chunks, then drops the connection;
 * - `slow-stream` waits 50 ms between streamed chunks (time to abort mid-stream).
 * Usage: prompt tokens = words in the request messages, completion tokens = words in the reply;
 * `cachedTokens` / `reasoningTokens` are reported in the usage details (included in the totals, as OpenAI does).
 */
export interface OpenAICompatibleServerOptions {
  /** Canned reply. @default "Hello from the kennel test model." */
  reply?: string;
  /** Models listed at /v1/models. @default ['kennel-test-model'] */
  models?: string[];
  /** @default 200 */
  slowFirstTokenMs?: number;
  /** Cached prompt tokens to report. @default 0 */
  cachedTokens?: number;
  /** Reasoning tokens to report. @default 0 */
  reasoningTokens?: number;
  /** Delay between streamed chunks. @default 0 */
  chunkDelayMs?: number;
}

export interface OpenAICompatibleServer extends FakeServer {
  /** Base URL for the `openai` client: `http://127.0.0.1:<port>/v1`. */
  readonly baseURL: string;
}

type Json = Record<string, any>;

export async function startOpenAICompatibleServer(options: OpenAICompatibleServerOptions = {}): Promise<OpenAICompatibleServer> {
  const reply = options.reply ?? 'Hello from the kennel test model.';
  const models = options.models ?? ['kennel-test-model'];
  let flakyCount = 0;
  const server = await startJsonServer(async (req, res) => {
    const body = (req.body ?? {}) as Json;
    const model = typeof body.model === 'string' ? body.model : models[0];
    if (req.method === 'GET' && req.path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'kennel' })) });
    }
    if (req.method !== 'POST') return sendJson(res, 404, { error: { message: `no route ${req.method} ${req.path}`, type: 'invalid_request_error' } });
    const errorStatus = /^error-(\d{3})$/.exec(model ?? '')?.[1];
    if (errorStatus) return sendError(res, Number(errorStatus));
    if (model === 'flaky' && flakyCount++ % 2 === 0) return sendError(res, 500);
    if (model === 'slow') await sleep(options.slowFirstTokenMs ?? 200);

    const promptTokens = countWords(JSON.stringify(body.messages ?? body.input ?? body.prompt ?? '').replace(/[{}[\]",:]/g, ' '));
    const usage = chatUsage(promptTokens, countWords(reply), options);
    switch (req.path) {
      case '/v1/chat/completions':
        return body.stream ? streamChat(res, body, model ?? '', reply, usage, options) : sendJson(res, 200, chatCompletion(body, model ?? '', reply, usage));
      case '/v1/completions':
        return body.stream
          ? streamChat(res, body, model ?? '', reply, usage, options, true)
          : sendJson(res, 200, { id: 'cmpl-kennel', object: 'text_completion', created: now(), model, choices: [{ index: 0, text: reply, finish_reason: 'stop' }], usage });
      case '/v1/embeddings':
        return sendJson(res, 200, embeddings(body, model ?? ''));
      case '/v1/responses':
        return body.stream ? streamResponse(res, model ?? '', reply, promptTokens, options) : sendJson(res, 200, response(model ?? '', reply, promptTokens, options));
      default:
        return sendJson(res, 404, { error: { message: `no route POST ${req.path}`, type: 'invalid_request_error' } });
    }
  });
  return { ...server, baseURL: `${server.origin}/v1` };
}

function sendError(res: ServerResponse, status: number): void {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : status === 401 ? 'invalid_api_key' : 'invalid_request_error';
  sendJson(res, status, { error: { message: `kennel test server: simulated ${status}`, type, code: type, param: null } }, status === 429 ? { 'retry-after-ms': '10' } : {});
}

function chatUsage(prompt: number, completion: number, options: OpenAICompatibleServerOptions): Json {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion + (options.reasoningTokens ?? 0),
    total_tokens: prompt + completion + (options.reasoningTokens ?? 0),
    prompt_tokens_details: { cached_tokens: options.cachedTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: options.reasoningTokens ?? 0 },
  };
}

function toolCallFor(body: Json): Json | undefined {
  const tool = Array.isArray(body.tools) ? body.tools[0] : undefined;
  const name = tool?.function?.name ?? tool?.name;
  return name ? { id: 'call_kennel_1', type: 'function', function: { name, arguments: '{"city":"Paris"}' } } : undefined;
}

function chatCompletion(body: Json, model: string, reply: string, usage: Json): Json {
  const toolCall = model === 'tools' ? toolCallFor(body) : undefined;
  const message = toolCall ? { role: 'assistant', content: null, tool_calls: [toolCall] } : { role: 'assistant', content: reply };
  return { id: 'chatcmpl-kennel', object: 'chat.completion', created: now(), model, choices: [{ index: 0, message, finish_reason: toolCall ? 'tool_calls' : 'stop' }], usage };
}

async function streamChat(res: ServerResponse, body: Json, model: string, reply: string, usage: Json, options: OpenAICompatibleServerOptions, legacy = false): Promise<void> {
  const send = startSse(res);
  const base = { id: 'chatcmpl-kennel', object: legacy ? 'text_completion' : 'chat.completion.chunk', created: now(), model };
  const words = reply.split(' ');
  const toolCall = model === 'tools' ? toolCallFor(body) : undefined;
  const choice = (delta: Json, finish: string | null = null) => (legacy ? { index: 0, text: delta.content ?? '', finish_reason: finish } : { index: 0, delta, finish_reason: finish });
  if (!legacy) send({ ...base, choices: [choice({ role: 'assistant', content: '' })] });
  if (toolCall) {
    send({ ...base, choices: [choice({ tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.function.name, arguments: '' } }] })] });
    send({ ...base, choices: [choice({ tool_calls: [{ index: 0, function: { arguments: toolCall.function.arguments } }] })] });
  } else {
    for (const [i, word] of words.entries()) {
      if (model === 'broken-stream' && i === 2) return void res.destroy();
      send({ ...base, choices: [choice({ content: i === 0 ? word : ` ${word}` })] });
      const delay = model === 'slow-stream' ? 50 : options.chunkDelayMs;
      if (delay) await sleep(delay);
    }
  }
  send({ ...base, choices: [choice({}, toolCall ? 'tool_calls' : 'stop')] });
  if (body.stream_options?.include_usage) send({ ...base, choices: [], usage });
  send('[DONE]');
  res.end();
}

function embeddings(body: Json, model: string): Json {
  const inputs: string[] = Array.isArray(body.input) ? body.input : [String(body.input ?? '')];
  const dims = typeof body.dimensions === 'number' ? body.dimensions : 8;
  const tokens = inputs.reduce((n, t) => n + countWords(String(t)), 0);
  return {
    object: 'list',
    model,
    data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: Array.from({ length: dims }, (_, i) => ((String(text).length + i) % 10) / 10) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

function response(model: string, reply: string, promptTokens: number, options: OpenAICompatibleServerOptions): Json {
  const output = countWords(reply) + (options.reasoningTokens ?? 0);
  return {
    id: 'resp_kennel',
    object: 'response',
    created_at: now(),
    status: 'completed',
    model,
    output: [{ type: 'message', id: 'msg_kennel', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: reply, annotations: [] }] }],
    usage: {
      input_tokens: promptTokens,
      input_tokens_details: { cached_tokens: options.cachedTokens ?? 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: options.reasoningTokens ?? 0 },
      total_tokens: promptTokens + output,
    },
  };
}

async function streamResponse(res: ServerResponse, model: string, reply: string, promptTokens: number, options: OpenAICompatibleServerOptions): Promise<void> {
  const send = startSse(res);
  const final = response(model, reply, promptTokens, options);
  let seq = 0;
  send({ type: 'response.created', sequence_number: seq++, response: { ...final, status: 'in_progress', output: [], usage: null } }, 'response.created');
  for (const word of reply.split(' ')) send({ type: 'response.output_text.delta', sequence_number: seq++, item_id: 'msg_kennel', output_index: 0, content_index: 0, delta: `${word} ` }, 'response.output_text.delta');
  send({ type: 'response.completed', sequence_number: seq++, response: final }, 'response.completed');
  res.end();
}

const now = () => Math.floor(Date.now() / 1000);

export type { RecordedRequest };
