// The pages in navigation order. A role sees the pages the server says it may open (the session's
// `pages`, from the routes each role may call), and lands on the first.

import type { Session } from '../api';
import type { Page } from '../page';
import { auditPage } from './audit';
import { caseFindingPage } from './case_finding';
import { commissionerPage } from './commissioner';
import { comparisonPage } from './comparison';
import { evaluationPage } from './evaluation';
import { financePage } from './finance';
import { overviewPage } from './overview';
import { pathwaysPage } from './pathways';
import { qualityPage } from './quality';
import { riskPage } from './risk';
import { usersPage } from './users';
import { voicePage } from './voice';

export const kPages: Page[] = [
  overviewPage,
  qualityPage,
  riskPage,
  financePage,
  pathwaysPage,
  comparisonPage,
  commissionerPage,
  evaluationPage,
  caseFindingPage,
  voicePage,
  usersPage,
  auditPage,
];

export function pagesFor(session: Session): Page[] {
  return kPages.filter((page) => session.pages.includes(page.path));
}
