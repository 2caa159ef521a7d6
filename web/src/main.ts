// Continuum's web app. Starts by asking the server who is signed in; shows the sign-in form or
// the pages the role is allowed. The address names the page (#/overview, #/case-finding/P1), so
// the server serves one index.html and the back button moves between pages.

import './styles.css';
import { ApiError, api, chooseIco, type Ico, type Overview, type Session } from './api';
import { el, replace } from './dom';
import type { Page } from './page';
import { pagesFor } from './pages/index';
import { renderSignIn } from './pages/sign_in';
import { header, markCurrent } from './parts/header';

const root = document.getElementById('app') as HTMLElement;

// What the app holds while someone is signed in.
interface SignedIn {
  session: Session;
  icos: Ico[]; // the ICOs the user may open; the chosen one's pages are on show
  pages: Page[];
  banner: HTMLElement;
  main: HTMLElement;
  overview: Promise<Overview> | null; // fetched on first use
  rendering: number; // counts routes, so a slow page cannot overwrite a later one
}

let current: SignedIn | null = null;

const kSessionEnded = 'Your session has ended. Sign in again.';

function showSignIn(notice?: string): void {
  current = null;
  document.title = 'Sign in – Continuum';
  renderSignIn(root, (session) => {
    showApp(session).then(() => route(true), showFailure);
  }, notice);
}

// The ICO last chosen in this browser, if the user may still open it; else their first.
const kChosenIco = 'continuum.ico';

async function showApp(session: Session): Promise<void> {
  const icos = session.role === 'administrator' ? [] : await api.icos();
  const remembered = localStorage.getItem(kChosenIco);
  chooseIco((icos.find((ico) => ico.id === remembered) ?? icos[0])?.id ?? '');
  const pages = session.role === 'administrator' || icos.length > 0 ? pagesFor(session) : [];
  const main = el('main', { id: 'main', tabindex: '-1' });
  const banner = header(session, pages, signOut, icos, (id) => {
    chooseIco(id);
    localStorage.setItem(kChosenIco, id);
    if (current) current.overview = null;
    route(false);
  });
  current = { session, icos, pages, banner, main, overview: null, rendering: 0 };
  replace(root, banner, main);
}

function showFailure(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) showSignIn();
  else replace(root, el('main', { id: 'main' }, el('div', { class: 'error', role: 'alert' }, el('p', {}, errorText(error)))));
}

async function signOut(): Promise<void> {
  try {
    await api.signOut();
  } catch {
    // The session is over on this side either way; the server's ends when it expires.
  }
  history.replaceState(null, '', location.pathname);
  showSignIn('You have signed out.');
}

// Shows the page the address names, or the role's first page when the address names none or
// one the role may not see.
async function route(moveFocus: boolean): Promise<void> {
  const app = current;
  if (!app) return;
  // #/page/rest: the rest (which may hold more than one part, #/commissioner/ZQ1/2024-10) is the page's.
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const parameter = rest.join('/');
  const page = app.pages.find((p) => p.path === path);
  if (!page) {
    if (app.pages.length === 0) {
      replace(
        app.main,
        el('h1', {}, 'No pages'),
        el(
          'p',
          {},
          app.icos.length === 0 && app.session.role !== 'administrator'
            ? 'Your account opens no ICO: its organisation is not an ICO, practice or commissioner in this workspace. Ask an administrator to set it.'
            : 'Your role has no pages in the web app yet.',
        ),
      );
      return;
    }
    location.replace(`#/${app.pages[0]!.path}`);
    return;
  }
  const ticket = ++app.rendering;
  markCurrent(app.banner, page.path);
  document.title = `${page.title} – Continuum`;
  const loading = el('p', { class: 'loading' }, 'Loading…');
  const staging = el('div', { 'aria-busy': 'true' }, loading);
  replace(app.main, staging);
  try {
    await page.render(staging, {
      session: app.session,
      parameter: parameter || undefined,
      overview: () => (app.overview ??= api.overview()),
      figuresChanged: () => {
        app.overview = null;
      },
      sessionEnded: (notice = kSessionEnded) => {
        if (current === app) showSignIn(notice);
      },
    });
  } catch (error) {
    if (ticket !== app.rendering) return;
    if (error instanceof ApiError && error.status === 401) {
      showSignIn(kSessionEnded);
      return;
    }
    replace(
      staging,
      el('h1', { tabindex: '-1' }, page.title),
      el('div', { class: 'error', role: 'alert' }, el('p', {}, errorText(error))),
    );
  }
  if (ticket !== app.rendering) return;
  loading.remove();
  staging.removeAttribute('aria-busy');
  if (moveFocus) staging.querySelector<HTMLElement>('h1')?.focus();
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `You may not see this page: ${error.message}`;
    return error.message;
  }
  return 'Something went wrong while showing this page.';
}

window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#/')) route(true);
});

api.session().then(
  (session) => showApp(session).then(() => route(false)),
  showFailure,
);
