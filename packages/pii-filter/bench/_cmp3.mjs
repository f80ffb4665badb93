import { createScrubber, DETECTORS } from '../dist/index.js';
import { generateCorpus } from '../corpus/generate.mjs';
const lines = generateCorpus({ seed: 1, size: 4000 }).map((s) => s.text);
const bytes = lines.reduce((a, l) => a + l.length, 0);
const off = Object.fromEntries(DETECTORS.map((d) => [d, false]));
const fns = { none: createScrubber({ detectors: off }).detect, all: createScrubber().detect };
for (const d of DETECTORS) fns[d] = createScrubber({ detectors: { ...off, [d]: true } }).detect;
const best = {};
for (let round = 0; round < 5; round++) for (const [n, fn] of Object.entries(fns)) {
  const t = process.cpuUsage(); for (let x = 0; x < 2; x++) for (const l of lines) fn(l); const u = process.cpuUsage(t);
  const v = (bytes * 2 / 1e6) / ((u.user + u.system) / 1e6); best[n] = Math.max(best[n] ?? 0, v);
}
console.log(Object.fromEntries(Object.entries(best).map(([a, b]) => [a, b.toFixed(0)])));
