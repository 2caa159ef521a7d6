// The overview: the ICO, the period, its registered population, every quality indicator with
// its 95% interval and Making Data Count reading, and the list sizes of its practices. Roles
// outside the ICO (commissioner, evaluator) see counts rounded to 5 with 1 to 7 suppressed.

import type { Indicator, Overview } from '../api';
import { append, el, scrollable, section, table, type Child } from '../dom';
import {
  count,
  date,
  disclosedCount,
  disclosureNotice,
  indicatorUnit,
  indicatorValue,
  capitalise,
  notShown,
} from '../format';
import type { Page } from '../page';
import { listSizeChart } from '../parts/list_size_chart';
import { assuranceBadge, badgeKey, variationBadge } from '../parts/spc_badges';

export const overviewPage: Page = {
  path: 'overview',
  title: 'Overview',
  allowed: (session) => session.role !== 'administrator',
  async render(main, context) {
    const overview = await context.overview();
    append(main, [
      el('h1', { tabindex: '-1' }, overview.ico.name),
      el(
        'p',
        { class: 'lede' },
        `Overview from ${date(overview.period.start)} to ${date(overview.period.end)}`,
      ),
      summary(overview),
      overview.disclosure === 'controlled'
        ? disclosureNotice('counts are rounded to the nearest 5, and counts of 1 to 7 are suppressed.')
        : null,
      indicators(overview),
      practices(overview, main.clientWidth),
    ]);
  },
};

function summary(overview: Overview): HTMLElement {
  return el(
    'dl',
    { class: 'summary' },
    el(
      'div',
      {},
      el('dt', {}, 'Registered population'),
      el('dd', { 'data-testid': 'registered' }, disclosedCount(overview.registered)),
    ),
    el('div', {}, el('dt', {}, 'Member practices'), el('dd', {}, count(overview.practices.length))),
    el('div', {}, el('dt', {}, 'ICO code'), el('dd', {}, overview.ico.id)),
  );
}

function indicators(overview: Overview): HTMLElement {
  const groups = new Map<string, Indicator[]>();
  for (const indicator of overview.indicators) {
    const list = groups.get(indicator.group) ?? [];
    list.push(indicator);
    groups.set(indicator.group, list);
  }
  const headers = [
    'Indicator',
    'Value',
    '95% interval',
    'Numerator / denominator',
    'Variation',
    'Assurance',
    'Practices worse',
    'Practices better',
  ];
  const numeric = new Set([1, 2, 3, 6, 7]);
  return section(
    'indicators',
    'Quality of care',
    el(
      'p',
      {},
      'The ICO’s value for each indicator over the period, its 95% confidence interval, the ' +
        'latest reading of its monthly SPC chart, and how many member practices lie outside the ' +
        '99.8% funnel limits.',
    ),
    scrollable(
      'indicators-heading',
      el(
        'table',
        { class: 'indicators' },
        el('caption', { class: 'visually-hidden' }, 'Quality indicators'),
        el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { scope: 'col', class: numeric.has(i) ? 'numeric' : null }, h)))),
        [...groups].map(([group, list]) =>
          el(
            'tbody',
            {},
            el('tr', { class: 'group' }, el('th', { scope: 'rowgroup', colspan: String(headers.length) }, capitalise(group))),
            list.map((indicator) => indicatorRow(indicator)),
          ),
        ),
      ),
    ),
    badgeKey(),
  );
}

function indicatorRow(indicator: Indicator): HTMLElement {
  const unit = indicatorUnit(indicator);
  const interval =
    indicator.lower === null || indicator.upper === null
      ? '–'
      : `${indicatorValue(indicator, indicator.lower)} to ${indicatorValue(indicator, indicator.upper)}`;
  const cells: Child[] = [
    indicator.value === null ? notShown() : indicatorValue(indicator, indicator.value),
    interval,
    el('span', {}, disclosedCount(indicator.numerator), ' / ', disclosedCount(indicator.denominator)),
    variationBadge(indicator.variation),
    assuranceBadge(indicator.assurance),
    count(indicator.practices_worse),
    count(indicator.practices_better),
  ];
  return el(
    'tr',
    { 'data-indicator': indicator.id },
    el('th', { scope: 'row' }, indicator.title, unit ? el('span', { class: 'unit' }, ` (${unit})`) : null),
    cells.map((cell, i) => el('td', { class: [0, 1, 2, 5, 6].includes(i) ? 'numeric' : null }, cell)),
  );
}

function practices(overview: Overview, width: number): HTMLElement {
  return section(
    'practices',
    'List sizes by practice',
    el(
      'figure',
      {},
      listSizeChart(overview.practices, width),
      el('figcaption', {}, 'Registered patients at each member practice on the last day of the period; the table gives the figures.'),
    ),
    table(
      'Registered patients by practice',
      ['Practice', 'Code', 'Registered patients'],
      overview.practices.map((p) => [p.name, p.id, disclosedCount(p.registered)]),
      { numeric: [2], rowHeader: 0 },
    ),
  );
}
