// A unit's monthly values as a Making Data Count SPC chart (uPlot): the values joined with
// points, the mean as a solid line, the process limits dashed, the target (if any) in red; a
// month with a special-cause signal is a larger point, blue when the change is an improvement,
// orange when it is a concern, purple when neither direction is better, and every other month
// is grey. The chart is a picture of the monthly table beside it.
//
//   figure.append(spcChart(indicator, indicator.ico));

import uPlot from 'uplot';
import type { QualityIndicator, QualityUnit } from '../api';
import { indicatorValue } from '../format';
import { axis, categorySplits, chartBasics, chartHolder, drawChart, kColour, line, pointsOnly, valueRange, type ChartOptions } from './chart';

export type SignalTone = 'improving' | 'concerning' | 'neither';

// How a month's signal reads: a signal above the mean or rising is good news when higher is
// better, and so on; null when the month has no signal.
export function signalTone(indicator: QualityIndicator, signals: string | undefined): SignalTone | null {
  if (!signals) return null;
  if (indicator.polarity === 'neither') return 'neither';
  const high = /above|rising|upper/.test(signals);
  return high === (indicator.polarity === 'higher_is_better') ? 'improving' : 'concerning';
}

const kToneColour: Record<SignalTone, string> = {
  improving: kColour.blue,
  concerning: kColour.orange,
  neither: kColour.purple,
};

const kMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });

// "2024-04" as "Apr 24".
export function monthLabel(month: string): string {
  const parsed = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? month : kMonth.format(parsed);
}

export function spcChart(indicator: QualityIndicator, unit: QualityUnit): HTMLElement {
  const months = unit.months;
  if (months.length === 0) return chartHolder();
  const positions = months.map((_, i) => i);
  const values = months.map((m) => m.value);
  const constant = (v: number | undefined) => months.map(() => v ?? null);
  const tones = months.map((m) => signalTone(indicator, m.signals));
  const toned = (tone: SignalTone) => months.map((m, i) => (tones[i] === tone ? m.value : null));

  const series: uPlot.Series[] = [
    {},
    { ...line(kColour.grey, 2), points: { show: true, size: 6, fill: kColour.grey, stroke: kColour.grey } },
    line(kColour.text, 1.5),
    line(kColour.grey, 1.5, [6, 4]),
    line(kColour.grey, 1.5, [6, 4]),
    line(kColour.red, 1.5, [2, 3]),
    pointsOnly(kToneColour.improving, 11),
    pointsOnly(kToneColour.concerning, 11),
    pointsOnly(kToneColour.neither, 11),
  ];
  const data: uPlot.AlignedData = [
    positions,
    values,
    constant(unit.spc?.mean),
    constant(unit.spc?.upper_process_limit),
    constant(unit.spc?.lower_process_limit),
    constant(indicator.target),
    toned('improving'),
    toned('concerning'),
    toned('neither'),
  ];
  const options: ChartOptions = {
    ...chartBasics(320),
    scales: { x: { time: false, range: [-0.5, months.length - 0.5] }, y: { range: valueRange(indicator.measure) } },
    axes: [
      axis({
        splits: categorySplits(months.length),
        values: (_u, splits) => splits.map((i) => (months[i] ? monthLabel(months[i].month) : '')),
      }),
      axis({
        gridLines: true,
        size: 64,
        values: (_u, splits) => splits.map((v) => indicatorValue(indicator, v)),
      }),
    ],
    series,
  };
  return drawChart(options, data);
}
