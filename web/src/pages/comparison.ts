// Commissioner (#/comparison/INDICATOR): every ICO and control practice the commissioner
// contracts, side by side, for its analysts and evaluators. Who is compared and the population
// each serves; every quality indicator as a matrix of the units and the total over everyone
// compared, each unit with its funnel reading against that total; and one indicator at a time as
// on the Quality page (parts/indicator_view.ts). Aggregates only, under disclosure control: a
// suppressed count, or a value resting on one, reads "suppressed".

import { ApiError, api, type Comparison, type ComparedUnit, type QualityIndicator, type QualityUnit } from '../api';
import { downloadButton, downloadCsv } from '../csv';
import { append, el, scrollable, section, table, type Child } from '../dom';
import { capitalise, count, date, disclosedCount, disclosureNotice, indicatorUnit, indicatorValue, notShown, percent, suppressed } from '../format';
import type { Page } from '../page';
import { funnelReading } from '../parts/funnel_reading';
import { indicatorExplorer, indicatorGroups, valueColumn, withheldValue, type UnitLabels } from '../parts/indicator_view';

// The units are ICOs and control practices; the total is everyone they serve.
const kLabels: UnitLabels = {
  unit: 'ICO or control practice',
  units: 'ICOs and control practices',
  total: 'everyone compared',
  funnelHeading: 'Against everyone compared',
  headingLevel: 3,
};

const kKind: Record<ComparedUnit['kind'], string> = {
  ico: 'ICO',
  control_practice: 'control practice',
  commissioner: 'total',
};

export const comparisonPage: Page = {
  path: 'comparison',
  title: 'Commissioner',
  async render(main, context) {
    let comparison: Comparison;
    try {
      comparison = await api.comparison();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      main.append(
        el('h1', { tabindex: '-1' }, 'Commissioner'),
        el('p', { class: 'notice', 'data-testid': 'no-commissioner' }, `There is nothing to compare: ${error.message}.`),
      );
      return;
    }
    const { quality } = comparison;
    append(main, [
      el('h1', { tabindex: '-1' }, comparison.commissioner.name),
      el(
        'p',
        { class: 'lede' },
        `Every ICO and control practice it contracts, side by side, ${date(comparison.period.start)} to ${date(comparison.period.end)}`,
      ),
      comparison.disclosure === 'controlled'
        ? disclosureNotice('counts are rounded to the nearest 5, counts of 1 to 7 are suppressed, and so is any value resting on one.')
        : null,
      el(
        'p',
        {},
        'Each ICO counts as its member practices together; a control practice is one the commissioner contracts outside any ICO. ' +
          'Each is read against the value over everyone compared. Aggregates only: no patient appears.',
      ),
      unitsSection(comparison),
      quality.indicators.length === 0
        ? el('p', {}, 'No quality indicators are defined.')
        : [
            matrixSection(comparison),
            section(
              'one-indicator',
              'One indicator',
              indicatorExplorer(quality, { path: 'comparison', parameter: context.parameter, labels: kLabels }),
            ),
          ],
    ]);
  },
};

// The share aged 65 and over, from the counts as shown: only when both are.
function aged65Share(unit: ComparedUnit): number | null {
  return unit.registered !== null && unit.aged_65_plus !== null && unit.registered > 0 ? unit.aged_65_plus / unit.registered : null;
}

function unitsSection(comparison: Comparison): HTMLElement {
  const { units, total } = comparison;
  const controlled = comparison.disclosure === 'controlled';
  const row = (u: ComparedUnit, name: string): Child[] => {
    const share = aged65Share(u);
    return [
      name,
      u.id,
      kKind[u.kind],
      count(u.practices),
      el('span', { 'data-testid': `registered-${u.id}` }, disclosedCount(u.registered)),
      share !== null ? percent(share) : controlled ? suppressed('it rests on a suppressed count') : notShown(),
    ];
  };
  const download = () =>
    downloadCsv(
      'comparison-units.csv',
      ['unit', 'name', 'kind', 'practices', 'registered', 'aged_65_plus', 'percent_aged_65_plus'],
      [...units, total].map((u) => {
        const share = aged65Share(u);
        const withheld = controlled ? 'suppressed' : '';
        return [
          u.id,
          u.name,
          u.kind,
          u.practices,
          u.registered ?? withheld,
          u.aged_65_plus ?? withheld,
          share === null ? withheld : Number((share * 100).toFixed(1)),
        ];
      }),
    );
  return section(
    'units',
    'Who is compared',
    downloadButton('who is compared', download),
    scrollable(
      'units-heading',
      table(
        'ICOs and control practices compared, with everyone compared',
        ['ICO or control practice', 'Code', 'Compared as', 'Practices', 'Registered population', 'Aged 65 and over'],
        [...units.map((u) => row(u, u.name)), row(total, 'Everyone compared')],
        { numeric: [3, 4, 5], rowHeader: 0, hiddenCaption: true },
      ),
    ),
    el(
      'p',
      {},
      'Registered population: the patients on the lists on the period’s last day. ' +
        (controlled
          ? 'Each count is rounded on its own, so the units’ counts need not add up to the total; the share aged 65 and over is worked out from the counts as shown.'
          : ''),
    ),
  );
}

function matrixCell(comparison: Comparison, indicator: QualityIndicator, unit: QualityUnit | undefined, id: string): HTMLElement {
  const content: Child[] = !unit
    ? [notShown()]
    : [
        el('span', { class: 'value' }, unit.estimate ? indicatorValue(indicator, unit.estimate.value) : withheldValue(comparison.quality, unit)),
        unit !== indicator.ico && unit.funnel ? funnelReading(unit.funnel.position) : null,
      ];
  return el('td', { class: 'numeric', 'data-unit': id }, content);
}

function matrixSection(comparison: Comparison): HTMLElement {
  const { quality, units, total } = comparison;
  const groups = indicatorGroups(quality);
  const unitOf = (indicator: QualityIndicator, id: string) => indicator.practices.find((p) => p.id === id);
  const columnHeading = (name: string, detail: string) =>
    el('th', { scope: 'col', class: 'numeric' }, name, el('span', { class: 'unit column-detail' }, detail));
  const header = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Indicator'),
    units.map((u) => columnHeading(u.name, `${u.id}, ${kKind[u.kind]}`)),
    columnHeading('Everyone compared', total.id),
  );
  const indicatorRow = (indicator: QualityIndicator) => {
    const unit = indicatorUnit(indicator);
    return el(
      'tr',
      { 'data-indicator': indicator.id },
      el('th', { scope: 'row' }, indicator.title, unit ? el('span', { class: 'unit' }, ` (${unit})`) : null),
      units.map((u) => matrixCell(comparison, indicator, unitOf(indicator, u.id), u.id)),
      matrixCell(comparison, indicator, indicator.ico, total.id),
    );
  };
  const columns = units.length + 2;
  const download = () => {
    const withheld = comparison.disclosure === 'controlled' ? 'suppressed' : '';
    const value = (indicator: QualityIndicator, unit: QualityUnit | undefined) =>
      unit?.estimate ? valueColumn(indicator).of(unit.estimate.value) : unit?.denominator === 0 ? '' : withheld;
    downloadCsv(
      'comparison-indicators.csv',
      ['indicator', 'title', 'group', 'value_unit', ...units.flatMap((u) => [u.id, `${u.id}_funnel`]), total.id],
      quality.indicators.map((indicator) => [
        indicator.id,
        indicator.title,
        indicator.group,
        valueColumn(indicator).name,
        ...units.flatMap((u) => {
          const unit = unitOf(indicator, u.id);
          return [value(indicator, unit), unit?.funnel?.position ?? ''];
        }),
        value(indicator, indicator.ico),
      ]),
    );
  };
  return section(
    'matrix',
    'Indicators side by side',
    el(
      'p',
      {},
      'Each cell is the value over the period and, for an ICO or control practice, where it lies against the funnel limits around the value for ' +
        'everyone compared: better or worse at the 95% or 99.8% limits (marked blue when better, orange when worse, and in bold beyond 99.8%), ' +
        'high or low where neither direction is better (purple), or within them.',
    ),
    downloadButton('the indicators side by side', download),
    scrollable(
      'matrix-heading',
      el(
        'table',
        { class: 'matrix' },
        el('caption', { class: 'visually-hidden' }, 'Quality indicators by ICO or control practice, with everyone compared'),
        el('thead', {}, header),
        [...groups].map(([group, list]) =>
          el(
            'tbody',
            {},
            el('tr', { class: 'group' }, el('th', { scope: 'rowgroup', colspan: String(columns) }, el('span', { class: 'group-name' }, capitalise(group)))),
            list.map(indicatorRow),
          ),
        ),
      ),
    ),
  );
}
