/**
 * Hand-written SVG bar charts: a few rects and texts are all a coordinator's chart needs,
 * so no charting library. Every text is XML-escaped; the output is standalone SVG 1.1.
 */

export interface BarSeries {
  name: string;
  colour: string;
}

export interface BarGroup {
  /** data-key of the group (a region code, a school id...). */
  key: string;
  label: string;
  /** One value per series; null (no figure) draws an empty bar so every group keeps one. */
  values: (number | null)[];
  /** The text above each bar. */
  captions: string[];
}

export interface BarChart {
  title: string;
  subtitle: string;
  series: BarSeries[];
  groups: BarGroup[];
  /** The axis maximum; at least the largest value. */
  max: number;
  formatTick: (value: number) => string;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];

export function colour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const PLOT_HEIGHT = 300;
const TOP = 70;
const LEFT = 70;
const BAR_WIDTH = 26;
const BAR_GAP = 4;
const GROUP_GAP = 28;

/** Grouped vertical bars: one group per key, one bar per series in each group. */
export function renderBarChart(chart: BarChart): string {
  const perGroup = chart.series.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  const width = Math.max(LEFT + chart.groups.length * (perGroup + GROUP_GAP) + 40, 420);
  const height = TOP + PLOT_HEIGHT + 110;
  const max = chart.max > 0 ? chart.max : 1;
  const y = (v: number): number => TOP + PLOT_HEIGHT - (v / max) * PLOT_HEIGHT;
  const out: string[] = [];
  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="24" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text x="${LEFT}" y="42" fill="#555555">${escapeXml(chart.subtitle)}</text>`,
  );
  for (let t = 0; t <= 4; t++) {
    const value = (max * t) / 4;
    const ty = y(value).toFixed(1);
    out.push(
      `<line x1="${LEFT}" y1="${ty}" x2="${width - 20}" y2="${ty}" stroke="#dddddd"/>`,
      `<text x="${LEFT - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${escapeXml(chart.formatTick(value))}</text>`,
    );
  }
  chart.groups.forEach((group, g) => {
    const x0 = LEFT + GROUP_GAP / 2 + g * (perGroup + GROUP_GAP);
    out.push(`<g class="group" data-key="${escapeXml(group.key)}">`);
    group.values.forEach((value, i) => {
      const x = x0 + i * (BAR_WIDTH + BAR_GAP);
      const top = y(Math.min(value ?? 0, max));
      out.push(
        `<rect class="bar" data-key="${escapeXml(group.key)}" data-series="${escapeXml(chart.series[i].name)}" x="${x}" y="${top.toFixed(1)}" width="${BAR_WIDTH}" height="${(TOP + PLOT_HEIGHT - top).toFixed(1)}" fill="${chart.series[i].colour}"><title>${escapeXml(`${group.label} · ${chart.series[i].name}: ${group.captions[i]}`)}</title></rect>`,
        `<text x="${x + BAR_WIDTH / 2}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-size="9">${escapeXml(group.captions[i])}</text>`,
      );
    });
    const cx = x0 + perGroup / 2;
    const ly = TOP + PLOT_HEIGHT + 14;
    out.push(
      `<text x="${cx}" y="${ly}" text-anchor="end" transform="rotate(-35 ${cx} ${ly})">${escapeXml(group.label)}</text>`,
      `</g>`,
    );
  });
  out.push(
    `<line x1="${LEFT}" y1="${TOP + PLOT_HEIGHT}" x2="${width - 20}" y2="${TOP + PLOT_HEIGHT}" stroke="#333333"/>`,
  );
  chart.series.forEach((series, i) => {
    const lx = LEFT + i * 110;
    const ly = height - 16;
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${series.colour}"/>`,
      `<text x="${lx + 14}" y="${ly}">${escapeXml(series.name)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
