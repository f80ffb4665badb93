import type { Series } from './telemetry.js';

/** At least this much time is shown, so a fresh series does not fill the chart with one point. */
const WINDOW_MS = 15_000;

/** Draws one series as a line chart on a canvas (no chart library: a few dozen points). */
export function drawChart(canvas: HTMLCanvasElement, series: Series | undefined): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#6b7280';
  if (!series || series.points.length === 0) {
    ctx.fillText('waiting for metrics…', 12, height / 2);
    return;
  }
  const pad = { left: 48, right: 12, top: 12, bottom: 20 };
  const values = series.points.map((p) => p.v);
  const min = Math.min(...values, 0);
  const max = Math.max(...values, min + 1);
  // A step line up to now: the last value holds until the next sample.
  const now = Date.now();
  const t1 = Math.max(series.points.at(-1)!.t, now);
  const t0 = Math.min(series.points[0]!.t, t1 - WINDOW_MS);
  const x = (t: number) => pad.left + ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - ((v - min) / (max - min)) * (height - pad.top - pad.bottom);

  ctx.strokeStyle = '#e5e7eb';
  ctx.beginPath();
  for (const v of [min, (min + max) / 2, max]) {
    ctx.moveTo(pad.left, y(v));
    ctx.lineTo(width - pad.right, y(v));
    ctx.fillText(String(Math.round(v * 100) / 100), 4, y(v) + 4);
  }
  ctx.stroke();

  ctx.strokeStyle = '#632ca6';
  ctx.lineWidth = 2;
  ctx.beginPath();
  let last = series.points[0]!;
  ctx.moveTo(x(last.t), y(last.v));
  for (const p of series.points.slice(1)) {
    ctx.lineTo(x(p.t), y(last.v));
    ctx.lineTo(x(p.t), y(p.v));
    last = p;
  }
  ctx.lineTo(x(t1), y(last.v));
  ctx.stroke();
  ctx.fillStyle = '#111827';
  ctx.fillText(`${series.name} (${series.type === 'c' ? 'total' : 'last'})`, pad.left, height - 4);
}
