// Report stage, the feedback pack's small charts: SVG made from templates (an engineer's dimension scores against the
// team's average, the monthly total against the rating thresholds). They are drawn for every engineer of a month, so
// they are plain string templates: ECharts' server-side rendering takes about 2 ms a chart, seconds for a big centre.
import { formatNumber } from '../util/round.js';
import { escapeHtml } from './cells.js';

const esc = escapeHtml;
const n1 = (x: number) => formatNumber(x, 1);

export interface BarGroup { label: string; value: number | null; reference: number | null }

/** Horizontal bars 0-100: the engineer's score (filled) and the team's average (a tick), one row per dimension. */
export function dimensionBars(groups: BarGroup[], legend: { mine: string; team: string }, width = 320, rowHeight = 24): string {
  const left = 96;
  const right = 36;
  const top = 22;
  const plot = width - left - right;
  const height = top + groups.length * rowHeight + 22;
  const x = (v: number) => left + (Math.max(0, Math.min(100, v)) / 100) * plot;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  parts.push(`<rect class="mark legend" x="${left}" y="4" width="10" height="10" fill="#4472c4"/><text x="${left + 14}" y="13" font-size="10">${esc(legend.mine)}</text>`);
  parts.push(`<rect class="mark legend" x="${left + 110}" y="8" width="10" height="3" fill="#c00000"/><text x="${left + 124}" y="13" font-size="10">${esc(legend.team)}</text>`);
  for (const t of [0, 50, 100]) parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${height - 18}" stroke="#ddd"/><text x="${x(t)}" y="${height - 6}" font-size="9" text-anchor="middle">${t}</text>`);
  groups.forEach((g, i) => {
    const y = top + i * rowHeight;
    parts.push(`<text x="${left - 6}" y="${y + rowHeight / 2 + 3}" font-size="10" text-anchor="end">${esc(g.label)}</text>`);
    if (g.value !== null) {
      parts.push(`<rect class="mark" x="${left}" y="${y + 6}" width="${(x(g.value) - left).toFixed(1)}" height="${rowHeight - 12}" fill="#4472c4"/>`);
      parts.push(`<text x="${x(g.value) + 3}" y="${y + rowHeight / 2 + 3}" font-size="9">${n1(g.value)}</text>`);
    }
    if (g.reference !== null) parts.push(`<rect class="mark" x="${(x(g.reference) - 1.5).toFixed(1)}" y="${y + 2}" width="3" height="${rowHeight - 4}" fill="#c00000"/>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface TrendPoint { period: string; total: number | null }
export interface Threshold { label: string; min: number }

/** The monthly total over the months given, with a dashed line at each rating's threshold. */
export function totalTrend(points: TrendPoint[], thresholds: Threshold[], width = 350, height = 160): string {
  const left = 30;
  const right = 64;
  const top = 10;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = points.map((p) => p.total).filter((v): v is number => v !== null);
  const lo = Math.max(0, Math.floor((Math.min(...values, ...thresholds.map((t) => t.min)) - 5) / 10) * 10);
  const hi = 100;
  const y = (v: number) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const step = points.length > 1 ? plotW / (points.length - 1) : 0;
  const x = (i: number) => left + (points.length > 1 ? i * step : plotW / 2);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  for (let t = lo; t <= hi; t += 10) parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#eee"/><text x="${left - 4}" y="${(y(t) + 3).toFixed(1)}" font-size="9" text-anchor="end">${t}</text>`);
  for (const th of thresholds) {
    if (th.min <= lo) continue;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(th.min).toFixed(1)}" y2="${y(th.min).toFixed(1)}" stroke="#999" stroke-dasharray="4 3"/><text x="${left + plotW + 4}" y="${(y(th.min) + 3).toFixed(1)}" font-size="9">${esc(th.label)} ${n1(th.min)}</text>`);
  }
  const coords = points.map((p, i) => (p.total === null ? null : `${x(i).toFixed(1)},${y(p.total).toFixed(1)}`));
  let run: string[] = [];
  const lines: string[] = [];
  for (const c of [...coords, null]) {
    if (c !== null) run.push(c);
    else if (run.length > 0) {
      lines.push(run.join(' '));
      run = [];
    }
  }
  for (const l of lines) parts.push(`<polyline class="mark" points="${l}" fill="none" stroke="#4472c4" stroke-width="2"/>`);
  points.forEach((p, i) => {
    const label = points.length <= 6 || i % 2 === points.length % 2 || i === points.length - 1 ? p.period : '';
    if (label) parts.push(`<text x="${x(i).toFixed(1)}" y="${height - 12}" font-size="9" text-anchor="middle">${esc(label)}</text>`);
    if (p.total !== null) parts.push(`<circle class="mark" cx="${x(i).toFixed(1)}" cy="${y(p.total).toFixed(1)}" r="3" fill="#4472c4"/>${i === points.length - 1 ? `<text x="${x(i).toFixed(1)}" y="${(y(p.total) - 6).toFixed(1)}" font-size="10" text-anchor="middle" font-weight="bold">${n1(p.total)}</text>` : ''}`);
  });
  parts.push('</svg>');
  return parts.join('');
}
