// Care pathways: for each shipped pathway, its steps with the ICO's adherence (on time at the
// step) and the median and 90th-percentile days to reach it, and adherence by member practice.
// The roles that may see patients one by one also get the worklist: a practice's overdue steps,
// patient by patient, with what to do (a practice clinician their own practice only); the
// server records every worklist opened in the audit log.

import { api, type Adherence, type Pathway, type PathwayUnit, type Pathways, type Worklist } from '../api';
import { downloadCsv } from '../csv';
import { el, scrollable, section, table, type Child } from '../dom';
import { pagedTable } from '../parts/paged_table';
import { count, date, disclosedCount, percent, suppressed } from '../format';
import type { Page } from '../page';
import { auditNotice, chosenPractice, practiceChoices, practiceForm } from '../parts/practice_form';

export const pathwaysPage: Page = {
  path: 'pathways',
  title: 'Pathways',
  async render(main, context) {
    const pathways = await api.pathways();
    main.append(
      el('h1', { tabindex: '-1' }, 'Care pathways'),
      el(
        'p',
        { class: 'lede' },
        `Episodes that began from ${date(pathways.from)} to ${date(pathways.to)}, as at ${date(pathways.as_of)}: ` +
          'how often each step happened on time, and how long it took.',
      ),
    );
    if (context.session.identifiable) {
      const overview = await context.overview();
      const choices = practiceChoices(context.session, overview.practices);
      const chosen = chosenPractice(choices, context.parameter);
      const worklist = chosen === undefined ? null : await api.worklist(chosen);
      const practice = overview.practices.find((p) => p.id === chosen);
      main.append(
        section(
          'worklist',
          'Worklist',
          el('p', {}, 'Patients still on the practice’s list whose next pathway step is overdue, with what to do.'),
          auditNotice(),
          practiceForm(choices, chosen, { page: 'pathways', button: 'Show overdue steps' }),
          worklist && chosen ? worklistTable(pathways, worklist, practice ? `${practice.name} (${chosen})` : chosen, chosen) : null,
        ),
      );
    }
    main.append(...pathways.pathways.map((pathway, i) => pathwaySection(pathway, i)));
  },
};

function adherence(a: Adherence): Child {
  if (a.numerator === null || a.denominator === null) return suppressed('it rests on a suppressed count');
  if (a.value === null) return '–';
  const interval = a.interval_95 ? ` (${percent(a.interval_95[0])} to ${percent(a.interval_95[1])})` : '';
  return el('span', { title: `${count(a.numerator)} of ${count(a.denominator)}` }, percent(a.value), el('span', { class: 'unit' }, interval));
}

function adherenceValue(a: Adherence): Child {
  if (a.numerator === null || a.denominator === null) return suppressed('it rests on a suppressed count');
  return a.value === null ? '–' : percent(a.value);
}

function days(value: number | null): string {
  return value === null ? '–' : value.toFixed(0);
}

function pathwaySection(pathway: Pathway, index: number): HTMLElement {
  const id = `pathway-${index}`;
  const ico = pathway.units.find((u) => u.kind === 'ico');
  const practices = pathway.units.filter((u) => u.kind === 'practice');
  const stepFigures = (unit: PathwayUnit, stepId: string) => unit.steps.find((s) => s.id === stepId);
  return section(
    id,
    pathway.title,
    el('p', {}, `Entry: ${pathway.entry.title}. `, el('span', { class: 'unit' }, `Source: ${pathway.source}.`)),
    ico
      ? el(
          'p',
          {},
          disclosedCount(ico.episodes),
          ' episodes in the ICO; on time at every step: ',
          adherence(ico.adherence),
          '.',
        )
      : null,
    scrollable(
      `${id}-heading`,
      table(
        `Steps of ${pathway.title}`,
        ['Step', 'Due', 'Adherence (95% interval)', 'Median days', '90th percentile days', 'Waiting at this step'],
        pathway.steps.map((step) => {
          const f = ico ? stepFigures(ico, step.id) : undefined;
          return [
            step.title,
            step.due,
            f ? adherence(f.adherence) : '–',
            days(f?.median_days ?? null),
            days(f?.p90_days ?? null),
            f ? disclosedCount(f.waiting_here) : '–',
          ];
        }),
        { numeric: [2, 3, 4, 5], rowHeader: 0 },
      ),
    ),
    el('h3', { id: `${id}-practices-heading` }, 'Adherence by practice'),
    scrollable(
      `${id}-practices-heading`,
      table(
        `Adherence by practice: ${pathway.title}`,
        ['Practice', 'Episodes', ...pathway.steps.map((s) => s.title), 'Whole pathway'],
        practices.map((u) => [
          `${u.name} (${u.id})`,
          disclosedCount(u.episodes),
          ...pathway.steps.map((step) => {
            const f = stepFigures(u, step.id);
            return f ? adherenceValue(f.adherence) : '–';
          }),
          adherenceValue(u.adherence),
        ]),
        { numeric: pathway.steps.map((_, i) => i + 2).concat([1, pathway.steps.length + 2]), rowHeader: 0, hiddenCaption: true },
      ),
    ),
  );
}

function worklistTable(pathways: Pathways, worklist: Worklist, practiceName: string, practiceId: string): HTMLElement {
  const titles = new Map(pathways.pathways.map((p) => [p.id, p.title]));
  const items = worklist.worklist;
  const download = () =>
    downloadCsv(
      `worklist-${practiceId}.csv`,
      ['patient_id', 'practice', 'pathway', 'step', 'entry_date', 'due_date', 'days_overdue', 'action'],
      items.map((w) => [w.patient_id, w.practice, w.pathway, w.step, w.entry_date, w.due_date, w.days_overdue, w.action]),
    );
  return el(
    'div',
    { class: 'worklist', 'data-testid': 'worklist' },
    el('h3', { id: 'worklist-list-heading' }, practiceName),
    el('p', {}, `${count(items.length)} overdue steps as at ${date(worklist.as_of)}.`),
    items.length > 0 ? el('button', { type: 'button', class: 'secondary', onclick: download }, 'Download CSV') : null,
    pagedTable(
      table(
        `Overdue pathway steps at ${practiceName}`,
        ['Patient ID', 'Pathway', 'Step', 'Due date', 'Days overdue', 'What to do'],
        items.map((w) => [w.patient_id, titles.get(w.pathway) ?? w.pathway, w.step_title, date(w.due_date), count(w.days_overdue), w.action]),
        { numeric: [4], rowHeader: 0, hiddenCaption: true },
      ),
      'worklist-list-heading',
    ),
  );
}
