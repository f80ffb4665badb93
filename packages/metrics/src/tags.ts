import type { HookBus } from '@kennel/core';
import { formatTag, normaliseTagKey } from './names.js';
import type { MetricTags } from './types.js';

/** Upper bound on cached formatted tags across all keys, so memory stays bounded whatever callers send. */
const CACHE_LIMIT = 50_000;

export interface TagFormatterOptions {
  hooks: HookBus;
  /** Distinct values per key before the high-cardinality warning. */
  maxTagValues: number;
  warnOnce(key: string, message: string, fields?: Record<string, unknown>): void;
}

/**
 * Turns tags into the comma-joined DogStatsD form. Each distinct key and `key:value` is normalised
 * and scrubbed (core `preTag` hook, only when a handler is registered) once, then served from a
 * cache: the hot path is a Map lookup and a string concatenation per tag. The cache doubles as the
 * high-cardinality guard (distinct values per key) and is cleared when the set of scrubbers changes.
 */
export class TagFormatter {
  private readonly keys = new Map<string, string | null>();
  private readonly values = new Map<string, Map<string, string | null>>();
  private readonly pairs = new Map<string, string | null>();
  private cached = 0;
  private hooked: boolean;
  private dropped = 0;

  constructor(private readonly options: TagFormatterOptions) {
    this.hooked = options.hooks.has('preTag');
    // Cached formats were scrubbed by the scrubbers of their time: any scrubber added or removed
    // (during other plugins' setup, or by the app later) drops them.
    options.hooks.on('onHandlers', (name) => {
      if (name === 'preTag') this.clear();
    });
  }

  /**
   * Changes whenever cached formats are dropped (the set of scrubbers changed), so caches built
   * on top of `format()` know to drop theirs too.
   */
  get generation(): number {
    return this.dropped;
  }

  /** Comma-joined tags, '' when there are none. */
  format(tags: MetricTags): string {
    let out = '';
    if (Array.isArray(tags)) {
      for (let i = 0; i < tags.length; i++) {
        const tag = this.fromString(tags[i] as string);
        if (tag !== null) out = out === '' ? tag : `${out},${tag}`;
      }
    } else {
      const record = tags as Readonly<Record<string, string | number | boolean>>;
      for (const key in record) {
        const tag = this.pair(key, record[key]!);
        if (tag !== null) out = out === '' ? tag : `${out},${tag}`;
      }
    }
    return out;
  }

  private fromString(raw: string): string | null {
    const hit = this.pairs.get(raw);
    if (hit !== undefined) return hit;
    const text = String(raw);
    const at = text.indexOf(':');
    const tag = at === -1 ? this.pair(text, '') : this.pair(text.slice(0, at), text.slice(at + 1));
    if (this.cached < CACHE_LIMIT) {
      this.pairs.set(raw, tag);
      this.cached++;
    }
    return tag;
  }

  private pair(rawKey: string, rawValue: string | number | boolean): string | null {
    let key = this.keys.get(rawKey);
    if (key === undefined) {
      key = normaliseTagKey(rawKey) ?? null;
      if (key === null) this.options.warnOnce(`tag-key:${rawKey}`, `tag key ${JSON.stringify(rawKey)} has no letter to start with; the tag is dropped (Datadog tag keys start with a letter)`);
      if (this.cached < CACHE_LIMIT) {
        this.keys.set(rawKey, key);
        this.cached++;
      }
    }
    if (key === null) return null;
    const value = typeof rawValue === 'string' ? rawValue : String(rawValue);
    let byValue = this.values.get(key);
    const hit = byValue?.get(value);
    if (hit !== undefined) return hit;

    const scrubbed = this.hooked ? this.options.hooks.apply('preTag', value, key, 'metric.tag') : value;
    const tag = scrubbed === null ? null : formatTag(key, String(scrubbed));
    if (byValue === undefined) this.values.set(key, (byValue = new Map()));
    if (byValue.size >= this.options.maxTagValues) {
      this.options.warnOnce(
        `cardinality:${key}`,
        `tag "${key}" has more than ${this.options.maxTagValues} distinct values (KENNEL_METRICS_MAX_TAG_VALUES / metrics.maxTagValues): every value is a new custom-metric context in Datadog; consider a lower-cardinality tag`,
        { tag: key, limit: this.options.maxTagValues },
      );
    } else if (this.cached < CACHE_LIMIT) {
      byValue.set(value, tag);
      this.cached++;
    }
    return tag;
  }

  /** Drops every cached format (a `preTag` scrubber was added or removed) and notes whether one is left. */
  private clear(): void {
    this.dropped++;
    this.hooked = this.options.hooks.has('preTag');
    this.keys.clear();
    this.values.clear();
    this.pairs.clear();
    this.cached = 0;
  }
}
