// An audience generation job's quality (GetAudienceGenerationJob's `metrics`) drawn by the
// page: the relevance score (0–10, the model's range) at each audience size as SVG bars, the
// sizes in order, with the same numbers beside it as a table, which screen readers read (the
// drawing is one image with a summary). No dependency: SVG elements and CSS classes (the CSP
// allows no inline style).
import { h } from './form.js';

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
};
const MAX_SCORE = 10;
const size = ({ type, value }) => (type === 'PERCENTAGE' ? `${value} %` : value.toLocaleString('en'));

/** The chart and table of `metrics` (`{ relevanceMetrics: [{ audienceSize, score }], recallMetric }`). */
export function relevanceChart(metrics) {
  const points = (metrics.relevanceMetrics ?? []).map((m) => ({ label: size(m.audienceSize), score: m.score ?? 0 }));
  const [width, height] = [420, 220];
  const pad = { left: 36, right: 8, top: 10, bottom: 34 };
  const plotHeight = height - pad.top - pad.bottom;
  const step = (width - pad.left - pad.right) / Math.max(points.length, 1);
  const y = (score) => pad.top + plotHeight * (1 - score / MAX_SCORE);
  const summary = `Relevance score by audience size: ${points.map((p) => `${p.label}: ${p.score}`).join('; ')}.`;
  const drawing = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': summary },
    ...[0, 5, 10].flatMap((tick) => [
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), class: 'grid' }),
      svg('text', { x: pad.left - 6, y: y(tick) + 4, class: 'tick', 'text-anchor': 'end' }, String(tick)),
    ]),
    ...points.flatMap((p, i) => [
      svg('rect', { x: pad.left + i * step + step * 0.15, y: y(p.score), width: step * 0.7, height: plotHeight * (p.score / MAX_SCORE), class: 'bar' }),
      svg('text', { x: pad.left + (i + 0.5) * step, y: y(p.score) - 4, class: 'value', 'text-anchor': 'middle' }, String(p.score)),
      svg('text', { x: pad.left + (i + 0.5) * step, y: height - pad.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, p.label),
    ]),
    svg('text', { x: pad.left + (width - pad.left - pad.right) / 2, y: height - 4, class: 'axis', 'text-anchor': 'middle' }, 'Audience size'));
  const table = h('table', { class: 'chart-table' },
    h('caption', {}, 'Relevance by audience size'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Audience size'), h('th', { scope: 'col' }, 'Relevance score (0–10)'))),
    h('tbody', {}, points.map((p) => h('tr', {}, h('td', { 'data-label': 'Audience size' }, p.label), h('td', { 'data-label': 'Relevance score (0–10)' }, String(p.score))))));
  const recall = metrics.recallMetric === undefined ? null : h('p', {}, `Recall: ${metrics.recallMetric}`);
  return h('section', { class: 'quality', 'aria-label': 'Audience quality' }, h('h4', {}, 'Audience quality'), h('div', { class: 'chart-pair' }, drawing, h('div', {}, table, recall)));
}
