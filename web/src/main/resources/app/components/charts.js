// Bar and line charts on uPlot, loaded only by the pages that draw them. Each chart fits its box and
// follows the theme's colours; a table beside it carries the same figures for screen readers.
const PALETTE = ['#3b5bdb', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad', '#f08c00', '#c2255c', '#5c940d'];

export const colour = index => PALETTE[index % PALETTE.length];

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/**
 * Draws days × series into the element. stacked: each day's bars are piled (drawn as running totals,
 * largest first, so each covers the one below only where it should).
 */
export async function drawChart(element, { days, series, stacked = false, kind = 'bars' }) {
  const { default: uPlot } = await import('uplot');
  element.replaceChildren();
  if (days.length === 0) {
    element.textContent = 'No data in this period.';
    return null;
  }
  const x = days.map(day => Date.parse(`${day}T00:00:00Z`) / 1000);
  let values = series.map(s => s.values);
  if (stacked) values = values.map((_, i) => values[0].map((__, d) => values.slice(i).reduce((sum, v) => sum + (v[d] || 0), 0)));
  const axis = cssVar('--muted');
  const grid = cssVar('--border');
  const width = Math.max(260, element.clientWidth || 600);
  const bars = uPlot.paths.bars({ size: [0.7, 48] });
  const options = {
    width,
    height: 220,
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 56 },
    ],
    series: [{}, ...series.map((s, i) => ({
      label: s.label,
      stroke: colour(i),
      fill: kind === 'bars' ? colour(i) : undefined,
      width: kind === 'bars' ? 0 : 2,
      paths: kind === 'bars' ? bars : undefined,
      points: { show: kind !== 'bars' },
    }))],
  };
  const chart = new uPlot(options, [x, ...values], element);
  const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(260, element.clientWidth), height: 220 }));
  resize.observe(element);
  chart.stopResizing = () => resize.disconnect();
  return chart;
}
