// The contract's spend against its phased budget, as the Finance page and the overview both show
// it: the headline figures (the budget, spend to date against the budget to date, the variance
// and the forecast outturn with its 95% interval) and the burn-up chart with the table of the
// figures it pictures.
//
//   const burnUp = burnUpFigure(monitor);
//   main.append(budgetSummary(monitor), burnUp.figure, burnUp.table);

import type { Monitor } from '../api';
import { el, summaryItem, table } from '../dom';
import { date, month, pounds, signedPercent, signedPounds } from '../format';
import { burnUp, burnUpChart, burnUpKey } from './burn_up_chart';

// What the monitor covers: "Nelson Vale risk share 2024-25: spend to the end of March 2025 ...".
export function budgetScope(m: Monitor): string {
  return (
    `${m.contract}: spend to the end of ${month(m.month)} against the budget for ` +
    `${date(m.period.start)} to ${date(m.period.end)}.`
  );
}

export function budgetSummary(m: Monitor): HTMLElement {
  const [low, high] = m.forecast_interval_95_pence;
  return el(
    'dl',
    { class: 'summary' },
    summaryItem('Budget for the year', 'budget', pounds(m.budget_pence)),
    summaryItem(`Budget to ${month(m.month)}`, 'budget-to-date', pounds(m.budget_to_date_pence)),
    summaryItem('Actual to date', 'actual-to-date', pounds(m.actual_to_date_pence)),
    summaryItem(
      'Variance to date',
      'variance',
      `${signedPounds(m.variance_pence)} (${signedPercent(m.variance_pct)})`,
      el('span', { class: 'unit' }, m.variance_pence > 0 ? ' over budget' : m.variance_pence < 0 ? ' under budget' : ''),
    ),
    summaryItem(
      'Forecast outturn',
      'forecast',
      pounds(m.forecast_pence),
      el('span', { class: 'unit' }, low < high ? ` (95% interval ${pounds(low)} to ${pounds(high)})` : ' (the year’s spend is all in)'),
    ),
    m.not_yet_reported_pence > 0
      ? summaryItem('Estimated, not yet reported', 'not-yet-reported', pounds(m.not_yet_reported_pence))
      : null,
  );
}

// The burn-up chart with its caption, and the cumulative figures by month as a table.
export function burnUpFigure(m: Monitor): { figure: HTMLElement; table: HTMLTableElement } {
  const data = burnUp(m);
  const money = (pence: number | null) => (pence === null ? '–' : pounds(pence));
  return {
    figure: el(
      'figure',
      {},
      burnUpKey(data),
      burnUpChart(data),
      el(
        'figcaption',
        {},
        'The phased budget and the actual spend added up month by month, and, while the year is not ' +
          'over, the forecast to the year end with its 95% interval (shaded). The table below the chart ' +
          'gives the figures.',
      ),
    ),
    table: table(
      'Budget, actual spend and forecast by month, cumulative',
      ['Month', 'Budget in the month', 'Budget, cumulative', 'Actual, cumulative', 'Forecast, cumulative'],
      data.months.map((iso, i) => [
        month(iso),
        pounds(m.months[i]!.budget_pence),
        money(data.budget[i]!),
        money(data.actual[i]!),
        money(data.forecast[i]!),
      ]),
      { numeric: [1, 2, 3, 4], rowHeader: 0 },
    ),
  };
}
