// Recall and precision of a detector function over the labelled corpus.
//
// A label is recalled when findings cover every character of it (a partial match still leaks).
// A finding is a true positive when it overlaps a label, whichever detector produced it (an API key
// reported as a secret value is still scrubbed); precision is per producing detector, recall per label.

/**
 * @param {import('./generate.mjs').Sample[]} samples
 * @param {(text: string) => { detector: string, start: number, end: number }[]} detect
 */
export function score(samples, detect) {
  const rows = new Map();
  const row = (d) => rows.get(d) ?? rows.set(d, { labels: 0, recalled: 0, findings: 0, truePositives: 0 }).get(d);
  const misses = [];
  const falsePositives = [];
  for (const sample of samples) {
    const findings = detect(sample.text);
    for (const label of sample.labels) {
      const r = row(label.detector);
      r.labels++;
      if (covered(label, findings)) r.recalled++;
      else misses.push({ detector: label.detector, value: label.value, text: sample.text });
    }
    for (const f of findings) {
      const r = row(f.detector);
      r.findings++;
      if (sample.labels.some((l) => f.start < l.end && l.start < f.end)) r.truePositives++;
      else falsePositives.push({ detector: f.detector, value: sample.text.slice(f.start, f.end), text: sample.text });
    }
  }
  const total = { labels: 0, recalled: 0, findings: 0, truePositives: 0 };
  for (const r of rows.values()) for (const k of Object.keys(total)) total[k] += r[k];
  const ratio = (a, b) => (b === 0 ? 1 : a / b);
  const summarise = (r) => ({ ...r, recall: ratio(r.recalled, r.labels), precision: ratio(r.truePositives, r.findings) });
  return {
    perDetector: Object.fromEntries([...rows].sort(([a], [b]) => a.localeCompare(b)).map(([d, r]) => [d, summarise(r)])),
    overall: summarise(total),
    misses,
    falsePositives,
  };
}

function covered(label, findings) {
  let pos = label.start;
  for (const f of findings) {
    if (f.start <= pos && f.end > pos) pos = f.end;
    if (pos >= label.end) return true;
  }
  return pos >= label.end;
}
