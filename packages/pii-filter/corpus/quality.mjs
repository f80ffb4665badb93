// Prints recall and precision per detector on the generated corpus: `pnpm --filter @kennel/pii-filter quality`.
import { createScrubber } from '../dist/index.js';
import { generateCorpus } from './generate.mjs';
import { score } from './score.mjs';

const size = Number(process.env.CORPUS_SIZE ?? 4000);
const samples = generateCorpus({ seed: Number(process.env.CORPUS_SEED ?? 42), size });
const { perDetector, overall, misses, falsePositives } = score(samples, createScrubber().detect);

const pct = (x) => `${(x * 100).toFixed(2)}%`.padStart(8);
console.log(`corpus: ${samples.length} samples, ${(samples.reduce((a, s) => a + s.text.length, 0) / 1e6).toFixed(2)} MB, ${overall.labels} planted values`);
console.log(`${'detector'.padEnd(16)}${'labels'.padStart(8)}${'recall'.padStart(9)}${'findings'.padStart(10)}${'precision'.padStart(11)}`);
for (const [d, r] of Object.entries(perDetector)) {
  console.log(`${d.padEnd(16)}${String(r.labels).padStart(8)} ${pct(r.recall)}${String(r.findings).padStart(10)}   ${pct(r.precision)}`);
}
console.log(`${'overall'.padEnd(16)}${String(overall.labels).padStart(8)} ${pct(overall.recall)}${String(overall.findings).padStart(10)}   ${pct(overall.precision)}`);
const show = (title, list) => {
  if (list.length === 0) return;
  console.log(`\n${title} (first 10 of ${list.length}):`);
  for (const m of list.slice(0, 10)) console.log(`  ${m.detector}: ${JSON.stringify(m.value)}  in  ${JSON.stringify(m.text.slice(0, 160))}`);
};
show('missed', misses);
show('false positives', falsePositives);
