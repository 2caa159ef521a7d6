// Practices against the ICO as a funnel plot (uPlot): each practice a point at its denominator
// and value, the ICO's value a horizontal line, and the 95% (dashed) and 99.8% (solid) control
// limits as curves that join the limits the server gives at each practice's own denominator. A
// practice outside the 99.8% limits is a larger point labelled with its code: blue when it is
// better than the ICO, orange when worse, purple when neither direction is better. Practices
// without a value (withheld under disclosure control, or nothing to count) are left out; the
// page says how many. The chart is a picture of the practices table beside it. The
// commissioner's comparison draws its ICOs and control practices against everyone compared the
// same way: the indicator's `practices` are the units, its `ico` the total.
//
//   figure.append(funnelChart(indicator, funnelPoints(indicator)));

import uPlot from 'uplot';
import type { QualityIndicator, QualityUnit } from '../api';
import { count, indicatorValue } from '../format';
import { funnelTone } from './funnel_reading';
import { axis, chartBasics, chartHolder, drawChart, kColour, line, pointsOnly, valueRange, type ChartOptions } from './chart';

// A label's box in the plot's CSS pixels.
interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

// Writes each outlier's code beside its point, as text over the plot, where it overlaps no
// other label and stays inside the plot: above right of the point, else below right, above left
// or below left, else the nearest free place up or down from there. Drawn again with the chart
// (its width follows the window), so the places are worked out again each time.
function placeLabels(u: uPlot, outliers: FunnelPoint[]): void {
  const layer = u.over;
  layer.querySelectorAll('.funnel-label').forEach((old) => old.remove());
  const width = u.over.clientWidth;
  const height = u.over.clientHeight;
  const placed: Box[] = [];
  const gap = 6;
  // Highest first, so that labels stack downwards in the order of the points.
  const ordered = [...outliers].sort((a, b) => b.value - a.value);
  for (const p of ordered) {
    const text = document.createElement('span');
    text.className = 'funnel-label';
    text.textContent = p.unit.id;
    layer.append(text);
    const w = text.offsetWidth;
    const h = text.offsetHeight;
    const x = u.valToPos(p.denominator, 'x');
    const y = u.valToPos(p.value, 'y');
    const inside = (b: Box) => b.left >= 0 && b.top >= 0 && b.left + b.width <= width && b.top + b.height <= height;
    const free = (b: Box) => inside(b) && !placed.some((other) => overlap(b, other));
    const corners: Box[] = [
      { left: x + gap, top: y - h - 2, width: w, height: h },
      { left: x + gap, top: y + 2, width: w, height: h },
      { left: x - gap - w, top: y - h - 2, width: w, height: h },
      { left: x - gap - w, top: y + 2, width: w, height: h },
    ];
    let box = corners.find(free);
    for (let step = 1; !box && step < 40; ++step) {
      box = corners
        .flatMap((c) => [-1, 1].map((sign) => ({ ...c, top: c.top + sign * step * (h / 2) })))
        .find(free);
    }
    box ??= corners[0]!;
    text.style.left = `${Math.round(box.left)}px`;
    text.style.top = `${Math.round(box.top)}px`;
    placed.push(box);
  }
}

// A practice the funnel plot can place: it has a value, a denominator and limits.
export interface FunnelPoint {
  unit: QualityUnit;
  denominator: number;
  value: number;
  funnel: NonNullable<QualityUnit['funnel']>;
  outside: boolean; // beyond the 99.8% limits
}

// An outlier's colour follows its tone: blue better, orange worse, purple neither.
function outlierColour(point: FunnelPoint): string {
  const tone = funnelTone(point.funnel.position);
  return tone === 'better' ? kColour.blue : tone === 'worse' ? kColour.orange : kColour.purple;
}

// The indicator's practices that have what a funnel plot needs, by denominator.
export function funnelPoints(indicator: QualityIndicator): FunnelPoint[] {
  const points: FunnelPoint[] = [];
  for (const unit of indicator.practices) {
    if (unit.estimate === null || unit.denominator === null || !unit.funnel) continue;
    const { value } = unit.estimate;
    const [lower, upper] = unit.funnel.outer;
    points.push({ unit, denominator: unit.denominator, value, funnel: unit.funnel, outside: value < lower || value > upper });
  }
  return points.sort((a, b) => a.denominator - b.denominator);
}

export function funnelChart(indicator: QualityIndicator, points: FunnelPoint[]): HTMLElement {
  if (points.length === 0) return chartHolder();
  const ico = indicator.ico.estimate?.value;
  const outlierColours = [kColour.blue, kColour.orange, kColour.purple];
  const at = (pick: (p: FunnelPoint) => number | null) => points.map(pick);
  const data: uPlot.AlignedData = [
    points.map((p) => p.denominator),
    at((p) => p.funnel.outer[0]),
    at((p) => p.funnel.outer[1]),
    at((p) => p.funnel.inner[0]),
    at((p) => p.funnel.inner[1]),
    at((p) => (p.outside ? null : p.value)),
    ...outlierColours.map((colour) => at((p) => (p.outside && outlierColour(p) === colour ? p.value : null))),
  ];
  // The denominators the practices span, with a margin, so the funnel fills the plot.
  const smallest = points[0]!.denominator;
  const largest = points[points.length - 1]!.denominator;
  const margin = Math.max((largest - smallest) * 0.15, largest * 0.05);
  const options: ChartOptions = {
    ...chartBasics(360),
    scales: {
      x: { time: false, range: [Math.max(0, smallest - margin), largest + margin] },
      y: { range: valueRange(indicator.measure) },
    },
    axes: [
      axis({ space: 70, values: (_u, splits) => splits.map((v) => count(v)) }),
      axis({ gridLines: true, size: 64, values: (_u, splits) => splits.map((v) => indicatorValue(indicator, v)) }),
    ],
    series: [
      {},
      line(kColour.grey, 1.5),
      line(kColour.grey, 1.5),
      line(kColour.grey, 1.5, [6, 4]),
      line(kColour.grey, 1.5, [6, 4]),
      pointsOnly(kColour.text, 7),
      ...outlierColours.map((colour) => pointsOnly(colour, 12)),
    ],
    hooks: {
      // The ICO's value across the whole plot, and each outlier's practice code beside it.
      draw: [
        (u) => {
          if (ico !== undefined) {
            const y = u.valToPos(ico, 'y', true);
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = kColour.darkBlue;
            ctx.lineWidth = 2 * uPlot.pxRatio;
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.stroke();
            ctx.restore();
          }
          placeLabels(u, points.filter((p) => p.outside));
        },
      ],
    },
  };
  return drawChart(options, data);
}
