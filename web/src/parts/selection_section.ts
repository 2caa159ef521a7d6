// The Selection section of the Oversight page (docs/selection.md): whether any ICO the
// commissioner contracts sheds costly patients, turns them away, codes harder, moves care to
// settings it does not pay for or leaves conditions unrecorded, each against the commissioner's
// control practices. The alerts come first, in the server's words; then every measure of every
// ICO, with its effect, interval and q-value, or why it has none (not enough data, or figures
// withheld under disclosure control).

import { ApiError, api, type Selection, type SelectionMeasure } from '../api';
import { el, replace } from '../dom';
import { capitalise, sentence, suppressed } from '../format';

const kTitles: Record<string, string> = {
  removals_top_need: 'Removals of the top need decile',
  exits_top_need: 'Other exits of the top need decile',
  leaver_cost_ratio: 'Leaver cost ratio',
  joiner_need: "Joiners' need",
  recorded_conditions: "Stayers' recorded conditions",
  capitation_weight: "Stayers' capitation weight",
  care_adjustments: 'Quality exceptions',
  outside_budget: 'Care outside the budget',
  register_shortfall: 'Disease registers',
};

const figure = (x: number) => x.toPrecision(3);

function measureRow(m: SelectionMeasure): HTMLElement {
  const title = kTitles[m.measure] ?? m.measure;
  const cells: (string | Node)[] =
    m.withheld !== undefined
      ? [suppressed(m.withheld), '', '']
      : !m.estimated
        ? [el('span', { class: 'muted' }, sentence(m.not_estimated ?? 'not estimated')), '', '']
        : [figure(m.effect!), `${figure(m.ci_low!)} to ${figure(m.ci_high!)}`, m.q_value!.toPrecision(2)];
  return el(
    'tr',
    { 'data-testid': `selection-${m.ico}-${m.measure}` },
    el('th', { scope: 'row' }, m.ico),
    el('td', {}, title),
    ...cells.map((c) => el('td', {}, c)),
    el('td', {}, m.alert ? el('strong', { class: 'alert' }, 'Alert') : ''),
  );
}

function draw(selection: Selection): Node[] {
  const alerts = selection.alerts.length
    ? el('ul', { 'data-testid': 'selection-alerts' }, selection.alerts.map((a) => el('li', {}, capitalise(a))))
    : el('p', { 'data-testid': 'selection-alerts' }, 'No alert: no ICO shows signs of cherry-picking beyond what chance explains.');
  return [
    el(
      'p',
      {},
      `${selection.from_year} to ${selection.to_year}: each ICO against the commissioner's control practices. `,
      `An alert is raised where the false discovery rate over the commissioner's ${selection.tests} tests stays at or below ${selection.false_discovery_rate * 100}%.`,
    ),
    alerts,
    el(
      'table',
      { 'data-testid': 'selection-measures' },
      el('caption', { class: 'visually-hidden' }, 'Selection measures of each ICO'),
      el(
        'thead',
        {},
        el('tr', {}, ...['ICO', 'Measure', 'Effect', '95% interval', 'q-value', 'Alert'].map((h) => el('th', { scope: 'col' }, h))),
      ),
      el('tbody', {}, selection.measures.map(measureRow)),
    ),
  ];
}

// The section for `commissioner`, filled in when the server answers.
export function selectionSection(commissioner: string): HTMLElement {
  const body = el('div', { 'aria-busy': 'true' }, el('p', {}, 'Working out the selection measures…'));
  const section = el('section', { 'data-testid': 'selection' }, el('h2', {}, 'Selection'), body);
  api
    .selection(commissioner)
    .then((selection) => replace(body, draw(selection)))
    .catch((error) => replace(body, el('div', { class: 'error', role: 'alert' }, el('p', {}, error instanceof ApiError ? sentence(error.message) : 'The selection measures could not be shown.'))))
    .finally(() => body.removeAttribute('aria-busy'));
  return section;
}
