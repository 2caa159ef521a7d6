// An outcome's event study as a chart (uPlot): the effect in each period before and after the
// pilots' start, as points, with its 95% interval as dashed lines above and below and no effect
// as the line at zero. A picture of the event-study table beside it, which carries the same
// figures for screen readers and keyboard users; a withheld figure has no point.
//
//   figure.append(eventStudyChart(outcome.event_study));

import type { OutcomeEvaluation } from '../api';
import { axis, chartBasics, chartHolder, drawChart, kColour, line, pointsOnly, type ChartOptions } from './chart';

export function eventStudyChart(rows: NonNullable<OutcomeEvaluation['event_study']>): HTMLElement {
  if (rows.length === 0) return chartHolder();
  const periods = rows.map((r) => r.periods_since_start);
  const options: ChartOptions = {
    ...chartBasics(220),
    scales: {
      x: { time: false, range: [Math.min(...periods) - 0.5, Math.max(...periods) + 0.5] },
      y: {
        range: (_u, min, max) => {
          const low = Math.min(min, 0);
          const high = Math.max(max, 0);
          const pad = Math.max((high - low) * 0.1, 1e-9);
          return [low - pad, high + pad];
        },
      },
    },
    axes: [
      axis({ splits: () => periods, values: (_u, splits) => splits.map((p) => (p > 0 ? `+${p}` : String(p))) }),
      axis({ gridLines: true, size: 64 }),
    ],
    series: [
      {},
      line(kColour.grey, 1),
      line(kColour.darkBlue, 1, [4, 4]),
      line(kColour.darkBlue, 1, [4, 4]),
      pointsOnly(kColour.blue, 8),
    ],
  };
  return drawChart(options, [
    periods,
    periods.map(() => 0),
    rows.map((r) => r.ci_low),
    rows.map((r) => r.ci_high),
    rows.map((r) => r.estimate),
  ]);
}
