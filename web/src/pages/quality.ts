// Quality: one indicator at a time (#/quality/INDICATOR), as the ICO's or a practice's monthly
// SPC chart and as a funnel plot of the practices against the ICO, with a table of the same
// figures that can be downloaded as CSV. Under disclosure control (commissioner, evaluator) a
// suppressed count or a value resting on one reads "suppressed" and is left out of the charts.

import { api, type Quality, type QualityIndicator, type QualityUnit } from '../api';
import { downloadCsv } from '../csv';
import { el, replace, scrollable, section, table, type Child } from '../dom';
import { capitalise, count, date, disclosedCount, disclosureNotice, indicatorUnit, indicatorValue, notShown, suppressed } from '../format';
import type { Page } from '../page';
import { funnelChart, funnelPoints, type FunnelPoint } from '../parts/funnel_chart';
import { assuranceBadge, badgeKey, variationBadge } from '../parts/spc_badges';
import { monthLabel, signalTone, spcChart } from '../parts/spc_chart';

export const qualityPage: Page = {
  path: 'quality',
  title: 'Quality',
  allowed: (session) => session.role !== 'administrator',
  async render(main, context) {
    const quality = await api.quality();
    const first = quality.indicators[0];
    main.append(
      el('h1', { tabindex: '-1' }, 'Quality of care'),
      el('p', { class: 'lede' }, `${quality.ico.name}, ${date(quality.period.start)} to ${date(quality.period.end)}`),
    );
    if (quality.disclosure === 'controlled') {
      main.append(disclosureNotice('counts are rounded to the nearest 5, counts of 1 to 7 are suppressed, and so is any value resting on one.'));
    }
    if (!first) {
      main.append(el('p', {}, 'No quality indicators are defined for this ICO.'));
      return;
    }
    const chosen = quality.indicators.find((i) => i.id === context.parameter) ?? first;
    const shown = el('div', {});
    const show = (indicator: QualityIndicator) => replace(shown, indicatorView(quality, indicator));
    main.append(indicatorChooser(quality, chosen, (indicator) => {
      // The address follows the choice without a new history entry or a reload.
      history.replaceState(null, '', `#/quality/${encodeURIComponent(indicator.id)}`);
      show(indicator);
    }), shown);
    show(chosen);
  },
};

function indicatorChooser(quality: Quality, chosen: QualityIndicator, onChoose: (indicator: QualityIndicator) => void): HTMLElement {
  const groups = new Map<string, QualityIndicator[]>();
  for (const indicator of quality.indicators) groups.set(indicator.group, [...(groups.get(indicator.group) ?? []), indicator]);
  const select = el(
    'select',
    { id: 'indicator', name: 'indicator' },
    [...groups].map(([group, list]) =>
      el('optgroup', { label: capitalise(group) }, list.map((i) => el('option', { value: i.id, selected: i === chosen }, i.title))),
    ),
  );
  select.addEventListener('change', () => {
    const indicator = quality.indicators.find((i) => i.id === select.value);
    if (indicator) onChoose(indicator);
  });
  return el('div', { class: 'inline-form' }, el('label', { for: 'indicator' }, 'Indicator'), select);
}

function indicatorView(quality: Quality, indicator: QualityIndicator): Child[] {
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
    spcSection(quality, indicator),
    funnelSection(quality, indicator),
    practiceTable(quality, indicator),
  ];
}

// The SPC chart of the ICO, or of the practice chosen below it, with its monthly table.
function spcSection(quality: Quality, indicator: QualityIndicator): HTMLElement {
  const units = [indicator.ico, ...indicator.practices];
  const select = el(
    'select',
    { id: 'spc-unit', name: 'spc-unit' },
    units.map((u, i) => el('option', { value: String(i) }, i === 0 ? `${u.name} (the whole ICO)` : `${u.name} (${u.id})`)),
  );
  const shown = el('div', {});
  const show = () => replace(shown, spcFigure(quality, indicator, units[Number(select.value)] ?? indicator.ico));
  select.addEventListener('change', show);
  show();
  return section(
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

function funnelSection(quality: Quality, indicator: QualityIndicator): HTMLElement {
  const points = funnelPoints(indicator);
  const left = indicator.practices.length - points.length;
  return section(
    'funnel',
    'Practices against the ICO',
    points.length > 0 ? funnelFigure(indicator, points) : null,
    left > 0
      ? el(
          'p',
          { class: 'notice', 'data-testid': 'funnel-withheld' },
          `${count(left)} of ${count(indicator.practices.length)} practices are not drawn: ` +
            (quality.disclosure === 'controlled' ? 'their values are suppressed.' : 'they have nothing to count.'),
        )
      : null,
  );
}

function funnelFigure(indicator: QualityIndicator, points: FunnelPoint[]): HTMLElement {
  const outside = points.filter((p) => p.outside).map((p) => p.unit.id);
  return el(
    'figure',
    { 'data-testid': 'funnel-chart' },
    funnelChart(indicator, points),
    el(
      'figcaption',
      {},
      'Each practice’s value (black point) against its denominator; the ICO’s value (dark blue line); the 95% (dashed) ' +
        'and 99.8% (solid grey) control limits, which narrow as the denominator grows. ' +
        (outside.length > 0
          ? `Outside the 99.8% limits (larger points, blue when better, orange when worse): ${outside.join(', ')}. `
          : 'No practice lies outside the 99.8% limits. ') +
        (indicator.funnel_overdispersion > 1
          ? `The limits are widened for over-dispersion between practices (φ = ${indicator.funnel_overdispersion.toFixed(2)}). `
          : '') +
        'The table below gives the figures.',
    ),
  );
}

function practiceTable(quality: Quality, indicator: QualityIndicator): HTMLElement {
  const units = [...indicator.practices, indicator.ico];
  const interval = (u: QualityUnit) =>
    u.estimate ? `${indicatorValue(indicator, u.estimate.lower)} to ${indicatorValue(indicator, u.estimate.upper)}` : '';
  const rows: Child[][] = units.map((u) => [
    u === indicator.ico ? `${u.name} (the whole ICO)` : `${u.name} (${u.id})`,
    disclosedCount(u.numerator),
    disclosedCount(u.denominator),
    u.estimate ? el('span', { 'data-testid': `value-${u.id}` }, indicatorValue(indicator, u.estimate.value)) : withheldValue(quality),
    u.estimate ? interval(u) : notShown(),
    u.funnel?.position ?? (u === indicator.ico ? 'the benchmark' : notShown()),
  ]);
  const scale = valueColumn(indicator);
  const download = () =>
    downloadCsv(
      `quality-${indicator.id}.csv`,
      ['unit', 'name', 'numerator', 'denominator', scale.name, `${scale.name}_lower`, `${scale.name}_upper`, 'funnel_position'],
      units.map((u) => [
        u.id,
        u.name,
        u.numerator ?? 'suppressed',
        u.denominator ?? 'suppressed',
        ...(u.estimate ? [u.estimate.value, u.estimate.lower, u.estimate.upper].map(scale.of) : withheldCells(quality)),
        u.funnel?.position ?? '',
      ]),
    );
  return section(
    'figures',
    'The figures',
    el('button', { type: 'button', class: 'secondary', onclick: download }, 'Download CSV'),
    scrollable(
      'figures-heading',
      table(
        `${indicator.title} by practice`,
        ['Practice', 'Numerator', 'Denominator', 'Value', '95% interval', 'Funnel position'],
        rows,
        { numeric: [1, 2, 3, 4], rowHeader: 0 },
      ),
    ),
  );
}

// A value that is not there: suppressed under disclosure control, otherwise nothing to count.
function withheldValue(quality: Quality): Node {
  return quality.disclosure === 'controlled' ? suppressed('it rests on a suppressed count') : notShown();
}

function withheldCells(quality: Quality): string[] {
  const text = quality.disclosure === 'controlled' ? 'suppressed' : '';
  return [text, text, text];
}

// The CSV's value column in the unit the page shows: percentages, rates per `per`, ratios.
function valueColumn(indicator: QualityIndicator): { name: string; of: (v: number) => number } {
  switch (indicator.measure) {
    case 'proportion':
      return { name: 'percent', of: (v) => Number((v * 100).toFixed(2)) };
    case 'rate':
      return { name: `per_${indicator.per ?? 1}_person_years`, of: (v) => Number(v.toFixed(2)) };
    case 'ratio':
      return { name: 'ratio', of: (v) => Number(v.toFixed(3)) };
  }
}
