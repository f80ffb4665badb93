// kennel vs redact-pii vs @redactpii/node on the same generated corpus (per-line calls, like a log
// pipeline), kennel scrubObject vs fast-redact on nested records, and the 1 MiB adversarial input.
// Run: pnpm --filter @kennel/pii-filter bench   (after `pnpm build`)
import os from 'node:os';
import { Redactor } from '@redactpii/node';
import fastRedact from 'fast-redact';
import { SyncRedactor } from 'redact-pii';
import { createScrubber } from '../dist/index.js';
import { adversarialInput, generateCorpus } from '../corpus/generate.mjs';

const BUDGET_MS = Number(process.env.BENCH_MS ?? 1500);
const samples = generateCorpus({ seed: 1, size: 4000 });
const lines = samples.map((s) => s.text);
const bytes = lines.reduce((a, l) => a + Buffer.byteLength(l), 0);

/** Runs `fn` over every line until the time budget is spent; returns MB/s. */
function throughput(fn) {
  for (let k = 0; k < 200; k++) fn(lines[k]); // warm up
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    for (let k = 0; k < lines.length; k++) fn(lines[k]);
    rounds++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < BUDGET_MS);
  return (bytes * rounds) / 1e6 / (elapsed / 1e3);
}

/** Output-based quality, the same for every library: planted values left in the output, clean lines altered. */
function quality(fn) {
  let planted = 0;
  let leaked = 0;
  let clean = 0;
  let altered = 0;
  for (const s of samples) {
    const out = fn(s.text) ?? '';
    if (s.labels.length === 0) {
      clean++;
      if (out !== s.text) altered++;
    }
    for (const l of s.labels) {
      planted++;
      if (out.includes(l.value)) leaked++;
    }
  }
  return { recall: 1 - leaked / planted, cleanKept: 1 - altered / clean };
}

const kennel = createScrubber();
const redactPii = new SyncRedactor();
const redactpiiNode = new Redactor();
const contenders = [
  ['kennel scrubString', (t) => kennel.scrubString(t)],
  ['@redactpii/node 1.0.17', (t) => redactpiiNode.redact(t)],
  ['redact-pii 3.4.0', (t) => redactPii.redact(t)],
];

const pct = (x) => `${(x * 100).toFixed(1)}%`;
console.log(`machine: Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${os.platform()} ${os.arch()}`);
console.log(`corpus: ${lines.length} lines, ${(bytes / 1e6).toFixed(2)} MB, ${samples.reduce((a, s) => a + s.labels.length, 0)} planted values\n`);
console.log(`${'text scrubbing'.padEnd(26)}${'MB/s'.padStart(8)}${'kennel ×'.padStart(10)}${'recall'.padStart(9)}${'clean lines kept'.padStart(18)}`);
const results = contenders.map(([name, fn]) => ({ name, mbps: throughput(fn), ...quality(fn) }));
for (const r of results) {
  const ratio = results[0].mbps / r.mbps;
  console.log(`${r.name.padEnd(26)}${r.mbps.toFixed(1).padStart(8)}${(r === results[0] ? '—' : `${ratio.toFixed(1)}×`).padStart(10)}${pct(r.recall).padStart(9)}${pct(r.cleanKept).padStart(18)}`);
}

// Key-based object redaction: nested log records, redact + JSON.stringify (what a logger does).
const records = Array.from({ length: 2000 }, (_, k) => ({
  level: 30,
  time: 1_700_000_000_000 + k,
  msg: 'request completed',
  req: { id: `req-${k}`, method: 'POST', url: '/api/v1/login', headers: { host: 'api.example.com', authorization: `Bearer tok${k}`, cookie: `sid=${k}` } },
  user: { id: k, password: `pw${k}`, profile: { token: `t${k}`, plan: 'pro' } },
  res: { statusCode: 200, responseTime: k % 100 },
}));
const paths = ['req.headers.authorization', 'req.headers.cookie', 'user.password', 'user.profile.token'];
const fr = fastRedact({ paths, censor: '[REDACTED]' });
const keysOnly = createScrubber({ detectors: Object.fromEntries(['email', 'phone', 'card', 'ssn', 'iban', 'ipv4', 'ipv6', 'jwt', 'apiKey', 'privateKey', 'urlCredentials', 'authHeader', 'secretValue'].map((d) => [d, false])) });
function opsPerSec(fn) {
  for (let k = 0; k < 500; k++) fn(records[k]);
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    for (let k = 0; k < records.length; k++) fn(records[k]);
    ops += records.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < BUDGET_MS);
  return ops / (elapsed / 1e3);
}
const objects = [
  ['fast-redact 3.5 (4 fixed paths)', (o) => fr(o)],
  ['kennel scrubObject, key names only (any depth)', (o) => JSON.stringify(keysOnly.scrubObject(o))],
  ['kennel scrubObject, key names + all detectors', (o) => JSON.stringify(kennel.scrubObject(o))],
];
console.log(`\n${'object redaction + JSON.stringify'.padEnd(50)}${'ops/s'.padStart(10)}${'vs fast-redact'.padStart(16)}`);
const objResults = objects.map(([name, fn]) => ({ name, ops: opsPerSec(fn) }));
for (const r of objResults) console.log(`${r.name.padEnd(50)}${Math.round(r.ops).toLocaleString('en').padStart(10)}${`${(r.ops / objResults[0].ops).toFixed(2)}×`.padStart(16)}`);

const adversarial = adversarialInput();
const t0 = process.hrtime.bigint();
kennel.scrubString(adversarial);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`\nadversarial input (1 MiB of @@@, 1-1-1-, ::::, eyJ., password=, …): kennel scrubString ${ms.toFixed(1)} ms`);
