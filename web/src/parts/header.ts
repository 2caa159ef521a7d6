// The banner on every signed-in page: the product, the ICO on show (a chooser when the user may
// open more than one), the navigation the role is allowed, and who is signed in with a sign-out
// button.

import { chosenIco, type Ico, type Session } from '../api';
import { el } from '../dom';
import type { Page } from '../page';

export function header(
  session: Session,
  pages: Page[],
  onSignOut: () => void,
  icos: Ico[] = [],
  onChooseIco: (id: string) => void = () => {},
): HTMLElement {
  return el(
    'header',
    { class: 'banner' },
    el('a', { class: 'skip-link', href: '#main', onclick: skipToMain }, 'Skip to main content'),
    el('p', { class: 'product' }, 'Continuum'),
    icoChooser(icos, onChooseIco),
    el(
      'nav',
      { 'aria-label': 'Pages' },
      el(
        'ul',
        {},
        pages.map((page) => el('li', {}, el('a', { href: `#/${page.path}`, 'data-page': page.path }, page.title))),
      ),
    ),
    el(
      'div',
      { class: 'user' },
      el(
        'p',
        {},
        el('span', { class: 'visually-hidden' }, 'Signed in as '),
        el('strong', { 'data-testid': 'username' }, session.username),
        ', ',
        el('span', { 'data-testid': 'role-title' }, session.role_title),
        session.practice ? el('span', {}, ` (${session.practice})`) : null,
      ),
      el('button', { type: 'button', class: 'secondary', onclick: onSignOut }, 'Sign out'),
    ),
  );
}

// The ICO on show: its name alone when the user may open one, a labelled chooser for more.
function icoChooser(icos: Ico[], onChoose: (id: string) => void): HTMLElement | null {
  if (icos.length === 0) return null;
  if (icos.length === 1) return el('p', { class: 'ico', 'data-testid': 'ico' }, icos[0]!.name);
  const select = el(
    'select',
    { id: 'ico-chooser', 'data-testid': 'ico-chooser' },
    icos.map((ico) => el('option', { value: ico.id, selected: ico.id === chosenIco() }, `${ico.name} (${ico.id})`)),
  ) as HTMLSelectElement;
  select.addEventListener('change', () => onChoose(select.value));
  return el('p', { class: 'ico' }, el('label', { for: 'ico-chooser' }, 'ICO '), select);
}

// Marks the link of the page on show as the current one.
export function markCurrent(banner: HTMLElement, path: string): void {
  for (const link of banner.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (link.dataset.page === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// The address holds the page (#/overview), so the skip link moves focus itself.
function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
