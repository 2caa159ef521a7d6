// One quality indicator at a time, as the Quality and Commissioner pages show it: a chooser of the
// indicators by group (the address follows the choice), the monthly SPC chart of the total or of
// any unit, a funnel plot of the units against the total, and a table of the same figures that
// can be downloaded as CSV. The answer's `practices` are the units and its `ico` the total; the
// labels say what those are on each page. Under disclosure control a suppressed count, or a value
// resting on one, reads "suppressed" and is left out of the charts.
//
//   main.append(...indicatorExplorer(quality, { path: 'quality', parameter, labels: kPracticeLabels }));

import type { Quality, QualityIndicator, QualityUnit } from '../api';
import { downloadButton, downloadCsv } from '../csv';
import { el, replace, scrollable, sectionAt, table, type Child } from '../dom';
import { capitalise, count, disclosedCount, indicatorUnit, indicatorValue, notShown, suppressed } from '../format';
import { funnelChart, funnelPoints, type FunnelPoint } from './funnel_chart';
import { assuranceBadge, badgeKey, variationBadge } from './spc_badges';
import { monthLabel, signalTone, spcChart } from './spc_chart';

// What the units and the total are called where the view is shown.
export interface UnitLabels {
  unit: string; // one unit in a sentence: 'practice'
  units: string; // several: 'practices'
  total: string; // the total unit: 'the whole ICO'
  funnelHeading: string; // the funnel plot's section: 'Practices against the ICO'
  headingLevel: 2 | 3; // the view's section headings: 3 below a heading of the page's own
}

// The Quality page's: the ICO's member practices against the ICO.
export const kPracticeLabels: UnitLabels = {
  unit: 'practice',
  units: 'practices',
  total: 'the whole ICO',
  funnelHeading: 'Practices against the ICO',
  headingLevel: 2,
};

export interface ExplorerOptions {
  path: string; // the page's address (#/path/INDICATOR) and the prefix of its CSV file's name
  parameter: string | undefined; // the indicator the address names, if any; else the first
  labels: UnitLabels;
}

// The chooser and the chosen indicator's view; `quality` has at least one indicator.
export function indicatorExplorer(quality: Quality, options: ExplorerOptions): Child[] {
  const chosen = quality.indicators.find((i) => i.id === options.parameter) ?? quality.indicators[0]!;
  const shown = el('div', {});
  const show = (indicator: QualityIndicator) => replace(shown, indicatorView(quality, indicator, options));
  show(chosen);
  const chooser = indicatorChooser(quality, chosen, (indicator) => {
    // The address follows the choice without a new history entry or a reload.
    history.replaceState(null, '', `#/${options.path}/${encodeURIComponent(indicator.id)}`);
    show(indicator);
  });
  return [chooser, shown];
}

// The indicators by group, in the order the server gives them.
export function indicatorGroups(quality: Quality): Map<string, QualityIndicator[]> {
  const groups = new Map<string, QualityIndicator[]>();
  for (const indicator of quality.indicators) groups.set(indicator.group, [...(groups.get(indicator.group) ?? []), indicator]);
  return groups;
}

function indicatorChooser(quality: Quality, chosen: QualityIndicator, onChoose: (indicator: QualityIndicator) => void): HTMLElement {
  const select = el(
    'select',
    { id: 'indicator', name: 'indicator' },
    [...indicatorGroups(quality)].map(([group, list]) =>
      el('optgroup', { label: capitalise(group) }, list.map((i) => el('option', { value: i.id, selected: i === chosen }, i.title))),
    ),
  );
  select.addEventListener('change', () => {
    const indicator = quality.indicators.find((i) => i.id === select.value);
    if (indicator) onChoose(indicator);
  });
  return el('div', { class: 'inline-form' }, el('label', { for: 'indicator' }, 'Indicator'), select);
}

function indicatorView(quality: Quality, indicator: QualityIndicator, options: ExplorerOptions): Child[] {
  const unit = indicatorUnit(indicator);
  const direction =
    indicator.polarity === 'higher_is_better'
      ? 'Higher is better.'
      : indicator.polarity === 'lower_is_better'
        ? 'Lower is better.'
        : 'Neither direction is better.';
  return [
    el(
      'p',
      { 'data-testid': 'indicator-summary' },
      el('strong', {}, indicator.title),
      unit ? ` (${unit})` : '',
      `. ${direction} Source: ${indicator.source}.`,
      indicator.target === undefined ? '' : ` Target: ${indicatorValue(indicator, indicator.target)}.`,
    ),
    spcSection(quality, indicator, options),
    funnelSection(quality, indicator, options),
    figuresSection(quality, indicator, options),
  ];
}

// How a unit is named in the chooser and the table: the total says what it is, a unit its code.
function unitName(indicator: QualityIndicator, unit: QualityUnit, labels: UnitLabels): string {
  return unit === indicator.ico ? `${unit.name} (${labels.total})` : `${unit.name} (${unit.id})`;
}

// The SPC chart of the total, or of the unit chosen below it, with its monthly table.
function spcSection(quality: Quality, indicator: QualityIndicator, options: ExplorerOptions): HTMLElement {
  const units = [indicator.ico, ...indicator.practices];
  const select = el(
    'select',
    { id: 'spc-unit', name: 'spc-unit' },
    units.map((u, i) => el('option', { value: String(i) }, unitName(indicator, u, options.labels))),
  );
  const shown = el('div', {});
  const show = () => replace(shown, spcFigure(quality, indicator, units[Number(select.value)] ?? indicator.ico));
  select.addEventListener('change', show);
  show();
  return sectionAt(
    options.labels.headingLevel,
    'spc',
    'Month by month',
    el('div', { class: 'inline-form' }, el('label', { for: 'spc-unit' }, 'Chart for'), select),
    shown,
    badgeKey(),
  );
}

function spcFigure(quality: Quality, indicator: QualityIndicator, unit: QualityUnit): Child[] {
  const withheld = unit.months.filter((m) => m.value === null).length;
  const spc = unit.spc;
  return [
    el(
      'p',
      { class: 'spc-reading' },
      spc ? variationBadge(spc.variation) : variationBadge(null),
      ' ',
      indicator.target === undefined ? null : assuranceBadge(spc?.assurance ?? null),
    ),
    el(
      'figure',
      { 'data-testid': 'spc-chart' },
      spcChart(indicator, unit),
      el(
        'figcaption',
        {},
        `${unit.name}: each month’s value (grey line), the mean (solid black) and the process limits (dashed)` +
          (indicator.target === undefined ? '' : ', the target (red dots)') +
          '. Larger points are special-cause signals: blue an improvement, orange a concern, purple a change where neither direction is better.' +
          (withheld > 0 ? ` ${count(withheld)} months without a value ${quality.disclosure === 'controlled' ? 'are suppressed and ' : ''}are not drawn.` : '') +
          ' The table below the chart gives the figures.',
      ),
    ),
    el(
      'details',
      { class: 'key' },
      el('summary', {}, `${unit.name}: monthly values`),
      scrollable(
        'spc-heading',
        table(
          `${indicator.title}, ${unit.name}, by month`,
          ['Month', 'Value', 'Special-cause signal'],
          unit.months.map((m) => [
            monthLabel(m.month),
            m.value === null ? withheldValue(quality) : indicatorValue(indicator, m.value),
            m.signals ? `${m.signals} (${signalTone(indicator, m.signals)})` : 'none',
          ]),
          { numeric: [1], rowHeader: 0 },
        ),
      ),
    ),
  ];
}

function funnelSection(quality: Quality, indicator: QualityIndicator, options: ExplorerOptions): HTMLElement {
  const { labels } = options;
  const points = funnelPoints(indicator);
  const left = indicator.practices.length - points.length;
  return sectionAt(
    labels.headingLevel,
    'funnel',
    labels.funnelHeading,
    points.length > 0 ? funnelFigure(indicator, points, options) : null,
    left > 0
      ? el(
          'p',
          { class: 'notice', 'data-testid': 'funnel-withheld' },
          `${count(left)} of ${count(indicator.practices.length)} ${labels.units} are not drawn: ` +
            (quality.disclosure === 'controlled' ? 'their values are suppressed.' : 'they have nothing to count.'),
        )
      : null,
  );
}

function funnelFigure(indicator: QualityIndicator, points: FunnelPoint[], options: ExplorerOptions): HTMLElement {
  const { labels } = options;
  const outside = points.filter((p) => p.outside).map((p) => (p.unit.name ? `${p.unit.name} (${p.unit.id})` : p.unit.id));
  return el(
    'figure',
    { 'data-testid': 'funnel-chart' },
    funnelChart(indicator, points),
    el(
      'figcaption',
      {},
      `Each ${labels.unit}’s value (black point) against its denominator; the value for ${labels.total} (dark blue line); the 95% (dashed) ` +
        'and 99.8% (solid grey) control limits, which narrow as the denominator grows. ' +
        (outside.length > 0
          ? `Outside the 99.8% limits (larger points, blue when better, orange when worse): ${outside.join(', ')}. `
          : `No ${labels.unit} lies outside the 99.8% limits. `) +
        (indicator.funnel_overdispersion > 1
          ? `The limits are widened for over-dispersion between ${labels.units} (φ = ${indicator.funnel_overdispersion.toFixed(2)}). `
          : '') +
        'The table below gives the figures.',
    ),
  );
}

function figuresSection(quality: Quality, indicator: QualityIndicator, options: ExplorerOptions): HTMLElement {
  const { labels } = options;
  const units = [...indicator.practices, indicator.ico];
  const interval = (u: QualityUnit) =>
    u.estimate ? `${indicatorValue(indicator, u.estimate.lower)} to ${indicatorValue(indicator, u.estimate.upper)}` : '';
  const rows: Child[][] = units.map((u) => [
    unitName(indicator, u, labels),
    disclosedCount(u.numerator),
    disclosedCount(u.denominator),
    u.estimate ? el('span', { 'data-testid': `value-${u.id}` }, indicatorValue(indicator, u.estimate.value)) : withheldValue(quality, u),
    u.estimate ? interval(u) : notShown(),
    u.funnel?.position ?? (u === indicator.ico ? 'the benchmark' : notShown()),
  ]);
  const scale = valueColumn(indicator);
  const download = () =>
    downloadCsv(
      `${options.path}-${indicator.id}.csv`,
      ['unit', 'name', 'numerator', 'denominator', scale.name, `${scale.name}_lower`, `${scale.name}_upper`, 'funnel_position'],
      units.map((u) => [
        u.id,
        u.name,
        u.numerator ?? 'suppressed',
        u.denominator ?? 'suppressed',
        ...(u.estimate ? [u.estimate.value, u.estimate.lower, u.estimate.upper].map(scale.of) : withheldCells(quality, u)),
        u.funnel?.position ?? '',
      ]),
    );
  return sectionAt(
    labels.headingLevel,
    'figures',
    'The figures',
    downloadButton('the figures', download),
    scrollable(
      'figures-heading',
      table(
        `${indicator.title} by ${labels.unit}`,
        [capitalise(labels.unit), 'Numerator', 'Denominator', 'Value', '95% interval', 'Funnel position'],
        rows,
        { numeric: [1, 2, 3, 4], rowHeader: 0 },
      ),
    ),
  );
}

// A value that is not there: suppressed under disclosure control, otherwise nothing to count.
export function withheldValue(quality: Quality, unit?: QualityUnit): Node {
  return quality.disclosure === 'controlled' && !nothingCounted(unit) ? suppressed('it rests on a suppressed count') : notShown();
}

// A unit with nothing to count (no survey responses yet, say) has no value whoever asks.
function nothingCounted(unit?: QualityUnit): boolean {
  return unit !== undefined && unit.denominator === 0;
}

function withheldCells(quality: Quality, unit?: QualityUnit): string[] {
  const text = quality.disclosure === 'controlled' && !nothingCounted(unit) ? 'suppressed' : '';
  return [text, text, text];
}

// The CSV's value column in the unit the pages show: percentages, rates per `per`, ratios.
export function valueColumn(indicator: QualityIndicator): { name: string; of: (v: number) => number } {
  switch (indicator.measure) {
    case 'proportion':
      return { name: 'percent', of: (v) => Number((v * 100).toFixed(2)) };
    case 'rate':
      return { name: `per_${indicator.per ?? 1}_person_years`, of: (v) => Number(v.toFixed(2)) };
    case 'ratio':
      return { name: 'ratio', of: (v) => Number(v.toFixed(3)) };
  }
}
