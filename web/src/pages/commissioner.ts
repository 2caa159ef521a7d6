// Oversight (#/commissioner/COMMISSIONER/YYYY-MM): every ICO a commissioner contracts, side by
// side, for its analysts and the evaluator (`continuum oversight`, docs/oversight.md): the
// segments with their reasons, finance against each contract, quality, pathways and lists for
// the month, the segment and band month by month, the alerts, and the signs of cherry-picking. An evaluator chooses the
// commissioner; anyone chooses the month among those the data cover. The address follows both
// choices; the page re-draws below the choosers, which keep focus.

import { ApiError, api, chosenIco, oversightCsvPath, type Commissioner, type Indicator, type Oversight } from '../api';
import { el, field, replace } from '../dom';
import { disclosureNotice, month as monthName } from '../format';
import type { Page } from '../page';
import { alertSections, historySection } from '../parts/oversight_history';
import { selectionSection } from '../parts/selection_section';
import { nameWithCode, oversightMonth, type OversightView } from '../parts/oversight_month';

// The months from `from` to `to` (YYYY-MM), in order.
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 600; ++guard) {
    const text = `${year}-${String(month).padStart(2, '0')}`;
    if (text > to) break;
    months.push(text);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

const kMonth = /^\d{4}-\d{2}$/;

export const commissionerPage: Page = {
  path: 'commissioner',
  title: 'Oversight',
  async render(main, context) {
    const heading = el('h1', { tabindex: '-1' }, 'Oversight');
    const commissioners = await api.commissioners();
    if (commissioners.length === 0) {
      main.append(heading, el('p', { class: 'notice', 'data-testid': 'no-commissioner' }, 'No commissioner you may open contracts an ICO.'));
      return;
    }
    const [wanted, wantedMonth] = (context.parameter ?? '').split('/');
    const chosen =
      commissioners.find((c) => c.id === wanted) ?? commissioners.find((c) => c.icos.includes(chosenIco())) ?? commissioners[0]!;
    // The indicators' titles, groups, measures and polarities, which the report names by id.
    const overview = await context.overview();
    const indicators = new Map<string, Indicator>(overview.indicators.map((i) => [i.id, i]));

    const commissionerChooser = el(
      'select',
      { id: 'commissioner', name: 'commissioner' },
      commissioners.map((c) => el('option', { value: c.id, selected: c === chosen }, nameWithCode(c))),
    );
    const monthChooser = el('select', { id: 'month', name: 'month' });
    const download = el('a', { class: 'button-link', 'data-testid': 'oversight-csv' }, 'Download CSV', el('span', { class: 'visually-hidden' }, ' of the oversight report'));
    const lede = el('p', { class: 'lede' });
    const body = el('div', { 'data-testid': 'oversight' });
    const controls = el(
      'div',
      { class: 'controls' },
      commissioners.length > 1 ? field(commissionerChooser, 'Commissioner') : null,
      field(monthChooser, 'Month', 'The month reported on; the year runs from April to it.'),
      el('div', { class: 'control-action' }, download),
    );
    main.append(heading, lede, controls, body);

    let asked = 0; // counts requests, so that a slow answer cannot overwrite a later one
    const show = async (commissioner: Commissioner, month: string | undefined) => {
      const ticket = ++asked;
      body.setAttribute('aria-busy', 'true');
      let oversight: Oversight;
      try {
        oversight = await api.oversight(commissioner.id, month);
      } catch (error) {
        if (ticket !== asked) return;
        body.removeAttribute('aria-busy');
        if (error instanceof ApiError && error.status === 401) throw error;
        replace(body, el('div', { class: 'error', role: 'alert' }, el('p', {}, error instanceof ApiError ? error.message : 'The oversight report could not be shown.')));
        return;
      }
      if (ticket !== asked) return;
      draw(oversight);
      body.removeAttribute('aria-busy');
    };

    const draw = (oversight: Oversight) => {
      const { commissioner, month } = oversight;
      history.replaceState(null, '', `#/commissioner/${encodeURIComponent(commissioner.id)}/${month}`);
      heading.textContent = nameWithCode(commissioner);
      lede.textContent = `Every ICO it contracts, side by side: ${monthName(month)}, with the financial year from ${monthName(oversight.first_month)}.`;
      const range = oversight.data_months ?? { from: oversight.first_month, to: month };
      replace(
        monthChooser,
        monthsBetween(range.from, range.to)
          .reverse()
          .map((m) => el('option', { value: m, selected: m === month }, monthName(m))),
      );
      monthChooser.value = month;
      download.setAttribute('href', oversightCsvPath(commissioner.id, month));
      download.setAttribute('download', `oversight-${commissioner.id}-${month}.csv`);
      const controlled = oversight.disclosure === 'controlled';
      const view: OversightView = { oversight, indicators, controlled };
      replace(
        body,
        controlled
          ? disclosureNotice('counts are rounded to the nearest 5 and counts of 1 to 7 are suppressed, and so is any value resting on one; money is exact.')
          : null,
        oversight.icos.length === 0
          ? el('p', {}, 'This commissioner contracts no ICO.')
          : [oversightMonth(view), historySection(view), alertSections(view), selectionSection(commissioner.id)],
      );
    };

    const current = () => commissioners.find((c) => c.id === commissionerChooser.value) ?? chosen;
    commissionerChooser.addEventListener('change', () => show(current(), monthChooser.value || undefined));
    monthChooser.addEventListener('change', () => show(current(), monthChooser.value));
    await show(chosen, wantedMonth && kMonth.test(wantedMonth) ? wantedMonth : undefined);
  },
};
