// What the uPlot charts share: the holder that hides a chart from screen readers (each chart is
// a picture of a table beside it, which carries the same figures), the width that follows the
// holder's container as the window resizes, the colours and the axis styles, so every chart on
// every page reads alike.
//
//   figure.append(drawChart({ ...chartBasics(320), axes: [axis(), axis({ gridLines: true })], series }, data));

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const kColour = {
  text: '#212b32',
  grid: '#d8dde0',
  blue: '#005eb8', // NHS blue; Making Data Count's improvement
  darkBlue: '#003087', // a benchmark line
  orange: '#ed8b00', // Making Data Count's concern
  purple: '#7030a0', // a change where neither direction is better
  grey: '#5f6b73', // common cause
  red: '#d5281b', // a target
};

export const kFont = '13px system-ui, sans-serif';

// A chart's options without its width, which drawChart sets from the chart's container.
export type ChartOptions = Omit<uPlot.Options, 'width'>;

// A chart is never narrower than this, however narrow its container (it then overflows): below
// it the axes' labels would collide.
const kMinimumWidth = 320;

// The holder of a chart, or the empty holder of a chart with nothing to draw. It is a block
// that spans its container, so its width is the width the chart may take.
export function chartHolder(): HTMLElement {
  const holder = document.createElement('div');
  holder.className = 'chart';
  holder.setAttribute('aria-hidden', 'true');
  return holder;
}

// Draws a chart in a new holder. The chart is as wide as the holder's container allows, between
// 320 pixels and `maxWidth`: from the moment the holder is placed on the page, and again whenever
// the container's width changes (the window resizes). Once the holder leaves the page the chart
// stops following it and is let go.
export function drawChart(options: ChartOptions, data: uPlot.AlignedData, maxWidth = 760): HTMLElement {
  const holder = chartHolder();
  const chart = new uPlot({ ...options, width: maxWidth }, data, holder);
  const observer = new ResizeObserver(() => {
    if (!holder.isConnected) {
      observer.disconnect();
      chart.destroy();
      return;
    }
    if (holder.clientWidth === 0) return; // hidden: keep the last width
    const width = Math.round(Math.max(kMinimumWidth, Math.min(holder.clientWidth - frame(chart.root), maxWidth)));
    if (width !== chart.width) chart.setSize({ width, height: chart.height });
  });
  observer.observe(holder);
  return holder;
}

// The padding and border styles.css draws round a chart, across.
function frame(root: HTMLElement): number {
  const style = getComputedStyle(root);
  const sides = [style.paddingLeft, style.paddingRight, style.borderLeftWidth, style.borderRightWidth];
  return sides.reduce((sum, side) => sum + (parseFloat(side) || 0), 0);
}

// A static chart `height` pixels high: no legend (the caption and key say what each line is), no
// cursor, no zoom.
export function chartBasics(height: number): Pick<uPlot.Options, 'height' | 'legend' | 'cursor' | 'select'> {
  return {
    height,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
  };
}

export function axis(options: uPlot.Axis & { gridLines?: boolean } = {}): uPlot.Axis {
  const { gridLines, ...rest } = options;
  return {
    font: kFont,
    stroke: kColour.text,
    grid: gridLines ? { stroke: kColour.grid, width: 1 } : { show: false },
    ...rest,
  };
}

// The ticks of an axis of `count` categories at 0, 1, 2 ... (months): every one, or every
// second, third ..., so that labels `space` pixels apart fit the chart's width as it is now.
export function categorySplits(count: number, space = 56): uPlot.Axis.Splits {
  return (u) => {
    const fit = Math.max(1, Math.floor(u.bbox.width / uPlot.pxRatio / space));
    const every = Math.ceil(count / fit);
    return Array.from({ length: count }, (_, i) => i).filter((i) => i % every === 0);
  };
}

// A series drawn as points only, each `size` pixels across.
export function pointsOnly(colour: string, size: number): uPlot.Series {
  return {
    stroke: colour,
    fill: colour,
    paths: () => null,
    points: { show: true, size, fill: colour, stroke: colour, width: 1 },
  };
}

// A line without points; `dash` as the canvas's setLineDash takes it.
export function line(colour: string, width: number, dash?: number[]): uPlot.Series {
  return { stroke: colour, width, dash, points: { show: false } };
}

// The value scale of an indicator's chart: a proportion's lies between 0% and 100%, however
// far its process or control limits reach beyond.
export function valueRange(measure: string): uPlot.Scale.Range {
  return (_u, min, max) => {
    const pad = Math.max((max - min) * 0.1, Math.abs(max) * 0.01, 1e-9);
    const [low, high] = [min - pad, max + pad];
    return measure === 'proportion' ? [Math.max(0, low), Math.min(1, high)] : [low, high];
  };
}

// The next round number at or above `n`, so the largest figure fills most of an axis.
export function niceCeiling(n: number | null): number {
  if (!n || n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) if (step * power >= n) return step * power;
  return 10 * power;
}
