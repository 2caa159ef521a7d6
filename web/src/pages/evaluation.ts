// Evaluation (#/evaluation/PLAN): did the pilots work? One analysis plan stored in the workspace
// (`continuum evaluate add`, docs/evaluation.md) evaluated as `continuum evaluate --plan` does, for
// the evaluator and the commissioner's analysts, under disclosure control: per dimension each
// outcome's finding in plain language, its estimates with their intervals and the warnings that
// weaken them beside them, the event study as a chart and a table, the tests that try to break
// the finding (placebos, leave one pilot out, the E-value), and the balance of the matched
// comparison. The chooser lists the plans the user may open; the address follows it.

import { ApiError, api, type CaseManagementEvaluation, type Evaluation, type EstimateRow, type OutcomeEvaluation, type PlanListed } from '../api';
import { el, field, replace, scrollable, sectionAt, summaryItem, table, type Child } from '../dom';
import { date, disclosureNotice, suppressed } from '../format';
import type { Page } from '../page';
import { eventStudyChart } from '../parts/event_study_chart';

const significant = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 });

// A figure as the server sent it (already rounded), or why it is not shown.
function figure(x: number | null | undefined): Child {
  if (x === null || x === undefined) return suppressed('it rests on fewer than 3 pilot practices');
  return significant.format(x);
}

function figureText(x: number | null | undefined): string {
  return x === null || x === undefined ? 'suppressed' : significant.format(x);
}

function interval(row: EstimateRow): Child {
  if (row.ci_low === null || row.ci_high === null) return figure(null);
  return `${significant.format(row.ci_low)} to ${significant.format(row.ci_high)}`;
}

// Whether the interval leaves out no effect.
function verdict(row: EstimateRow): string {
  if (row.ci_low === null || row.ci_high === null) return '';
  if (row.ci_low > 0) return 'above zero';
  if (row.ci_high < 0) return 'below zero';
  return 'includes zero';
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

// The estimate and each test of it, one row each.
function estimatesTable(o: OutcomeEvaluation): HTMLElement {
  const rows: Child[][] = [];
  const add = (what: string, row: (EstimateRow & { not_estimated?: string }) | null | undefined, testid?: string) => {
    if (!row) return;
    if (row.not_estimated) {
      rows.push([what, 'not estimated', row.not_estimated, '']);
      return;
    }
    rows.push([what, el('span', { 'data-testid': testid ?? null }, figure(row.estimate)), interval(row), verdict(row)]);
  };
  add('All pilots together', o.programme, `estimate-${o.outcome}`);
  if ((o.pilots ?? []).length > 1) for (const p of o.pilots ?? []) add(`Pilot ${p.ico} alone`, p);
  add('Placebo: a false start earlier', o.placebo_in_time);
  add('Placebo: comparison practices as pilots', o.placebo_in_space);
  for (const p of o.leave_one_pilot_out ?? []) add(`All pilots but ${p.without}`, p);
  const id = `estimates-${o.outcome}`;
  const t = table(`Estimates: ${o.title} (${o.unit})`, ['', 'Effect', '95% interval', 'The interval'], rows, {
    numeric: [1, 2],
    rowHeader: 0,
  });
  t.id = id;
  return scrollable(id, t);
}

function eventStudy(o: OutcomeEvaluation): Child {
  const rows = o.event_study ?? [];
  if (rows.length === 0) return null;
  const id = `event-study-${o.outcome}`;
  const t = table(
    `Event study: ${o.title}, the effect by period since the start (0 is the first period after it)`,
    ['Periods since start', 'Effect', '95% interval'],
    rows.map((r) => [r.periods_since_start > 0 ? `+${r.periods_since_start}` : String(r.periods_since_start), figure(r.estimate), interval(r)]),
    { numeric: [1, 2], rowHeader: 0 },
  );
  t.id = id;
  return el(
    'figure',
    {},
    eventStudyChart(rows),
    el('figcaption', {}, 'Points: the effect in each period; dashed: its 95% interval; grey: no effect.'),
    el('details', {}, el('summary', {}, 'The event study as a table'), scrollable(id, t)),
  );
}

function outcomeSection(o: OutcomeEvaluation): HTMLElement {
  const id = `outcome-${o.outcome}`;
  if (o.not_estimated)
    return sectionAt(3, id, o.title, el('p', { 'data-testid': `summary-${o.outcome}` }, o.summary), el('p', { class: 'notice' }, `Not estimated: ${o.not_estimated}`));
  const warnings = o.warnings ?? [];
  const pre = o.pre_trend_p_value;
  return sectionAt(
    3,
    id,
    o.title,
    el('p', { 'data-testid': `summary-${o.outcome}` }, o.summary),
    el(
      'div',
      { class: 'estimates' },
      estimatesTable(o),
      warnings.length > 0
        ? el('div', { class: 'notice', role: 'note', 'data-testid': `warnings-${o.outcome}` }, el('strong', {}, 'What weakens this finding: '), el('ul', {}, warnings.map((w) => el('li', {}, w))))
        : null,
    ),
    el(
      'dl',
      { class: 'summary' },
      summaryItem('Pilot practices', null, String(o.pilot_practices ?? 0)),
      summaryItem('Comparison practices', null, String(o.comparison_practices ?? 0)),
      o.relative !== null && o.relative !== undefined ? summaryItem('Relative to no pilot', null, `${significant.format(o.relative * 100)}%`) : null,
      pre !== null && pre !== undefined ? summaryItem('Trends before the start differ (p)', null, significant.format(pre)) : null,
      o.e_value !== null && o.e_value !== undefined
        ? summaryItem('E-value (interval)', `e-value-${o.outcome}`, `${significant.format(o.e_value)} (${figureText(o.e_value_interval)})`)
        : null,
      o.spend_against_comparison_pounds ? summaryItem('Spend against the comparison', null, `£${figureText(o.spend_against_comparison_pounds.estimate)}`) : null,
    ),
    o.placebo_in_time_not_run ? el('p', {}, `Placebo in time not run: ${o.placebo_in_time_not_run}`) : null,
    o.placebo_in_space_not_run ? el('p', {}, `Placebo in space not run: ${o.placebo_in_space_not_run}`) : null,
    eventStudy(o),
  );
}

function balanceSection(e: Evaluation): HTMLElement {
  const flagged = e.balance.filter((b) => b.imbalanced).length;
  const t = table(
    'Balance of the practices before and after matching (standardised mean differences of 0.1 or more flagged)',
    ['Characteristic', 'Pilots', 'Pool', 'Matched pilots', 'Matched comparison', 'SMD before', 'SMD after', ''],
    e.balance.map((b) => [
      b.variable.replaceAll('_', ' '),
      significant.format(b.pilot_mean),
      significant.format(b.pool_mean),
      significant.format(b.matched_pilot_mean),
      significant.format(b.matched_mean),
      significant.format(b.smd_before),
      el('span', { class: b.imbalanced ? 'flagged' : null }, significant.format(b.smd_after)),
      b.imbalanced ? el('strong', {}, 'imbalanced') : 'balanced',
    ]),
    { numeric: [1, 2, 3, 4, 5, 6], rowHeader: 0 },
  );
  t.id = 'balance-table';
  return sectionAt(
    2,
    'balance',
    'The comparison',
    el(
      'p',
      {},
      `${e.comparison.pilot_practices.length} pilot practices matched to ${e.comparison.matched.length} comparison practices from a pool of ${e.comparison.pool.length} (up to ${e.comparison.matches} each, within a distance of ${e.comparison.caliper}). `,
      flagged === 0 ? 'Every characteristic is balanced after matching.' : `${flagged} characteristic${flagged === 1 ? ' is' : 's are'} still imbalanced after matching.`,
    ),
    scrollable('balance-table', t),
  );
}

// A figure of the case-management analysis, or why it is not shown.
function patientFigure(x: number | null | undefined): Child {
  if (x === null || x === undefined) return suppressed('it would give back a count of 1 to 7');
  return significant.format(x);
}

// The patients the pilots case-managed against those the same rule found in comparison practices.
function caseManagementSection(cm: CaseManagementEvaluation): HTMLElement {
  const rates = table(
    'Case management: rates a person a year, and the adjusted rate ratio',
    ['Outcome', 'Cases, baseline year', 'Cases, follow-up', 'Comparison, baseline year', 'Comparison, follow-up', 'Rate ratio', '95% interval'],
    cm.outcomes.map((o) => [
      o.title,
      patientFigure(o.cases_baseline),
      patientFigure(o.cases_follow_up),
      patientFigure(o.comparison_baseline),
      patientFigure(o.comparison_follow_up),
      el('span', { 'data-testid': `case-management-${o.outcome}` }, significant.format(o.rate_ratio)),
      `${significant.format(o.ci_low)} to ${significant.format(o.ci_high)}`,
    ]),
    { numeric: [1, 2, 3, 4, 5, 6], rowHeader: 0 },
  );
  rates.id = 'case-management-table';
  const balance = table(
    'Case management: the two groups on the case-finding day (standardised mean differences of 0.1 or more flagged; the regression adjusts for each)',
    ['Characteristic', 'Cases', 'Comparison', 'SMD'],
    cm.balance.map((b) => [
      b.variable.replaceAll('_', ' '),
      patientFigure(b.cases_mean),
      patientFigure(b.comparison_mean),
      el('span', { class: b.imbalanced ? 'flagged' : null }, patientFigure(b.smd)),
    ]),
    { numeric: [1, 2, 3], rowHeader: 0 },
  );
  balance.id = 'case-management-balance';
  return sectionAt(
    2,
    'case-management',
    'Case management',
    el(
      'p',
      { 'data-testid': 'case-management-rule' },
      `The rule: registered with a pilot's practice on the case-finding day (${cm.found_on.map((f) => `${f.ico} ${date(f.found_on)}`).join(', ')}), aged ${cm.rule.min_age} or over, with ${cm.rule.min_emergency_admissions} or more emergency admissions in the year before. ` +
        `It found about ${cm.cases.toLocaleString('en-GB')} patients in the pilots' practices, whom the pilots case-managed, and about ${cm.comparison_patients.toLocaleString('en-GB')} in the comparison practices, followed to ${date(cm.follow_up_to)}.`,
    ),
    el('ul', {}, cm.outcomes.map((o) => el('li', {}, o.summary))),
    cm.warnings.length > 0 ? el('ul', {}, cm.warnings.map((w) => el('li', { class: 'warning' }, w))) : null,
    scrollable('case-management-table', rates),
    scrollable('case-management-balance', balance),
  );
}

function evaluationView(e: Evaluation): Child[] {
  const dimensions = [...new Set(e.outcomes.map((o) => o.dimension))];
  return [
    disclosureNotice(
      'figures are rounded to 4 significant figures, balance to 3 and mean list sizes to 5; an effect resting on fewer than 3 pilot practices is suppressed.',
    ),
    el(
      'p',
      { class: 'lede', 'data-testid': 'evaluation-pilots' },
      `${e.plan.name}: ${e.pilots.map((p) => `${p.ico} from ${date(p.start)}`).join(', ')}; ${e.periods.length} periods from ${date(e.periods[0]?.from ?? '')} to ${date(e.periods.at(-1)?.to ?? '')}.`,
    ),
    e.warnings.length > 0 ? el('div', { class: 'notice', role: 'note' }, el('strong', {}, 'Warnings: '), el('ul', {}, e.warnings.map((w) => el('li', {}, w)))) : null,
    dimensions.map((dimension) =>
      sectionAt(
        2,
        `dimension-${slug(dimension)}`,
        dimension.charAt(0).toUpperCase() + dimension.slice(1),
        e.outcomes.filter((o) => o.dimension === dimension).map(outcomeSection),
      ),
    ),
    e.commissioner_benefit.length > 0
      ? sectionAt(2, 'benefit', 'The benefit to the commissioner', el('ul', {}, e.commissioner_benefit.map((b) => el('li', {}, b))))
      : null,
    e.case_management ? caseManagementSection(e.case_management) : null,
    balanceSection(e),
  ];
}

export const evaluationPage: Page = {
  path: 'evaluation',
  title: 'Evaluation',
  async render(main, context) {
    const heading = el('h1', { tabindex: '-1' }, 'Evaluation');
    const plans = await api.plans();
    if (plans.length === 0) {
      main.append(
        heading,
        el('p', { class: 'notice', 'data-testid': 'no-plan' }, 'No analysis plan you may open is stored in the workspace (continuum evaluate add stores one).'),
      );
      return;
    }
    const chosen = plans.find((p) => String(p.id) === context.parameter) ?? plans[0]!;
    const chooser = el(
      'select',
      { id: 'plan', name: 'plan' },
      plans.map((p) => el('option', { value: String(p.id), selected: p === chosen }, `${p.name} (${p.pilots.join(', ')})`)),
    );
    const body = el('div', { 'data-testid': 'evaluation' });
    main.append(heading, el('div', { class: 'controls' }, field(chooser, 'Analysis plan', 'The plans stored in the workspace whose pilots you may see.')), body);

    let asked = 0; // counts requests, so that a slow answer cannot overwrite a later one
    const show = async (plan: PlanListed) => {
      const ticket = ++asked;
      history.replaceState(null, '', `#/evaluation/${plan.id}`);
      body.setAttribute('aria-busy', 'true');
      replace(body, el('p', { class: 'loading' }, 'Evaluating… (the first time after an import takes a few seconds)'));
      let evaluation: Evaluation;
      try {
        evaluation = await api.evaluation(plan.id);
      } catch (error) {
        if (ticket !== asked) return;
        body.removeAttribute('aria-busy');
        if (error instanceof ApiError && error.status === 401) throw error;
        replace(body, el('div', { class: 'error', role: 'alert' }, el('p', {}, error instanceof ApiError ? error.message : 'The evaluation could not be shown.')));
        return;
      }
      if (ticket !== asked) return;
      replace(body, evaluationView(evaluation));
      body.removeAttribute('aria-busy');
    };
    chooser.addEventListener('change', () => show(plans.find((p) => String(p.id) === chooser.value) ?? chosen));
    await show(chosen);
  },
};
