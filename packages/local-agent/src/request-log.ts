import type { RecordedRequest, StoredSpan } from './types.js';

/** What a logged request was, for the `/test/session/*` views. */
export type RequestKind = 'traces' | 'stats' | 'telemetry' | 'llmobs' | 'profile' | 'evp' | 'other' | 'session-start';

/** A logged request: the public view plus the raw body and, for trace payloads, the spans it carried. */
export interface LoggedRequest extends RecordedRequest {
  kind: RequestKind;
  raw: Buffer;
  spans?: StoredSpan[];
}

/**
 * The intake requests in arrival order, bounded by count and by raw body bytes (oldest evicted first).
 * Backs `/api/requests` and the ddapm-test-agent compatible session views.
 */
export class RequestLog {
  #entries: LoggedRequest[] = [];
  #bytes = 0;
  #seq = 0;
  #dropped = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get dropped(): number {
    return this.#dropped;
  }

  get size(): number {
    return this.#entries.length;
  }

  add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const logged: LoggedRequest = { ...entry, seq: ++this.#seq };
    this.#entries.push(logged);
    this.#bytes += logged.raw.length;
    let evict = 0;
    while (this.#entries.length - evict > this.maxEntries || (this.#bytes > this.maxBytes && this.#entries.length - evict > 1)) {
      this.#bytes -= (this.#entries[evict] as LoggedRequest).raw.length;
      evict++;
    }
    if (evict > 0) {
      this.#entries = this.#entries.slice(evict);
      this.#dropped += evict;
    }
    return logged;
  }

  entries(): readonly LoggedRequest[] {
    return this.#entries;
  }

  /** Keeps only the entries `keep` accepts. */
  retain(keep: (entry: LoggedRequest) => boolean): void {
    this.#entries = this.#entries.filter(keep);
    this.#bytes = this.#entries.reduce((sum, entry) => sum + entry.raw.length, 0);
  }

  clear(): void {
    this.#entries = [];
    this.#bytes = 0;
    this.#dropped = 0;
  }
}

/** The public view of a logged request (no raw body, no span references). */
export function publicView({ raw: _raw, spans: _spans, kind: _kind, ...view }: LoggedRequest): RecordedRequest {
  return view;
}
