/** The local agent's JSON API paths the daemon reads (see @kennel/local-agent). */
export const agentPaths = {
  spans: '/api/spans',
  metrics: '/api/metrics',
  aggregated: '/api/metrics/aggregated',
  events: '/api/events',
  summary: '/api/summary',
  reset: '/api/reset',
  stream: '/api/stream',
} as const;

export type AgentReply = { reachable: true; status: number; body: unknown } | { reachable: false; error: string };

const TIMEOUT_MS = 2000;

/** A small client for the agent's JSON API; never throws, an unreachable agent is a value. */
export function createAgentClient(baseUrl: string) {
  const call = async (path: string, init: RequestInit = {}): Promise<AgentReply> => {
    try {
      const res = await fetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON: pass the text through */
      }
      return { reachable: true, status: res.status, body };
    } catch (error) {
      return { reachable: false, error: (error as Error).cause ? String((error as Error).cause) : (error as Error).message };
    }
  };
  return {
    baseUrl,
    get: (path: string) => call(path),
    post: (path: string) => call(path, { method: 'POST' }),
    /** True when the agent answers at all. */
    reachable: async () => (await call(agentPaths.summary)).reachable,
  };
}

/**
 * Keeps the daemon's own calls to the agent's JSON API out of its traces: a status poll would
 * otherwise produce a span per call, shown on the page, that produces another poll, and so on.
 */
export function untraceAgentCalls(tracer: unknown, baseUrl: string): void {
  const use = (tracer as { use?: (plugin: string, config: unknown) => unknown } | undefined)?.use;
  try {
    use?.call(tracer, 'fetch', { blocklist: [(uri: string) => uri.startsWith(baseUrl)] });
  } catch {
    /* an older tracer without the option: the calls are traced, nothing breaks */
  }
}

export type AgentClient = ReturnType<typeof createAgentClient>;
