// Case finding: a practice's patients ranked by their risk of an emergency admission in the
// next year, each with the factors that raise it in words. For the roles that may see patients
// one by one; a practice clinician sees their own practice only. The list can be downloaded as
// CSV, and the server records every view in the audit log.

import { api, type CaseFinding, type Session } from '../api';
import { downloadCsv } from '../csv';
import { el, scrollable, section, table, type Child } from '../dom';
import { count, date, percent } from '../format';
import type { Page } from '../page';

export const caseFindingPage: Page = {
  path: 'case-finding',
  title: 'Case finding',
  allowed: (session) => session.identifiable && session.role !== 'administrator',
  async render(main, context) {
    const overview = await context.overview();
    const choices = practiceChoices(context.session, overview.practices);
    const chosen = context.parameter ?? (choices.length === 1 ? choices[0]!.id : undefined);
    main.append(
      el('h1', { tabindex: '-1' }, 'Case finding'),
      el(
        'p',
        { class: 'lede' },
        'Patients ranked by their chance of an emergency admission in the next year, with what puts them there.',
      ),
      el(
        'p',
        { class: 'notice' },
        'These patients can be identified. Every list you open or download is recorded in the audit log.',
      ),
      practiceForm(choices, chosen),
    );
    if (chosen === undefined) return;
    main.append(caseList(await api.caseFinding(chosen)));
  },
};

// A practice clinician may choose their own practice only; the ICO's roles, any member practice.
function practiceChoices(session: Session, practices: { id: string; name: string }[]) {
  if (session.role !== 'practice_clinician') return practices;
  const own = practices.find((p) => p.id === session.practice);
  return own ? [own] : session.practice ? [{ id: session.practice, name: session.practice }] : [];
}

function practiceForm(choices: { id: string; name: string }[], chosen: string | undefined): HTMLElement {
  const select = el(
    'select',
    { id: 'practice', name: 'practice', required: true },
    chosen === undefined ? el('option', { value: '' }, 'Choose a practice') : null,
    choices.map((p) => el('option', { value: p.id, selected: p.id === chosen }, `${p.name} (${p.id})`)),
  );
  const form = el(
    'form',
    { class: 'inline-form' },
    el('label', { for: 'practice' }, 'Practice'),
    select,
    el('button', { type: 'submit' }, 'Show patients'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.value) location.hash = `#/case-finding/${encodeURIComponent(select.value)}`;
    else select.focus();
  });
  return form;
}

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
    scrollable(
      'cases-heading',
      table(`Patients at ${practice.name} by risk`, header, rows, { numeric: [0, 2, 4], rowHeader: 1, hiddenCaption: true }),
    ),
  );
}
