// The budget burn-up as a line chart (uPlot) with its key: the phased budget added up month by
// month, the actual spend added up to the monitor's month, and from there the forecast to the
// year end, with its 95% interval widening from the last actual figure to the year end's. Every
// running total is the server's (`cumulative_*_pence` of each month); the chart only chooses
// which months each line spans. The chart is a picture of the month-by-month table beside it,
// which carries the same figures for screen readers and keyboard users; the lines differ in
// pattern as well as colour, and the key lists only the lines drawn.
//
//   figure.append(burnUpKey(data), burnUpChart(data));

import type uPlot from 'uplot';
import type { Monitor } from '../api';
import { el } from '../dom';
import { month } from '../format';
import { axis, categorySplits, chartBasics, chartHolder, drawChart, kColour, line, type ChartOptions } from './chart';

const kBudgetColour = '#212b32'; // near black, dashed: apart from the blue spend in print and for colour blindness
const kForecastColour = '#b35900'; // dark orange: 4.5:1 on white
const kIntervalFill = 'rgba(237, 139, 0, 0.18)';

// The month-by-month running totals, in pence; null where a line does not reach.
export interface BurnUp {
  months: string[]; // 2024-04 ...
  budget: number[];
  actual: (number | null)[]; // to the monitor's month
  forecast: (number | null)[]; // from the monitor's month to the year end
  low: (number | null)[]; // the 95% interval: at the monitor's month and the year end only
  high: (number | null)[];
}

// A line of the chart as its key shows it.
interface Line {
  label: string;
  colour: string;
  width: number;
  dash: number[]; // empty: solid
  values: (number | null)[];
}

// Picks the server's running totals. The forecast starts at the monitor's month (the spend to
// date with the estimate not yet reported) and reaches the year end, when the year is not over.
export function burnUp(monitor: Monitor): BurnUp {
  const last = monitor.months.length - 1;
  const open = last >= 0 && monitor.month < monitor.months[last]!.month;
  const [low, high] = monitor.forecast_interval_95_pence;
  const result: BurnUp = { months: [], budget: [], actual: [], forecast: [], low: [], high: [] };
  monitor.months.forEach((m, i) => {
    const forecast = open && m.month >= monitor.month;
    const start = forecast && m.month === monitor.month;
    result.months.push(m.month);
    result.budget.push(m.cumulative_budget_pence);
    result.actual.push(m.cumulative_actual_pence);
    result.forecast.push(forecast ? m.cumulative_spend_pence : null);
    result.low.push(start ? m.cumulative_spend_pence : forecast && i === last ? low : null);
    result.high.push(start ? m.cumulative_spend_pence : forecast && i === last ? high : null);
  });
  return result;
}

// The lines in drawing order (the budget's dashes over the actual spend, so both show where
// they meet), with those that have nothing to draw left out.
function lines(data: BurnUp): Line[] {
  const all: Line[] = [
    { label: 'Actual spend, cumulative', colour: kColour.blue, width: 3, dash: [], values: data.actual },
    { label: 'Budget (phased), cumulative', colour: kBudgetColour, width: 2, dash: [10, 6], values: data.budget },
    { label: 'Forecast to year end', colour: kForecastColour, width: 2.5, dash: [2, 4], values: data.forecast },
  ];
  return all.filter((l) => l.values.some((v) => v !== null));
}

const hasInterval = (data: BurnUp) => data.low.some((v, i) => v !== null && v !== data.high[i]);

// The key: a sample of each line drawn, in its colour and pattern, with its name.
export function burnUpKey(data: BurnUp): HTMLElement {
  const svg = 'http://www.w3.org/2000/svg';
  const sample = (colour: string, width: number, dash: number[], fill?: string) => {
    const picture = document.createElementNS(svg, 'svg');
    picture.setAttribute('width', '40');
    picture.setAttribute('height', '14');
    picture.setAttribute('aria-hidden', 'true');
    if (fill) {
      const band = document.createElementNS(svg, 'rect');
      for (const [k, v] of Object.entries({ x: '0', y: '1', width: '40', height: '12', fill, stroke: colour })) band.setAttribute(k, v);
      picture.append(band);
      return picture;
    }
    const stroke = document.createElementNS(svg, 'line');
    const attributes = { x1: '0', y1: '7', x2: '40', y2: '7', stroke: colour, 'stroke-width': String(width) };
    for (const [k, v] of Object.entries(attributes)) stroke.setAttribute(k, v);
    if (dash.length > 0) stroke.setAttribute('stroke-dasharray', dash.join(' '));
    picture.append(stroke);
    return picture;
  };
  return el(
    'ul',
    { class: 'chart-key', 'data-testid': 'burn-up-key' },
    lines(data).map((l) => el('li', {}, sample(l.colour, l.width, l.dash), ` ${l.label}`)),
    hasInterval(data) ? el('li', {}, sample(kForecastColour, 1, [], kIntervalFill), ' Forecast’s 95% interval') : null,
  );
}

export function burnUpChart(data: BurnUp): HTMLElement {
  if (data.months.length === 0) return chartHolder();

  const positions = data.months.map((_, i) => i);
  const shortMonth = (i: number) => {
    const label = month(data.months[i] ?? '');
    return `${label.slice(0, 3)} ${label.slice(-2)}`;
  };
  const drawn = lines(data);
  const series: uPlot.Series[] = [
    {},
    ...drawn.map((l) => ({ ...line(l.colour, l.width, l.dash), label: l.label, spanGaps: true, points: { show: true, size: 5 } })),
  ];
  const values: (number | null)[][] = drawn.map((l) => l.values);
  const bands: uPlot.Band[] = [];
  if (hasInterval(data)) {
    const edge = (label: string): uPlot.Series => ({ ...line(kForecastColour, 1), label, spanGaps: true });
    series.push(edge('Forecast’s 95% interval, lower end'), edge('Forecast’s 95% interval, upper end'));
    values.push(data.low, data.high);
    bands.push({ series: [series.length - 1, series.length - 2], fill: kIntervalFill });
  }
  const options: ChartOptions = {
    ...chartBasics(340),
    scales: {
      x: { time: false, range: [-0.3, data.months.length - 0.7] },
      y: { range: (_u, _min, max) => [0, max * 1.05] },
    },
    axes: [
      axis({ splits: categorySplits(data.months.length), values: (_u, splits) => splits.map(shortMonth) }),
      axis({
        gridLines: true,
        size: 70,
        values: (_u, splits) => splits.map((pence) => `£${(pence / 1e8).toLocaleString('en-GB')}m`),
      }),
    ],
    series,
    bands,
  };
  return drawChart(options, [positions, ...values] as uPlot.AlignedData, 900);
}
