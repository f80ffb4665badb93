import { createScrubber, DETECTORS } from '../dist/index.js';
import { Redactor } from '@redactpii/node';
import { generateCorpus } from '../corpus/generate.mjs';
const lines = generateCorpus({ seed: 1, size: 4000 }).map((s) => s.text);
const bytes = lines.reduce((a, l) => a + l.length, 0);
const off = Object.fromEntries(DETECTORS.map((d) => [d, false]));
const k = createScrubber(); const none = createScrubber({ detectors: off }); const r = new Redactor();
const T = new Uint16Array(65536); for (let c = 48; c < 123; c++) T[c] = 1;
function loop(s) { let n = 0; for (let i = 0; i < s.length; i++) { if (T[s.charCodeAt(i)] & 1) n++; } return n; }
const fns = { loop, none: (l) => none.scrubString(l), kennel: (l) => k.scrubString(l), redactpii: (l) => r.redact(l) };
const best = {};
for (let round = 0; round < 8; round++) for (const [n, fn] of Object.entries(fns)) {
  const t = process.cpuUsage(); for (let x = 0; x < 3; x++) for (const l of lines) fn(l); const u = process.cpuUsage(t);
  const v = (bytes * 3 / 1e6) / ((u.user + u.system) / 1e6); best[n] = Math.max(best[n] ?? 0, v);
}
console.log(Object.fromEntries(Object.entries(best).map(([a, b]) => [a, b.toFixed(0)])));
