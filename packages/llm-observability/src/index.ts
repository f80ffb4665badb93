/** Package name, exported so consumers and tests can check which kennel package they loaded. */
export const packageName = '@kennel/llm-observability';
export { llmObservabilityPlugin } from './plugin.js';
export { instrumentOpenAI, instrumentAnthropic } from './instrument.js';
export { LlmMetrics } from './recorder.js';
export { defaultPrices, PRICE_TABLE_DATE, PRICE_TABLE_SOURCE, findPrice, costOf } from './prices.js';
export { openAiUsage, anthropicUsage } from './usage.js';
export { discoverProfiles, DEFAULT_OLLAMA_URL } from './profiles/discovery.js';
export { selectBestProfile, defaultPolicy } from './profiles/select.js';
export type * from './types.js';
