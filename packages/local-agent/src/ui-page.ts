/**
 * A single self-contained page at `GET /`: live counters and the newest arrivals from `/api/stream`.
 * Deliberately tiny; richer dashboards use the JSON API.
 */
export const UI_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kennel local agent</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
  h1 { font-size: 1.2rem; margin: 0 0 1rem; }
  .counts { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: 1rem; }
  .count { border: 1px solid #ddd; border-radius: 6px; padding: .4rem .7rem; min-width: 7rem; }
  .count b { display: block; font-size: 1.3rem; }
  table { border-collapse: collapse; width: 100%; }
  td { border-bottom: 1px solid #eee; padding: .25rem .5rem; vertical-align: top; font-family: ui-monospace, monospace; font-size: 12px; }
  td.kind { white-space: nowrap; color: #555; }
  button { margin-left: 1rem; }
</style>
</head>
<body>
<h1>kennel local agent <button id="reset">reset</button></h1>
<div class="counts" id="counts"></div>
<table><tbody id="feed"></tbody></table>
<script>
const counts = { span: 0, metric: 0, event: 0, serviceCheck: 0, llmSpan: 0, llmEvaluation: 0, request: 0 };
const countsEl = document.getElementById('counts');
const feed = document.getElementById('feed');
function renderCounts() {
  countsEl.replaceChildren(...Object.entries(counts).map(([kind, n]) => {
    const div = document.createElement('div');
    div.className = 'count';
    div.innerHTML = '<b></b>';
    div.firstChild.textContent = n;
    div.append(kind + 's');
    return div;
  }));
}
function describe(kind, item) {
  switch (kind) {
    case 'span': return item.service + ' ' + item.name + ' (' + item.resource + ')' + (item.error ? ' ERROR' : '') + ' ' + (item.duration / 1e6).toFixed(2) + ' ms';
    case 'metric': return item.name + ' ' + item.type + ' ' + (item.setValue ?? item.value) + (item.tags.length ? ' #' + item.tags.join(',') : '');
    case 'event': return item.title + ': ' + item.text;
    case 'serviceCheck': return item.name + ' status=' + item.status + (item.message ? ' ' + item.message : '');
    case 'llmSpan': return (item.kind ?? '?') + ' ' + item.name + ' [' + (item.ml_app ?? '') + '] ' + (item.status ?? '');
    default: return item.method + ' ' + item.path + ' (' + item.bytes + ' bytes)';
  }
}
const stream = new EventSource('/api/stream');
stream.addEventListener('summary', (e) => {
  const s = JSON.parse(e.data);
  Object.assign(counts, { span: s.spans, metric: s.metrics, event: s.events, serviceCheck: s.serviceChecks, llmSpan: s.llmSpans, llmEvaluation: s.llmEvaluations, request: s.requests });
  renderCounts();
});
stream.addEventListener('reset', () => { for (const k in counts) counts[k] = 0; feed.replaceChildren(); renderCounts(); });
for (const kind of Object.keys(counts)) {
  stream.addEventListener(kind, (e) => {
    counts[kind]++;
    const row = document.createElement('tr');
    const k = document.createElement('td');
    k.className = 'kind';
    k.textContent = kind;
    const d = document.createElement('td');
    d.textContent = describe(kind, JSON.parse(e.data));
    row.append(k, d);
    feed.prepend(row);
    while (feed.childElementCount > 200) feed.lastElementChild.remove();
    renderCounts();
  });
}
document.getElementById('reset').onclick = () => fetch('/api/reset', { method: 'POST' });
renderCounts();
</script>
</body>
</html>
`;
