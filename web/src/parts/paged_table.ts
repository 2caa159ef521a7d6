// A long table shown a page of rows at a time, with buttons to the first, previous, next and
// last page and the rows on show counted ("51–100 of 1,234"), said to screen readers as it
// changes. The pager sits above the table, so a new page starts where the reader's eye is; its
// buttons stay in the tab order at either end (aria-disabled, not disabled), so focus is never
// lost when a press reaches the last page. A table of one page has no pager.
//
//   section.append(pagedTable(table('Patients by risk', header, rows), 'cases-heading'));

import { el, scrollable } from '../dom';
import { count } from '../format';

export const kRowsPerPage = 50;

export function pagedTable(content: HTMLTableElement, labelledBy: string, perPage = kRowsPerPage): HTMLElement {
  const body = content.tBodies[0]!;
  const rows = [...body.rows];
  const box = scrollable(labelledBy, content);
  if (rows.length <= perPage) return box;

  const pages = Math.ceil(rows.length / perPage);
  const name = content.caption?.textContent ?? 'the table';
  let current = 0;
  const shown = el('p', { class: 'pager-count', 'aria-live': 'polite', 'data-testid': 'pager-count' });
  const button = (label: string, words: string, to: () => number) =>
    el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-label': `${words} page of ${name}`,
        onclick: () => {
          const target = to();
          if (target !== current && target >= 0 && target < pages) show(target);
        },
      },
      label,
    );
  const first = button('« First', 'First', () => 0);
  const previous = button('‹ Previous', 'Previous', () => current - 1);
  const next = button('Next ›', 'Next', () => current + 1);
  const last = button('Last »', 'Last', () => pages - 1);
  const show = (page: number) => {
    current = page;
    const from = page * perPage;
    const to = Math.min(rows.length, from + perPage);
    body.replaceChildren(...rows.slice(from, to));
    shown.textContent = `${count(from + 1)}–${count(to)} of ${count(rows.length)}`;
    for (const b of [first, previous]) b.setAttribute('aria-disabled', String(page === 0));
    for (const b of [next, last]) b.setAttribute('aria-disabled', String(page === pages - 1));
  };
  show(0);
  return el(
    'div',
    { class: 'paged' },
    el('div', { class: 'pager', role: 'group', 'aria-label': `Pages of ${name}` }, first, previous, shown, next, last),
    box,
  );
}
