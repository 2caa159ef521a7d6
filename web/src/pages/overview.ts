// The overview: the ICO, the period, its registered population; for the roles that may read
// finance, spend against the phased budget with the forecast and the risk-share position in
// brief (the Finance page has the detail); every quality indicator with its 95% interval and
// Making Data Count reading, and the list sizes of its practices. Roles outside the ICO
// (commissioner, evaluator) see counts rounded to 5 with 1 to 7 suppressed.

import { ApiError, api, type Finance, type Indicator, type Overview } from '../api';
import { append, el, scrollable, section, summaryItem, table, type Child } from '../dom';
import {
  count,
  date,
  disclosedCount,
  disclosureNotice,
  indicatorUnit,
  indicatorValue,
  month,
  capitalise,
  notShown,
} from '../format';
import type { Page } from '../page';
import { budgetScope, budgetSummary, burnUpFigure } from '../parts/budget';
import { listSizeChart } from '../parts/list_size_chart';
import { icoResult, netPayment, settlementParties } from '../parts/risk_share';
import { assuranceBadge, badgeKey, variationBadge } from '../parts/spc_badges';
import { financePage } from './finance';

export const overviewPage: Page = {
  path: 'overview',
  title: 'Overview',
  async render(main, context) {
    // A role that may not open the Finance page does not ask for its figures at all.
    const [overview, finance] = await Promise.all([
      context.overview(),
      context.session.pages.includes(financePage.path) ? readFinance() : undefined,
    ]);
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
      finance === undefined ? null : financeSections(finance, overview.ico.name),
      indicators(overview),
      practices(overview),
    ]);
  },
};

function summary(overview: Overview): HTMLElement {
  return el(
    'dl',
    { class: 'summary' },
    summaryItem('Registered population', 'registered', disclosedCount(overview.registered)),
    summaryItem('Member practices', null, count(overview.practices.length)),
    summaryItem('ICO code', null, overview.ico.id),
  );
}

// The contract's figures; null when the server has no contract; an ApiError when it could not
// answer, which the budget's place on the page then says, so the rest of the overview still
// shows. An ended session (401) ends the page as on any other.
async function readFinance(): Promise<Finance | null | ApiError> {
  try {
    return await api.finance();
  } catch (error) {
    if (error instanceof ApiError && error.status !== 401) return error;
    throw error;
  }
}

function financeSections(finance: Finance | null | ApiError, icoName: string): Child {
  if (finance === null) {
    return el(
      'p',
      { class: 'notice', 'data-testid': 'no-contract' },
      'No contract is loaded, so there is no budget or risk-share position to show.',
    );
  }
  if (finance instanceof ApiError) {
    return el('p', { class: 'error', 'data-testid': 'no-budget' }, `The budget cannot be shown: ${finance.message}`);
  }
  return [budget(finance), riskShare(finance, icoName)];
}

function budget({ monitor }: Finance): HTMLElement {
  const burnUp = burnUpFigure(monitor);
  return section(
    'budget',
    'Budget',
    el('p', {}, budgetScope(monitor)),
    budgetSummary(monitor),
    burnUp.figure,
    el(
      'details',
      { class: 'key' },
      el('summary', {}, 'The burn-up month by month'),
      scrollable('budget-heading', burnUp.table),
    ),
  );
}

// Where the risk share leaves the ICO: its result, the one payment that settles it, and whether
// that rests on the year's actual spend or on the forecast.
function riskShare({ settlement: answer }: Finance, icoName: string): HTMLElement {
  const s = answer.settlement;
  const result = icoResult(s);
  return section(
    'risk-share',
    'Risk-share position',
    el(
      'dl',
      { class: 'summary' },
      summaryItem(
        `${s.ico}’s result after risk sharing`,
        'ico-result',
        result.amount,
        el('span', { class: 'unit' }, ` ${result.words}`),
      ),
      summaryItem('Settlement', 'net-payment', capitalise(netPayment(s))),
      summaryItem(
        'Based on',
        'settlement-basis',
        answer.outturn_basis === 'forecast'
          ? ['Forecast', el('span', { class: 'unit' }, ` at the end of ${month(answer.forecast_month ?? '')}`)]
          : 'Year-end actual',
      ),
    ),
    el(
      'p',
      {},
      `${settlementParties(s, icoName)}. The `,
      el('a', { href: '#/finance' }, 'Finance page'),
      ' has the settlement line by line, and spend by setting, provider and practice.',
    ),
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

function practices(overview: Overview): HTMLElement {
  return section(
    'practices',
    'List sizes by practice',
    el(
      'figure',
      {},
      listSizeChart(overview.practices),
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
