// The oversight report over the months: each ICO's segment and corridor band month by month, and
// the alerts (a band or segment changed since the month before, a new special cause), those of
// the month reported on first and then every month's, newest first.
//
//   main.append(historySection(view), ...alertSections(view));

import type { Indicator, OversightAlert, OversightIco } from '../api';
import { el, scrollable, section, table } from '../dom';
import { month as monthName } from '../format';
import { pagedTable } from './paged_table';
import { nameWithCode, monthOf, segmentMark, type OversightView } from './oversight_month';

export function historySection(view: OversightView): HTMLElement {
  const { icos } = view.oversight;
  const months = [...new Set(icos.flatMap((ico) => ico.months.map((m) => m.month)))].sort();
  const header = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Month'),
    icos.map((ico) => el('th', { scope: 'col' }, ico.name || ico.id, el('span', { class: 'unit column-detail' }, ico.id))),
  );
  const rows = months.map((month) =>
    el(
      'tr',
      { 'data-month': month },
      el('th', { scope: 'row' }, monthName(month)),
      icos.map((ico) => {
        const m = monthOf(ico, month);
        return el(
          'td',
          { 'data-ico': ico.id },
          m
            ? [
                segmentMark(m.segment.segment),
                ' ',
                el('span', { class: 'band' }, m.finance ? m.finance.band.label : 'no contract'),
                m.segment.financial_override ? el('span', { class: 'unit column-detail' }, 'financial override') : null,
              ]
            : '–',
        );
      }),
    ),
  );
  return section(
    'history',
    'Segment and corridor band by month',
    el('p', {}, 'Each month as its own end would have given it: the segment (1 best, 4 worst) and where the forecast settlement lands among the contract’s corridor bands.'),
    scrollable(
      'history-heading',
      el(
        'table',
        { class: 'matrix history' },
        el('caption', { class: 'visually-hidden' }, 'Segment and corridor band of each ICO by month'),
        el('thead', {}, header),
        el('tbody', {}, rows),
      ),
    ),
  );
}

// An alert in words, its indicator named by title.
export function alertText(alert: OversightAlert, indicators: Map<string, Indicator>): string {
  switch (alert.kind) {
    case 'band':
      return `Corridor band changed from ${alert.from} to ${alert.to}`;
    case 'segment':
      return `Segment changed from ${alert.from} to ${alert.to}`;
    case 'special_cause':
      return `New special cause in ${indicators.get(alert.measure)?.title ?? alert.measure} (${alert.to})`;
    default:
      return alert.text;
  }
}

interface Dated {
  month: string;
  ico: OversightIco;
  alert: OversightAlert;
}

export function alertSections(view: OversightView): HTMLElement[] {
  const { oversight, indicators } = view;
  const all: Dated[] = oversight.icos.flatMap((ico) => ico.months.flatMap((m) => m.alerts.map((alert) => ({ month: m.month, ico, alert }))));
  const now = all.filter((a) => a.month === oversight.month);
  const kinds: Record<OversightAlert['kind'], string> = { band: 'Corridor band', segment: 'Segment', special_cause: 'Special cause' };
  const year = [...all].sort((a, b) => b.month.localeCompare(a.month));
  return [
    section(
      'alerts',
      `Alerts, ${monthName(oversight.month)}`,
      now.length === 0
        ? el('p', { 'data-testid': 'no-alerts' }, `No alerts: no ICO’s band or segment changed from the month before, and no new special cause.`)
        : el(
            'ul',
            { class: 'alerts', 'data-testid': 'alerts' },
            now.map((a) => el('li', { 'data-ico': a.ico.id }, el('strong', {}, nameWithCode(a.ico)), ': ', alertText(a.alert, indicators))),
          ),
    ),
    section(
      'alerts-year',
      'Alerts over the year',
      year.length === 0
        ? el('p', {}, 'No alerts this financial year.')
        : pagedTable(
            table(
              `Alerts from ${monthName(oversight.first_month)} to ${monthName(oversight.month)}, newest first`,
              ['Month', 'ICO', 'Kind', 'Alert'],
              year.map((a) => [monthName(a.month), nameWithCode(a.ico), kinds[a.alert.kind] ?? a.alert.kind, alertText(a.alert, indicators)]),
              { rowHeader: 0, hiddenCaption: true },
            ),
            'alerts-year-heading',
          ),
    ),
  ];
}
