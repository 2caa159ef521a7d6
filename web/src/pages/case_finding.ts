// Case finding: a practice's patients ranked by their risk of an emergency admission in the
// next year, each with the factors that raise it in words. For the roles that may see patients
// one by one; a practice clinician sees their own practice only. The list can be downloaded as
// CSV, and the server records every view in the audit log.

import { api, type CaseFinding } from '../api';
import { downloadCsv } from '../csv';
import { el, section, table, type Child } from '../dom';
import { pagedTable } from '../parts/paged_table';
import { count, date, percent } from '../format';
import type { Page } from '../page';
import { auditNotice, chosenPractice, practiceChoices, practiceForm } from '../parts/practice_form';

export const caseFindingPage: Page = {
  path: 'case-finding',
  title: 'Case finding',
  async render(main, context) {
    const overview = await context.overview();
    const choices = practiceChoices(context.session, overview.practices);
    const chosen = chosenPractice(choices, context.parameter);
    main.append(
      el('h1', { tabindex: '-1' }, 'Case finding'),
      el(
        'p',
        { class: 'lede' },
        'Patients ranked by their chance of an emergency admission in the next year, with what puts them there.',
      ),
      auditNotice(),
      practiceForm(choices, chosen, { page: 'case-finding', button: 'Show patients' }),
    );
    if (chosen === undefined) return;
    main.append(caseList(await api.caseFinding(chosen)));
  },
};

function caseList(finding: CaseFinding): HTMLElement {
  const { practice, cases } = finding;
  const header = ['Rank', 'Patient ID', 'Age', 'Sex', 'Risk of emergency admission in the next year', 'What raises the risk'];
  const rows: Child[][] = cases.map((c, i) => [
    count(i + 1),
    c.patient_id,
    count(c.age),
    c.sex,
    percent(c.probability),
    c.factors.length === 0 ? 'No single factor stands out' : el('ul', { class: 'factors' }, c.factors.map((f) => el('li', {}, f.words))),
  ]);
  const download = () =>
    downloadCsv(
      `case-finding-${practice.id}.csv`,
      ['rank', 'patient_id', 'practice', 'age', 'sex', 'risk_percent', 'factors'],
      cases.map((c, i) => [
        i + 1,
        c.patient_id,
        c.practice,
        c.age,
        c.sex,
        Number((c.probability * 100).toFixed(1)),
        c.factors.map((f) => f.words).join('; '),
      ]),
    );
  return section(
    'cases',
    `${practice.name} (${practice.id})`,
    el('p', {}, `${count(cases.length)} patients, scored on ${date(finding.scored_on)}, highest risk first.`),
    el('button', { type: 'button', class: 'secondary', onclick: download }, 'Download CSV'),
    pagedTable(
      table(`Patients at ${practice.name} by risk`, header, rows, { numeric: [0, 2, 4], rowHeader: 1, hiddenCaption: true }),
      'cases-heading',
    ),
  );
}
