// List sizes by practice as a horizontal bar chart (uPlot). The chart is a picture of the
// practices table beside it, which carries the same figures for screen readers and keyboard
// users; a practice whose count is suppressed has no bar.
//
//   container.append(listSizeChart(overview.practices, container.clientWidth));

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Overview } from '../api';
import { count } from '../format';

const kBarColour = '#005eb8'; // NHS blue
const kTextColour = '#212b32';
const kFont = '13px system-ui, sans-serif';

export function listSizeChart(practices: Overview['practices'], width: number): HTMLElement {
  const holder = document.createElement('div');
  holder.className = 'chart';
  holder.setAttribute('aria-hidden', 'true');
  if (practices.length === 0) return holder;

  const names = practices.map((p) => p.name);
  const positions = practices.map((_, i) => i);
  const sizes = practices.map((p) => p.registered);
  const options: uPlot.Options = {
    width: Math.max(320, Math.min(width, 760)),
    height: 40 + 34 * practices.length,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    // The category scale runs down the page, one practice a row; the count scale runs across
    // from zero.
    scales: {
      x: { time: false, ori: 1, dir: -1, range: [-0.5, practices.length - 0.5] },
      y: { ori: 0, dir: 1, range: (_u, _min, max) => [0, niceCeiling(max)] },
    },
    axes: [
      {
        side: 3,
        font: kFont,
        stroke: kTextColour,
        grid: { show: false },
        ticks: { show: false },
        splits: () => positions,
        values: (_u, splits) => splits.map((i) => names[i] ?? ''),
        size: (_u, values) => 16 + 7.5 * Math.max(0, ...(values ?? []).map((v) => v.length)),
      },
      {
        side: 2,
        font: kFont,
        stroke: kTextColour,
        grid: { stroke: '#d8dde0', width: 1 },
        space: 70, // pixels between ticks, so that counts in thousands do not collide
        values: (_u, splits) => splits.map((v) => count(v)),
      },
    ],
    series: [
      {},
      {
        label: 'Registered patients',
        fill: kBarColour,
        stroke: kBarColour,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.75, 26], align: 0 }),
        points: { show: false },
      },
    ],
  };
  new uPlot(options, [positions, sizes], holder);
  return holder;
}

// The next round number at or above `n`, so the longest bar fills most of the width.
function niceCeiling(n: number | null): number {
  if (!n || n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) if (step * power >= n) return step * power;
  return 10 * power;
}
