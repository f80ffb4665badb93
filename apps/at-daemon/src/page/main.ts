import './style.css';
import { drawChart } from './chart.js';
import { formatValue, MetricBoard, type MetricSample } from './telemetry.js';

interface Component {
  name: string;
  state: string;
  reason?: string;
}
interface Status {
  state: string;
  env: string;
  service: string;
  uptimeSeconds: number;
  versions: Record<string, string>;
  plugins: Component[];
  agent: { url: string; reachable: boolean };
  urls: { api: string; web: string };
}
interface Profile {
  name: string;
  provider: string;
  locality: string;
  models: string[];
  healthy: boolean;
  finding?: string;
}
interface Span {
  parent_id: string;
  metrics?: Record<string, number>;
  name: string;
  resource: string;
  service: string;
  duration: number;
  error: number;
}

const STATUS_POLL_MS = 2000;
const MAX_SPANS = 12;
const CHART_TICK_MS = 1000;
const board = new MetricBoard();
const spans: Span[] = [];
let selected: string | undefined;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = (tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

async function getJson<T>(path: string): Promise<T | undefined> {
  try {
    const res = await fetch(path);
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

function setAgent(reachable: boolean, url = '') {
  const node = $('agent');
  node.textContent = reachable ? `agent reachable ${url}` : `agent unreachable ${url}`;
  node.className = reachable ? 'badge ok' : 'badge bad';
}

async function refreshStatus() {
  const status = await getJson<Status>('/api/status');
  const state = $('state');
  if (!status) {
    state.textContent = 'daemon unreachable';
    state.className = 'badge bad';
    return;
  }
  state.textContent = status.state;
  state.className = status.state === 'running' ? 'badge ok' : 'badge warn';
  $('env').textContent = status.env;
  $('uptime').textContent = `${Math.round(status.uptimeSeconds)} s`;
  $('versions').textContent = `node ${status.versions.node} · kennel ${status.versions['@kennel/core']} · dd-trace ${status.versions['dd-trace']}`;
  $('api-url').textContent = status.urls.api;
  setAgent(status.agent.reachable, status.agent.url);
  $('plugins').replaceChildren(
    ...status.plugins.map((p) => el('tr', { 'data-plugin': p.name }, el('td', {}, p.name), el('td', { class: `state ${p.state}` }, p.state), el('td', { class: 'reason' }, p.reason ?? ''))),
  );
}

async function loadProfiles() {
  const data = await getJson<{ chosen: string | null; reasons: string[]; profiles: Profile[] }>('/api/profiles');
  if (!data) return;
  $('chosen').textContent = data.chosen ?? 'none';
  $('chosen-why').textContent = data.chosen ? '' : (data.reasons[0] ?? '');
  $('profiles').replaceChildren(
    ...data.profiles.map((p) =>
      el(
        'li',
        { 'data-profile': p.name, class: p.name === data.chosen ? 'chosen' : p.healthy ? '' : 'unavailable' },
        el('strong', {}, p.name),
        ` ${p.provider} · ${p.locality} · ${p.models.slice(0, 3).join(', ') || 'no models listed'}`,
        p.name === data.chosen ? el('span', { class: 'badge ok' }, 'chosen') : p.healthy ? '' : el('span', { class: 'reason' }, ` ${p.finding ?? 'unhealthy'}`),
      ),
    ),
  );
}

function renderMetrics() {
  const rows = [...board.series.values()].sort((a, b) => a.name.localeCompare(b.name));
  selected ??= rows.find((s) => s.name === 'daemon.api.requests')?.name ?? rows[0]?.name;
  $('metrics').replaceChildren(
    ...rows.map((s) => {
      const row = el('tr', { 'data-metric': s.name, class: s.name === selected ? 'selected' : '' }, el('td', {}, s.name), el('td', {}, s.type), el('td', { class: 'value' }, formatValue(s.value)));
      row.addEventListener('click', () => {
        selected = s.name;
        renderMetrics();
      });
      return row;
    }),
  );
  drawChart($<HTMLCanvasElement>('chart'), selected ? board.series.get(selected) : undefined);
}

function renderSpans() {
  $('spans').replaceChildren(
    ...spans.map((s) => el('tr', { class: s.error ? 'error' : '', 'data-span': s.name }, el('td', {}, s.name), el('td', {}, s.resource), el('td', {}, s.service), el('td', { class: 'value' }, `${(s.duration / 1e6).toFixed(2)} ms`))),
  );
}

/**
 * Root spans only (one line per request or job, readable at a glance), and only kept traces:
 * a sampling priority below 1 means Datadog would drop the trace (e.g. ignored paths).
 */
function addSpan(span: Span) {
  if (span.parent_id !== '0' || (span.metrics?._sampling_priority_v1 ?? 1) < 1) return;
  spans.unshift(span);
  spans.length = Math.min(spans.length, MAX_SPANS);
}

/** One agent record, whether it comes as `{ kind, item }` or as a named SSE event. */
function onRecord(kind: string, item: unknown) {
  if (kind === 'metric') {
    board.add(item as MetricSample);
    renderMetrics();
  } else if (kind === 'span') {
    addSpan(item as Span);
    renderSpans();
  } else if (kind === 'reset') {
    board.clear();
    spans.length = 0;
    renderMetrics();
    renderSpans();
  }
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function connectStream() {
  const stream = new EventSource('/api/stream');
  stream.addEventListener('agent', (e) => {
    const info = parse((e as MessageEvent<string>).data) as { reachable: boolean } | undefined;
    setAgent(Boolean(info?.reachable));
  });
  stream.onmessage = (e) => {
    const record = parse(e.data) as { kind?: string; item?: unknown } | undefined;
    if (record?.kind) onRecord(record.kind, record.item);
  };
  for (const kind of ['metric', 'span', 'reset']) stream.addEventListener(kind, (e) => onRecord(kind, parse((e as MessageEvent<string>).data)));
}

async function loadSnapshot() {
  const snap = await getJson<{ agent: { reachable: boolean; url: string }; metrics: unknown; spans: unknown }>('/api/telemetry');
  if (!snap) return;
  setAgent(snap.agent.reachable, snap.agent.url);
  const list = (value: unknown, key: string): unknown[] => (Array.isArray(value) ? value : Array.isArray((value as Record<string, unknown>)?.[key]) ? ((value as Record<string, unknown>)[key] as unknown[]) : []);
  for (const m of list(snap.metrics, 'metrics')) board.add(m as MetricSample);
  for (const s of list(snap.spans, 'spans').slice(-MAX_SPANS)) addSpan(s as Span);
  renderMetrics();
  renderSpans();
}

void refreshStatus();
void loadProfiles();
void loadSnapshot().then(connectStream);
setInterval(() => void refreshStatus(), STATUS_POLL_MS);
setInterval(renderMetrics, CHART_TICK_MS); // the chart's time axis keeps moving between samples
window.addEventListener('resize', renderMetrics);
