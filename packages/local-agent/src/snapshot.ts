import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TestAgentSpan } from './test-agent-format.js';

/** Attributes ddapm-test-agent ignores by default when comparing snapshots (they change every run). */
export const DEFAULT_SNAPSHOT_IGNORES = [
  'span_id',
  'trace_id',
  'parent_id',
  'duration',
  'start',
  'metrics.system.pid',
  'metrics.system.process_id',
  'metrics.process_id',
  'metrics._dd.tracer_kr',
  'meta.runtime-id',
  'meta._dd.p.tid',
];

/** A snapshot mismatch; answered 400 with this message, like the test agent's failed assertions. */
export class SnapshotMismatchError extends Error {
  override name = 'SnapshotMismatchError';
}

type Trace = TestAgentSpan[];

/**
 * Compares the received traces with the snapshot file, or writes the file when it does not exist
 * (unless `ciMode`, where a missing file is a failure). Returns what happened.
 */
export async function snapshotTraces(file: string, received: Trace[], ignored: readonly string[], ciMode: boolean): Promise<'compared' | 'written' | 'empty'> {
  if (!existsSync(file)) {
    if (received.length === 0) return 'empty';
    if (ciMode) {
      throw new SnapshotMismatchError(`Trace snapshot file '${file}' not found; snapshots are only generated outside CI mode.`);
    }
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(normalize(received), null, 2)}\n`);
    return 'written';
  }
  const expected = JSON.parse(await readFile(file, 'utf8')) as Trace[];
  compare(normalize(expected), normalize(received), new Set(ignored));
  return 'compared';
}

/** BFS order (children by start time), trace ids renumbered by position, span ids from 1. */
export function normalize(traces: Trace[]): Trace[] {
  return traces.map((trace, traceIndex) => {
    const ordered = bfsOrder(trace);
    const ids = new Map<number | string, number>();
    return ordered.map((span, i) => {
      ids.set(span.span_id, i + 1);
      const parent = isRootId(span.parent_id) ? 0 : (ids.get(span.parent_id) ?? span.parent_id);
      return { ...span, trace_id: traceIndex, span_id: i + 1, parent_id: parent, meta: span.meta ?? {}, metrics: span.metrics ?? {} };
    });
  });
}

function bfsOrder(trace: Trace): Trace {
  const ids = new Set(trace.map((span) => String(span.span_id)));
  const isRoot = (span: TestAgentSpan) => isRootId(span.parent_id) || !ids.has(String(span.parent_id));
  const byStart = (a: TestAgentSpan, b: TestAgentSpan) => Number(a.start ?? 0) - Number(b.start ?? 0);
  const out: Trace = [];
  let level = trace.filter(isRoot).sort(byStart);
  while (level.length > 0) {
    out.push(...level);
    const parents = new Set(level.map((span) => String(span.span_id)));
    level = trace.filter((span) => !isRoot(span) && parents.has(String(span.parent_id))).sort(byStart);
  }
  return out;
}

function isRootId(id: number | string | undefined): boolean {
  return id === undefined || id === 0 || id === '0';
}

function compare(expected: Trace[], received: Trace[], ignored: Set<string>): void {
  const unmatched = [...received];
  for (const trace of expected) {
    let best = -1;
    let bestScore = -Infinity;
    unmatched.forEach((candidate, i) => {
      const score = similarity(trace, candidate);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    if (best < 0) throw new SnapshotMismatchError(`Did not receive expected traces: '${trace[0]?.name ?? '?'}'`);
    const [match] = unmatched.splice(best, 1);
    compareTrace(trace, match as Trace, ignored);
  }
  if (unmatched.length > 0) {
    throw new SnapshotMismatchError(`Received unmatched traces: ${unmatched.map((t) => `'${t[0]?.name ?? '?'}'`).join(',')}`);
  }
}

function similarity(a: Trace, b: Trace): number {
  const [ra, rb] = [a[0], b[0]];
  let score = -Math.abs(a.length - b.length);
  for (const key of ['name', 'service', 'type', 'error', 'resource'] as const) if (ra?.[key] !== rb?.[key]) score--;
  return score;
}

function compareTrace(expected: Trace, received: Trace, ignored: Set<string>): void {
  if (received.length !== expected.length) {
    const [more, fewer] = received.length > expected.length ? ['more', 'received'] : ['fewer', 'expected'];
    const extra = (received.length > expected.length ? received : expected).slice(Math.min(received.length, expected.length));
    throw new SnapshotMismatchError(
      `Received ${more} spans (${received.length}) than expected (${expected.length}). Unmatched ${fewer === 'received' ? 'received' : 'expected'} spans: ${extra.map((s) => `'${s.name}'`).join(', ')}`,
    );
  }
  expected.forEach((exp, i) => {
    const rec = received[i] as TestAgentSpan;
    const where = `span '${exp.name}' at position ${i + 1}`;
    diff(topLevel(exp), topLevel(rec), ignored, '', where);
    diff(exp.meta ?? {}, rec.meta ?? {}, ignored, 'meta.', where);
    diff(exp.metrics ?? {}, rec.metrics ?? {}, ignored, 'metrics.', where);
  });
}

function topLevel({ meta: _meta, metrics: _metrics, ...rest }: TestAgentSpan): Record<string, unknown> {
  return { ...rest, error: rest.error ?? 0, type: rest.type ?? '' };
}

function diff(expected: Record<string, unknown>, received: Record<string, unknown>, ignored: Set<string>, prefix: string, where: string): void {
  const label = prefix === '' ? 'Span' : `Span ${prefix.slice(0, -1)}`;
  for (const key of new Set([...Object.keys(expected), ...Object.keys(received)])) {
    if (ignored.has(prefix + key)) continue;
    if (!(key in expected)) throw new SnapshotMismatchError(`${where}: ${label} value '${key}' in received span but is not in the expected span.`);
    if (!(key in received)) throw new SnapshotMismatchError(`${where}: ${label} value '${key}' in expected span but is not in the received span.`);
    if (JSON.stringify(expected[key]) !== JSON.stringify(received[key])) {
      throw new SnapshotMismatchError(
        `${where}: ${prefix === '' ? 'span' : prefix.slice(0, -1)} mismatch on '${key}': got '${String(received[key])}' which does not match expected '${String(expected[key])}'.`,
      );
    }
  }
}
