// Labelled corpus: realistic log lines, LLM prompts/completions, URLs and JSON records with planted PII
// (the labels) among look-alikes that must survive (timestamps, UUIDs, versions, ids, hashes, ports…).
// Generated at run time from a seed, so nothing large is committed and every run sees the same text.
import { lookalikes, positives, rng } from './values.mjs';

/**
 * @typedef {{ detector: string, start: number, end: number, value: string }} Label
 * @typedef {{ kind: string, text: string, labels: Label[] }} Sample
 */

/** Templates get `p` (PII generators: `p.email()` returns a label part) and `n` (look-alike strings). */
const templates = {
  log: [
    (p, n) => [`${n.iso()} INFO  [auth] user `, p.email(), ` logged in from `, p.ipv4(), ` req=${n.uuid()} took ${n.duration()}`],
    (p, n) => [`${n.iso()} WARN  [billing] card `, p.card(), ` declined for order ${n.order()} (attempt 2/3, ${n.duration()})`],
    (p, n) => [`[${n.iso()}] `, p.ipv4(), ` - - "POST /api/v2/login HTTP/1.1" 401 ${n.bytes()} "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109 Safari/537.36"`],
    (p, n) => [`${n.iso()} ERROR connecting to postgres://`, p.urlCredentials(), `@db-${n.gitSha()}.internal:${n.port()}/app failed after ${n.duration()} (pool=10)`],
    (p, n) => [`curl -sS -H "Authorization: Bearer `, p.authHeader(), `" https://api.example.com/v1/items?since=${n.date()}&limit=50`],
    (p, n) => [`${n.iso()} DEBUG env OPENAI_API_KEY=`, p.apiKey(), ` model=gpt-4o-mini version=${n.version()}`],
    (p, n) => [`${n.iso()} INFO wire transfer to `, p.iban(), ` ref ${n.order()} amount EUR ${n.amount()}`],
    (p, n) => [`${n.iso()} INFO  sms sent to `, p.phone(), ` template=otp_v2 trace_id=${n.traceDec()} span_id=${n.traceDec()}`],
    (p, n) => [`${n.iso()} WARN  login retry password=`, p.secretValue(), ` user_id=${n.ulid()} attempt=${n.count()}`],
    (p, n) => [`${n.iso()} INFO  session token `, p.jwt(), ` issued, expires in ${n.duration()}`],
    (p, n) => [`${n.iso()} DEBUG client `, p.ipv6(), ` port ${n.port()} connected (${n.pct()} cpu, pid ${n.pid()})`],
    (p, n) => [`${n.iso()} INFO  identity check ssn=`, p.ssn(), ` status=verified latency=${n.duration()}`],
    (p, n) => [`${n.iso()} ERROR DD_API_KEY=`, p.secretValue(), ` rejected by intake (HTTP 403), retrying in ${n.duration()}`],
    (p, n) => [`${n.iso()} INFO  loaded key from vault: `, p.privateKey(), ` (kid=${n.md5()})`],
    (p, n) => [`${n.iso()} INFO  git push by `, p.email(), ` commit ${n.sha1()} token `, p.apiKey()],
    (p, n) => [`${n.iso()} INFO  mail from "Support" <`, p.email(), `> to tel:`, p.phone(), ` via http://`, p.ipv4(), `:${n.port()}/smtp`],
    (p, n) => [`${n.iso()} WARN  upstream [`, p.ipv6(), `]:${n.port()} reset; peer ::ffff:`, p.ipv4(), ` after ${n.duration()}`],
    // negatives only
    (_p, n) => [`${n.iso()} INFO  GET /health 200 ${n.duration()} bytes=${n.bytes()} trace=${n.traceHex()} span=${n.spanHex()}`],
    (_p, n) => [`${n.iso()} INFO  deploy ${n.version()} commit ${n.sha1()} build ${n.count()} finished in ${n.duration()} on ${n.pod()}`],
    (_p, n) => [`${n.iso()} INFO  worker ${n.pid()} processed ${n.count()} jobs in ${n.duration()}, queue=${n.count()}, p99=${n.duration()}`],
    (_p, n) => [`${n.iso()} DEBUG traceparent: ${n.traceparent()} sampled=1 service=checkout env=prod version=${n.version()}`],
    (_p, n) => [`${n.iso()} INFO  order ${n.order()} created ${n.date()} total ${n.amount()} items=${n.count()} id=${n.uuid()}`],
    (_p, n) => [`${n.iso()} INFO  artifact sha256:${n.sha256()} size ${n.bytes()} uploaded in ${n.duration()} (node v24.21.0)`],
    (_p, n) => [`${n.iso()} WARN  slow query ${n.duration()} at ${n.time()} rows=${n.count()} ts=${n.unixMs()} port=${n.port()}`],
    (_p, n) => [`${n.iso()} INFO  Bearer token expired for session ${n.uuid()}; prompt_tokens=${n.count()} max_tokens=${n.count()}`],
    (_p, n) => [`${n.iso()} INFO  cloning git@github.com:kennel-dev/kennel.git at ${n.gitSha()} (lodash@4.17.21, @kennel/core@${n.version()})`],
    (_p, n) => [`${n.iso()} DEBUG GET /static/icon@2x.png 200 ${n.bytes()} image nginx@sha256:${n.sha256()} ISBN 978-3-16-148410-0`],
    (_p, n) => [`${n.iso()} INFO  Basic plan renewed; password reset requested for user ${n.count()}; token count ${n.count()}; build 10.0.19045.3803`],
    (_p, n) => [`${n.iso()} ERROR TypeError: Cannot read properties of undefined (reading 'id')\n    at handler (/app/src/routes/orders.js:${n.count()}:${n.pid()})\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)`],
    (_p, n) => [`${n.iso()} DEBUG SELECT id, total FROM orders WHERE created_at > '${n.date()} ${n.time()}' AND status IN (1, 2, 3) LIMIT ${n.count()} -- ${n.duration()}`],
    (_p, n) => [`${n.iso()} INFO  pod ${n.pod()} Started container app image=registry.example.com/app:${n.version()}@sha256:${n.sha256()} restarts=${n.count()}`],
    (_p, n) => [`${n.iso()} INFO  "GET /api/v1/items?page=2&limit=50 HTTP/1.1" 200 ${n.bytes()} ${n.duration()} "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15"`],
    (_p, n) => [`${n.iso()} INFO  window ${n.date()}..${n.date()} at 48.8566, 2.3522 color #ff00ff uptime ${n.duration()} ratio 3/4 total 1 234 567`],
  ],
  prompt: [
    (p, n) => [`User: Hi, I can't log in. My email is `, p.email(), ` and my phone is `, p.phone(), `. Order ${n.order()} from ${n.date()} never arrived.`],
    (p, n) => [`Assistant: Thanks! I've updated your contact to `, p.email(), ` and we will call `, p.phone(), ` tomorrow at ${n.time().slice(0, 5)}.`],
    (p, _n) => [`User: please pay with my card `, p.card(), `, the billing IBAN is `, p.iban(), `.`],
    (p, n) => [`User: my SSN is `, p.ssn(), ` and I was born on ${n.date()}. Can you check my tax return?`],
    (p, n) => [`User: why does this fail? const client = new OpenAI({ apiKey: "`, p.apiKey(), `" }) // v${n.version()}`],
    (p, _n) => [`User: here is the config: aws_access_key_id = `, p.apiKey(), ` region = eu-west-1`],
    (p, n) => [`System: the caller's IP is `, p.ipv4(), ` (request ${n.uuid()}). Answer in under ${n.count()} tokens.`],
    (_p, n) => [`User: summarise release ${n.version()} notes; it shipped on ${n.date()} with ${n.count()} fixes and ${n.pct()} faster startup.`],
    (_p, n) => [`Assistant: the build ${n.gitSha()} took ${n.duration()}; the digest is ${n.sha256()} and the trace id ${n.traceHex()}.`],
    (_p, n) => [`User: explain error E${n.count()} at ${n.iso()} in pod ${n.pod()} (retry after ${n.duration()}).`],
  ],
  url: [
    (p, n) => [`GET https://api.example.com/v2/users/${n.uuid()}/orders?email=`, p.email(), `&page=2 200 ${n.duration()}`],
    (p, _n) => [`redis://`, p.urlCredentials(), `@cache.internal:6379/0`],
    (p, n) => {
      const email = p.email();
      return [`GET https://shop.example.com/unsubscribe?list=weekly&email=`, { ...email, value: encodeURIComponent(email.value) }, ` 302 ${n.duration()}`];
    },
    (p, n) => [`https://hooks.slack.com/services/T000/B000?token=`, p.apiKey(), `&ts=${n.unixS()}`],
    (p, n) => [`POST https://api.example.com/v1/reset body={"phone":"`, p.phone(), `"} ${n.duration()}`],
    (_p, n) => [`GET https://cdn.example.com/assets/app.${n.gitSha()}.js?v=${n.version()} 304 ${n.duration()}`],
    (_p, n) => [`GET http://localhost:${n.port()}/metrics?since=${n.unixS()}&step=${n.count()} 200`],
  ],
  json: [
    (p, n) => [`{"level":30,"time":${n.unixMs()},"pid":${n.pid()},"hostname":"${n.pod()}","msg":"payment accepted","card":"`, p.card(), `","order_id":"${n.order()}","dd":{"trace_id":"${n.traceDec()}","span_id":"${n.traceDec()}"}}`],
    (p, n) => [`{"user":{"id":"${n.ulid()}","contact":"`, p.email(), `","mobile":"`, p.phone(), `"},"client":{"addr":"`, p.ipv6(), `"},"ts":"${n.iso()}"}`],
    (p, n) => [`{"event":"signup","headers":{"authorization":"Bearer `, p.authHeader(), `","x-request-id":"${n.uuid()}"},"duration_ms":${n.count()}}`],
    (p, n) => [`{"msg":"config","client_secret":"`, p.secretValue(), `","region":"eu-west-1","version":"${n.version()}"}`],
    (p, n) => [`{"msg":"jwt verified","jwt":"`, p.jwt(), `","kid":"${n.md5()}","exp":${n.unixS()}}`],
    (_p, n) => [`{"level":30,"time":${n.unixMs()},"msg":"request completed","res":{"statusCode":200},"responseTime":${n.count()},"reqId":"${n.uuid()}"}`],
    (_p, n) => [`{"span_id":"${n.spanHex()}","trace_id":"${n.traceHex()}","duration":"${n.duration()}","start":"${n.iso()}","release":"${n.version()}"}`],
  ],
};

/**
 * `size` samples from `seed`. Each sample's labels give the exact spans a detector must cover.
 * @param {{ seed?: number, size?: number }} [options]
 * @returns {Sample[]}
 */
export function generateCorpus({ seed = 42, size = 4000 } = {}) {
  const r = rng(seed);
  const gen = positives(r);
  const p = Object.fromEntries(Object.entries(gen).map(([detector, make]) => [detector, () => ({ detector, value: make() })]));
  const n = lookalikes(r);
  const kinds = Object.keys(templates);
  const samples = [];
  for (let k = 0; k < size; k++) {
    const kind = kinds[k % kinds.length];
    const parts = r.pick(templates[kind])(p, n);
    let text = '';
    const labels = [];
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
      } else {
        labels.push({ detector: part.detector, start: text.length, end: text.length + part.value.length, value: part.value });
        text += part.value;
      }
    }
    samples.push({ kind, text, labels });
  }
  return samples;
}

/** 1 MiB of inputs built to make backtracking or rescanning scanners go quadratic. */
export function adversarialInput(bytes = 1 << 20) {
  const pieces = [
    '@'.repeat(64), 'a@'.repeat(64), `${'a.'.repeat(60)}@`, `${'x'.repeat(200)}@${'y.'.repeat(100)}`, '1-'.repeat(100), '1.'.repeat(100),
    '+1 '.repeat(50), '((((1', ':'.repeat(100), '1:'.repeat(100), 'a:'.repeat(100), '::'.repeat(50), 'eyJ.'.repeat(40), `eyJ${'a'.repeat(300)}.`,
    '-----BEGIN ', '-----BEGIN X-----', 'password='.repeat(30), 'token:"'.repeat(30), 'Bearer '.repeat(30), `sk-${'a-'.repeat(100)}`,
    'DE89 '.repeat(40), `${'4111 '.repeat(60)}`, '0'.repeat(500), `https://${'a:'.repeat(100)}@`, '=:'.repeat(100), '%+-._'.repeat(40), '\u00e9\u4e2d'.repeat(50),
  ];
  let out = '';
  let k = 0;
  while (out.length < bytes) out += pieces[k++ % pieces.length];
  return out.slice(0, bytes);
}
