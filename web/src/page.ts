// What every page of the app provides, and what the app gives each page to work with.

import type { Overview, Session } from './api';

export interface PageContext {
  session: Session;
  // The part of the address after the page's own path (#/case-finding/P1 gives 'P1'), if any.
  parameter: string | undefined;
  // The overview, fetched once per sign-in and shared by the pages that need it.
  overview(): Promise<Overview>;
  // Says the server's figures have changed (a survey response was recorded), so that the
  // overview is fetched again when next needed.
  figuresChanged(): void;
  // Shows the sign-in form with `notice` (by default, that the session has ended): the server
  // answered 401 to a change, or the user's own password was just changed, which ends their
  // sessions.
  sessionEnded(notice?: string): void;
}

export interface Page {
  path: string; // the address is #/path
  title: string; // the navigation link and the page's heading
  // Fills `main`; rejects with ApiError when the server refuses.
  render(main: HTMLElement, context: PageContext): Promise<void>;
}
