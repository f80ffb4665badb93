import { expect, test } from 'vitest';
import { generateCorpus } from '../corpus/generate.mjs';
import { score } from '../corpus/score.mjs';
import { createScrubber } from '../src/scrubber.js';

test('≥ 99 % recall and ≥ 99 % precision overall on the labelled corpus; every detector ≥ 97 %', () => {
  const samples = generateCorpus({ seed: 2024, size: 3000 });
  const { overall, perDetector, misses, falsePositives } = score(samples, createScrubber().detect);
  expect(overall.labels).toBeGreaterThan(2000);
  expect(Object.keys(perDetector).sort()).toEqual(['apiKey', 'authHeader', 'card', 'email', 'iban', 'ipv4', 'ipv6', 'jwt', 'phone', 'privateKey', 'secretValue', 'ssn', 'urlCredentials']);
  expect(overall.recall, JSON.stringify(misses.slice(0, 5))).toBeGreaterThanOrEqual(0.99);
  expect(overall.precision, JSON.stringify(falsePositives.slice(0, 5))).toBeGreaterThanOrEqual(0.99);
  for (const [detector, row] of Object.entries(perDetector)) {
    expect(row.recall, detector).toBeGreaterThanOrEqual(0.97);
    expect(row.precision, detector).toBeGreaterThanOrEqual(0.97);
  }
});

test('the corpus is deterministic for a seed and holds the tricky negatives', () => {
  const a = generateCorpus({ seed: 7, size: 200 });
  expect(generateCorpus({ seed: 7, size: 200 })).toEqual(a);
  const text = generateCorpus({ seed: 7, size: 2000 }).map((s) => s.text).join('\n');
  for (const shape of [/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/, /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/, /\bv\d+\.\d+\.\d+\b/, /ORD-\d{4}-\d{6}/, /\b[0-9a-f]{64}\b/, /\b[0-9a-f]{40}\b/, /traceparent: 00-/]) {
    expect(text).toMatch(shape);
  }
});
