// List sizes by practice as a horizontal bar chart (uPlot). The chart is a picture of the
// practices table beside it, which carries the same figures for screen readers and keyboard
// users; a practice whose count is suppressed has no bar.
//
//   figure.append(listSizeChart(overview.practices));

import uPlot from 'uplot';
import type { Overview } from '../api';
import { count } from '../format';
import { axis, chartBasics, chartHolder, drawChart, kColour, niceCeiling, type ChartOptions } from './chart';

export function listSizeChart(practices: Overview['practices']): HTMLElement {
  if (practices.length === 0) return chartHolder();

  const names = practices.map((p) => p.name);
  const positions = practices.map((_, i) => i);
  const sizes = practices.map((p) => p.registered);
  const options: ChartOptions = {
    ...chartBasics(40 + 34 * practices.length),
    // The category scale runs down the page, one practice a row; the count scale runs across
    // from zero.
    scales: {
      x: { time: false, ori: 1, dir: -1, range: [-0.5, practices.length - 0.5] },
      y: { ori: 0, dir: 1, range: (_u, _min, max) => [0, niceCeiling(max)] },
    },
    axes: [
      axis({
        side: 3,
        ticks: { show: false },
        splits: () => positions,
        values: (_u, splits) => splits.map((i) => names[i] ?? ''),
        size: (_u, values) => 16 + 7.5 * Math.max(0, ...(values ?? []).map((v) => v.length)),
      }),
      axis({
        side: 2,
        gridLines: true,
        space: 70, // pixels between ticks, so that counts in thousands do not collide
        values: (_u, splits) => splits.map((v) => count(v)),
      }),
    ],
    series: [
      {},
      {
        label: 'Registered patients',
        fill: kColour.blue,
        stroke: kColour.blue,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.75, 26], align: 0 }),
        points: { show: false },
      },
    ],
  };
  return drawChart(options, [positions, sizes]);
}
