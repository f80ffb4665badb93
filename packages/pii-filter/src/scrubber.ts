import { keyMatcher } from './keys.js';
import { LABELS, pseudonym, replacement } from './modes.js';
import { Findings } from './findings.js';
import { DROP, type Dropped, walk, type Walker } from './object.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { scan } from './scan.js';
import type { DetectorName, Finding, PiiFilterOptions, Scrubber, ScrubMode } from './types.js';

const REDACTED = '[REDACTED]';

/** Builds the pure, synchronous scrubbing functions from options (validated once, here). */
export function createScrubber(options: PiiFilterOptions = {}): Scrubber {
  const o = resolveOptions(options);
  const isSensitiveKey = keyMatcher(o.keyNames);
  const modeOf = (detector: string): ScrubMode => o.modes[detector] ?? o.mode;
  const labelOf = new Map<string, string>([...Object.entries(LABELS), ...o.custom.map((d) => [d.name, d.label] as const)]);
  const hasAllow = o.allowExact.size > 0 || o.allowPatterns.length > 0;

  const allowed = (f: Finding) => o.allowExact.has(f.value) || o.allowPatterns.some((r) => r.test(f.value));

  const scans = Object.values(o.on).includes(true);
  /** Reused by every call; read before the next scan (user callbacks only ever see `Finding` copies). */
  const found = new Findings();
  /** Without custom detectors or an allow list, scrubbing reads the scan's findings directly, no objects. */
  const plain = o.custom.length === 0 && !hasAllow;
  /** Redact-mode replacements do not depend on the value: built once, not per finding. */
  const fixedText = new Map([...labelOf].filter(([d]) => modeOf(d) === 'redact').map(([d, label]) => [d, `[${label}]`]));

  function detect(text: string): Finding[] {
    let list = scans && scan(text, o.on, found) > 0 ? found.toArray(text) : [];
    if (o.custom.length > 0) list = mergeCustom(text, list, o);
    return hasAllow ? list.filter((f) => !allowed(f)) : list;
  }

  function replacementFor(detector: string, value: string): string | Dropped {
    const mode = modeOf(detector);
    return mode === 'drop' ? DROP : replacement(mode, detector, labelOf.get(detector) ?? 'REDACTED', value, o.salt);
  }

  function scrubText(text: string): string | Dropped {
    const n = plain ? (scans ? scan(text, o.on, found) : 0) : found.fill(detect(text));
    if (n === 0) return text;
    let out = '';
    let last = 0;
    for (let k = 0; k < n; k++) {
      const detector = found.detectors[k]!;
      const start = found.starts[k]!;
      const end = found.ends[k]!;
      const replaced = fixedText.get(detector) ?? replacementFor(detector, text.slice(start, end));
      if (replaced === DROP) return DROP;
      out += text.slice(last, start) + replaced;
      last = end;
    }
    return out + text.slice(last);
  }

  /** A sensitive key's value goes whole, whatever it is. */
  function sensitiveValue(value: unknown): unknown {
    if (o.mode === 'drop') return DROP;
    if (o.mode === 'hash') return `[REDACTED:${pseudonym(o.salt!, 'key', typeof value === 'string' ? value : safeJson(value))}]`;
    return REDACTED;
  }

  const walker: Walker = { text: scrubText, isSensitiveKey, sensitiveValue, maxDepth: o.maxDepth };
  const orNull = <T>(v: T | Dropped): T | null => (v === DROP ? null : v);

  return {
    detect,
    isSensitiveKey,
    scrubString: (text) => orNull(scrubText(text)),
    scrubObject: <T>(value: T) => orNull(walk(walker, value, 0, new Set())) as T,
    scrubTag: (value, key) => orNull(isSensitiveKey(key) ? (sensitiveValue(value) as string | Dropped) : scrubText(value)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Custom detectors run as one regex pass each (skipped when `contains` is absent); built-in findings win overlaps. */
function mergeCustom(text: string, builtIn: Finding[], o: ResolvedOptions): Finding[] {
  const extra: Finding[] = [];
  for (const d of o.custom) {
    if (d.contains !== undefined && !text.includes(d.contains)) continue;
    d.pattern.lastIndex = 0;
    for (let m = d.pattern.exec(text); m !== null; m = d.pattern.exec(text)) {
      if (m[0].length === 0) {
        d.pattern.lastIndex++;
        continue;
      }
      if (d.validate === undefined || d.validate(m[0])) extra.push({ detector: d.name, start: m.index, end: m.index + m[0].length, value: m[0] });
    }
  }
  if (extra.length === 0) return builtIn;
  const all = [...builtIn, ...extra].sort((a, b) => a.start - b.start || (isBuiltIn(b) ? 1 : 0) - (isBuiltIn(a) ? 1 : 0));
  const out: Finding[] = [];
  for (const f of all) {
    const prev = out[out.length - 1];
    if (prev === undefined || f.start >= prev.end) out.push(f);
  }
  return out;
}

const builtInNames = new Set<string>(Object.keys(LABELS));
const isBuiltIn = (f: Finding) => builtInNames.has(f.detector as DetectorName);
