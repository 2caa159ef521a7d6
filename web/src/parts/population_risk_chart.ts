// The simulated year's spend by population size (uPlot): for each size, the spend as a
// percentage of its budget, the 5th to 95th centile of the simulated years as a bar and the mean
// as a point, against the budget (a dashed line at 100%); above each bar, the chance of an
// overspend. The bars narrow as the population grows. The chart is a picture of the table
// beside it, which carries the same figures for screen readers and keyboard users.
//
//   figure.append(populationRiskChart(sizes, (size) => count(size.population)));

import uPlot from 'uplot';
import type { SimulatedSize } from '../api';
import { percent } from '../format';
import { axis, chartBasics, chartHolder, drawChart, kColour, pointsOnly, type ChartOptions } from './chart';

const kBarFill = 'rgba(0, 94, 184, 0.25)'; // NHS blue, light
const kBudgetColour = '#4c6272'; // grey, as the burn-up's budget
const kAxisLabelFont = '600 13px system-ui, sans-serif';

// Spend as a percentage of the size's budget.
function ofBudget(size: SimulatedSize, pence: number): number {
  return (100 * pence) / size.budget_pence;
}

// `name` labels each size on the axis (its lines split at '\n').
export function populationRiskChart(sizes: SimulatedSize[], name: (size: SimulatedSize) => string): HTMLElement {
  if (sizes.length === 0) return chartHolder();

  const positions = sizes.map((_, i) => i);
  const low = sizes.map((z) => ofBudget(z, z.spend_p5_pence));
  const high = sizes.map((z) => ofBudget(z, z.spend_p95_pence));
  const mean = sizes.map((z) => ofBudget(z, z.mean_spend_pence));
  // The budget and every bar in view, with room above the bars for their chance of an overspend.
  const bottom = Math.min(100, ...low);
  const top = Math.max(100, ...high);
  const pad = Math.max((top - bottom) * 0.08, 0.25);
  const headroom = (top - bottom + pad) * 0.25;
  const ratio = uPlot.pxRatio;

  const options: ChartOptions = {
    ...chartBasics(340),
    scales: {
      x: { time: false, range: [-0.5, sizes.length - 0.5] },
      y: { range: [bottom - pad, top + headroom] },
    },
    axes: [
      axis({
        ticks: { show: false },
        splits: () => positions,
        values: (_u, splits) => splits.map((i) => name(sizes[i]!)),
        size: 56,
      }),
      axis({
        gridLines: true,
        size: 64,
        label: 'Spend, % of budget',
        labelFont: kAxisLabelFont,
        labelSize: 30,
        values: (_u, splits) => splits.map((v) => `${Number(v.toFixed(1))}%`),
      }),
    ],
    series: [{}, { ...pointsOnly(kColour.darkBlue, 11), label: 'Mean spend, % of budget' }],
    hooks: {
      // The bars go under the mean's points.
      drawAxes: [
        (u) => {
          const ctx = u.ctx;
          const width = Math.min(56 * ratio, (u.bbox.width / sizes.length) * 0.45);
          ctx.save();
          ctx.fillStyle = kBarFill;
          ctx.strokeStyle = kColour.blue;
          ctx.lineWidth = 1.5 * ratio;
          sizes.forEach((_, i) => {
            const x = u.valToPos(i, 'x', true) - width / 2;
            const y = u.valToPos(high[i]!, 'y', true);
            const h = u.valToPos(low[i]!, 'y', true) - y;
            ctx.fillRect(x, y, width, h);
            ctx.strokeRect(x, y, width, h);
          });
          ctx.restore();
        },
      ],
      // The budget across the plot, and each size's chance of an overspend above its bar, with
      // its meaning beneath where there is room.
      draw: [
        (u) => {
          const ctx = u.ctx;
          const budget = u.valToPos(100, 'y', true);
          const right = u.bbox.left + u.bbox.width;
          const font = (weight: number) => `${weight} ${Math.round(13 * ratio)}px system-ui, sans-serif`;
          ctx.save();
          ctx.strokeStyle = kBudgetColour;
          ctx.lineWidth = 2 * ratio;
          ctx.setLineDash([8 * ratio, 5 * ratio]);
          ctx.beginPath();
          ctx.moveTo(u.bbox.left, budget);
          ctx.lineTo(right, budget);
          ctx.stroke();
          ctx.font = font(400);
          ctx.fillStyle = kColour.text;
          ctx.textAlign = 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText('budget', right - 4 * ratio, budget - 3 * ratio);
          ctx.textAlign = 'center';
          const roomy = u.bbox.width / ratio / sizes.length >= 135;
          sizes.forEach((z, i) => {
            const x = u.valToPos(i, 'x', true);
            let y = u.valToPos(high[i]!, 'y', true) - 5 * ratio;
            if (roomy) {
              ctx.font = font(400);
              ctx.fillText('chance of overspend', x, y);
              y -= 17 * ratio;
            }
            ctx.font = font(700);
            ctx.fillText(percent(z.p_overspend), x, y);
          });
          ctx.restore();
        },
      ],
    },
  };
  return drawChart(options, [positions, mean]);
}
