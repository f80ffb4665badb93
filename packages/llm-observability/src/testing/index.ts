export { startOpenAICompatibleServer, type OpenAICompatibleServer, type OpenAICompatibleServerOptions } from './openai-compatible-server.js';
export { startAnthropicCompatibleServer, type AnthropicCompatibleServerOptions } from './anthropic-compatible-server.js';
export type { FakeServer, RecordedRequest } from './http.js';
