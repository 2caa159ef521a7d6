// The budget burn-up as a line chart (uPlot): the phased budget added up month by month, the
// actual spend added up to the monitor's month, and from there the forecast to the year end,
// with its 95% interval widening from the last actual figure to the year end's. The chart is a
// picture of the month-by-month table beside it, which carries the same figures for screen
// readers and keyboard users; the lines differ in pattern as well as colour.
//
//   figure.append(burnUpChart(burnUp(monitor)));

import type uPlot from 'uplot';
import type { Monitor } from '../api';
import { month } from '../format';
import { axis, categorySplits, chartBasics, chartHolder, drawChart, kColour, line, type ChartOptions } from './chart';

const kBudgetColour = '#4c6272'; // grey
const kActualColour = kColour.blue;
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

// Adds up the monitor's months. Spend a late setting has not reported yet counts in the
// forecast's starting point, as it does in the server's forecast outturn.
export function burnUp(monitor: Monitor): BurnUp {
  const result: BurnUp = { months: [], budget: [], actual: [], forecast: [], low: [], high: [] };
  let budget = 0;
  let actual = 0;
  let expected = 0; // actual, plus not yet reported, plus the forecast of later months
  const last = monitor.months.length - 1;
  monitor.months.forEach((m, i) => {
    budget += m.budget_pence;
    expected += m.actual_pence + m.not_yet_reported_pence + (m.forecast_pence ?? 0);
    const reported = m.month <= monitor.month;
    if (reported) actual += m.actual_pence;
    const start = m.month === monitor.month;
    const forecast = m.month >= monitor.month && monitor.month < monitor.months[last]!.month;
    result.months.push(m.month);
    result.budget.push(budget);
    result.actual.push(reported ? actual : null);
    result.forecast.push(forecast ? expected : null);
    result.low.push(start ? expected : forecast && i === last ? monitor.forecast_interval_95_pence[0] : null);
    result.high.push(start ? expected : forecast && i === last ? monitor.forecast_interval_95_pence[1] : null);
  });
  return result;
}

export function burnUpChart(data: BurnUp): HTMLElement {
  if (data.months.length === 0) return chartHolder();

  const positions = data.months.map((_, i) => i);
  const shortMonth = (i: number) => {
    const label = month(data.months[i] ?? '');
    return `${label.slice(0, 3)} ${label.slice(-2)}`;
  };
  const cumulative = (label: string, stroke: string, dash?: number[]): uPlot.Series => ({
    ...line(stroke, 2.5, dash),
    label,
    spanGaps: true,
    points: { show: true, size: 5 },
  });
  const intervalEdge = (label: string): uPlot.Series => ({ ...line(kForecastColour, 1), label, spanGaps: true });
  const options: ChartOptions = {
    ...chartBasics(340),
    legend: { show: true, live: false },
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
    series: [
      {},
      cumulative('Budget (phased), cumulative', kBudgetColour, [8, 5]),
      cumulative('Actual spend, cumulative', kActualColour),
      cumulative('Forecast to year end', kForecastColour, [2, 4]),
      intervalEdge('Forecast’s 95% interval, lower end'),
      intervalEdge('Forecast’s 95% interval, upper end'),
    ],
    bands: [{ series: [5, 4], fill: kIntervalFill }],
  };
  return drawChart(options, [positions, data.budget, data.actual, data.forecast, data.low, data.high], 900);
}
