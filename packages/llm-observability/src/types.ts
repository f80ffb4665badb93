/**
 * Public types of @kennel/llm-observability. No dd-trace, openai or Anthropic SDK types leak here:
 * provider clients are typed structurally and spans are opaque handles.
 */

/** Datadog LLM Observability span kinds kennel exposes. */
export type LlmSpanKind = 'workflow' | 'task' | 'agent' | 'tool' | 'llm' | 'embedding' | 'retrieval';

/** `full` keeps prompts/completions (scrubbed by pii-filter when installed); `metadata-only` drops them but keeps model, tokens, cost. */
export type ContentMode = 'full' | 'metadata-only';

/** Token counts normalised across providers (see README "Tokens"). */
export interface TokenUsage {
  /** Every input token, including cache reads and cache writes. */
  inputTokens?: number;
  /** Every output token, including reasoning tokens. */
  outputTokens?: number;
  /** Input tokens served from the provider's prompt cache (part of inputTokens). */
  cacheReadTokens?: number;
  /** Input tokens written to the provider's prompt cache (part of inputTokens; Anthropic). */
  cacheWriteTokens?: number;
  /** Output tokens spent on reasoning (part of outputTokens). */
  reasoningTokens?: number;
  totalTokens?: number;
}

/** A chat message as LLM Observability shows it. */
export interface LlmMessage {
  role?: string;
  content?: string;
  toolCalls?: Array<{ name?: string; arguments?: unknown; toolId?: string; type?: string }>;
  toolResults?: Array<{ name?: string; result?: string; toolId?: string; type?: string }>;
}

/** A document for embedding input / retrieval output. */
export interface LlmDocument {
  text?: string;
  name?: string;
  id?: string;
  score?: number;
}

export type LlmIO = string | LlmMessage | LlmMessage[] | LlmDocument[] | Record<string, unknown> | unknown[];

/** What can be recorded on a span while it runs. */
export interface LlmAnnotation {
  input?: LlmIO;
  output?: LlmIO;
  modelName?: string;
  modelProvider?: string;
  usage?: TokenUsage;
  /** Custom metadata (scrubbed through the `llm.metadata` channel). */
  metadata?: Record<string, unknown>;
  /** LLM Observability tags (`key:value` filters in the UI). */
  tags?: Record<string, string>;
  /** Model that actually answered (`gen_ai.response.model`). */
  responseModel?: string;
  /** `gen_ai.response.finish_reasons`. */
  finishReasons?: string[];
}

export interface LlmSpanOptions {
  /** Span name; defaults to the kind. */
  name?: string;
  modelName?: string;
  modelProvider?: string;
  /** Overrides the session id from `withLlmContext`. */
  sessionId?: string;
  /** Profile name for metric tags (see LLM profiles). */
  profile?: string;
  /** Annotated at start. */
  input?: LlmIO;
  metadata?: Record<string, unknown>;
}

/** The span handle helpers pass to your callback. All methods are safe no-ops when tracing is off. */
export interface LlmSpan {
  readonly kind: LlmSpanKind;
  annotate(annotation: LlmAnnotation): void;
  /** `{ traceId, spanId }` for evaluations/feedback; undefined without an LLM Observability span. */
  exportSpan(): { traceId: string; spanId: string } | undefined;
}

/** Request-scoped identity every LLM span and metric made inside `withLlmContext` carries. */
export interface LlmRequestContext {
  sessionId?: string;
  userId?: string;
  /** Profile name for metric tags of calls made in this scope. */
  profile?: string;
}

/** Per-model prices in USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Cache reads; defaults to `input`. */
  cachedInput?: number;
  /** Cache writes (Anthropic); defaults to `input`. */
  cacheWrite?: number;
}

/** `{ provider: { modelOrPrefix: price } }`; model lookup is exact first, then the longest matching prefix. */
export type PriceTable = Readonly<Record<string, Readonly<Record<string, ModelPrice>>>>;

export interface InstrumentOptions {
  /** Profile name for metric tags of this client's calls. */
  profile?: string;
  /** Provider name for tags (e.g. `ollama` for an OpenAI client pointed at Ollama). Default: from the client. */
  provider?: string;
}

export type ProfileLocality = 'local' | 'remote';
export type ProfileCapability = 'chat' | 'embeddings' | 'tools' | 'streaming' | 'vision';

/** A way to reach an LLM. Never holds a secret: credentials are named by env var. */
export interface LlmProfileConfig {
  name: string;
  /** `openai`, `anthropic`, `ollama`, `openai-compatible`, … */
  provider: string;
  baseUrl?: string;
  models?: string[];
  locality?: ProfileLocality;
  capabilities?: ProfileCapability[];
  /** Name of the env var holding the API key (the key itself never enters kennel's config or logs). */
  credentialsEnv?: string;
}

export interface LlmProfile extends Required<Omit<LlmProfileConfig, 'baseUrl' | 'credentialsEnv'>> {
  baseUrl: string | undefined;
  credentialsEnv: string | undefined;
  /** Where the profile came from. */
  source: 'config' | 'ollama' | 'openai-compatible' | 'env';
  healthy: boolean;
  /** Probe round trip, when probed. */
  probeMs?: number;
  /** What went wrong (timeout, HTTP 500, invalid JSON, missing key…); present when unhealthy. */
  finding?: string;
}

/** How the best profile is chosen. The default prefers a healthy local runtime, then a hosted provider. */
export interface ProfilePolicy {
  /** Locality preference, first wins. @default ['local', 'remote'] */
  localityOrder?: ProfileLocality[];
  /** Provider preference within a locality, first wins; unlisted providers come after. @default [] */
  providerOrder?: string[];
  /** Profiles lacking any of these are not eligible. @default ['chat'] */
  requireCapabilities?: ProfileCapability[];
  /** Whether an unhealthy profile may be chosen when nothing is healthy. @default false */
  allowUnhealthy?: boolean;
}

export interface DiscoveryOptions {
  /** Profiles from config; probed when they have a base URL. */
  profiles?: LlmProfileConfig[];
  /** Ollama base URL; `false` skips it. @env OLLAMA_HOST @default "http://127.0.0.1:11434" */
  ollamaUrl?: string | false;
  /** OpenAI-compatible servers to probe at `<url>/v1/models`. @env KENNEL_LLM_OPENAI_COMPATIBLE_URLS (comma-separated) */
  openaiCompatibleUrls?: string[];
  /** Per-probe timeout. @env KENNEL_LLM_PROBE_TIMEOUT_MS @default 1000 */
  timeoutMs?: number;
  /** Environment read for API-key presence (values are never read beyond "is it set"). @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Injectable for tests. @default globalThis.fetch */
  fetch?: typeof fetch;
}

export interface ProfileChoice {
  best: LlmProfile | undefined;
  /** Eligible profiles, best first. */
  ranked: LlmProfile[];
  /** One line per profile: why it ranks where it does or why it is not eligible. */
  reasons: string[];
}

export interface ProfileBootstrapResult extends ProfileChoice {
  profiles: LlmProfile[];
  totalAvailable: number;
}

/** Options of `llmObservabilityPlugin()`. Config-level switches (ml app, agentless) live in `config.llmobs`. */
export interface LlmObservabilityOptions {
  /** @env KENNEL_LLM_CONTENT @default "full" */
  content?: ContentMode;
  /** Merged over the shipped price table (per provider, per model). */
  prices?: PriceTable;
  /** Profile discovery defaults for `bootstrapProfiles()`. */
  discovery?: DiscoveryOptions;
  policy?: ProfilePolicy;
  /** A dd-trace tracer to use when the `tracing` plugin is not installed (typed loosely to keep dd-trace types out). */
  tracer?: unknown;
}

export interface LlmObservabilityApi {
  /** True when LLM Observability spans are being produced (tracing present and llmobs enabled). */
  readonly spansEnabled: boolean;
  readonly contentMode: ContentMode;
  /** Instruments an `openai` client in place (idempotent) and returns it. */
  instrumentOpenAI<T extends object>(client: T, options?: InstrumentOptions): T;
  /** Instruments an `@anthropic-ai/sdk` client in place (idempotent) and returns it. */
  instrumentAnthropic<T extends object>(client: T, options?: InstrumentOptions): T;

  /** Runs `fn` in a span of `kind`; sync or async; a throw marks the span as errored and is rethrown unchanged. */
  trace<T>(kind: LlmSpanKind, options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  workflow<T>(options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  task<T>(options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  agent<T>(options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  tool<T>(options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  retrieval<T>(options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  embedding<T>(options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  llm<T>(options: LlmSpanOptions | string, fn: (span: LlmSpan) => T): T;
  /** Spans an async iterable: the span ends when it is drained, aborted (`break`/`return`) or throws. */
  traceStream<T>(kind: LlmSpanKind, options: LlmSpanOptions | string, fn: (span: LlmSpan) => AsyncIterable<T>): AsyncIterable<T>;
  /** Annotates the innermost active kennel span. */
  annotate(annotation: LlmAnnotation): void;
  /** Runs `fn` with a session/user (and profile) attached to every LLM span and metric made inside. */
  withLlmContext<T>(context: LlmRequestContext, fn: () => T): T;
  /** Cost in USD for a call, or undefined when the model is not in the price table. */
  cost(provider: string, model: string, usage: TokenUsage): number | undefined;
  /** Discovers profiles, picks the best, emits the bootstrap metrics/event/log. Never rejects. */
  bootstrapProfiles(options?: DiscoveryOptions & { policy?: ProfilePolicy }): Promise<ProfileBootstrapResult>;
  /** The last bootstrap result. */
  profiles(): ProfileBootstrapResult | undefined;
  /** Sends buffered LLM Observability spans now; always resolves. */
  flush(): Promise<void>;
}

declare module '@kennel/core' {
  interface KennelPluginApis {
    'llm-observability': LlmObservabilityApi;
  }
}
