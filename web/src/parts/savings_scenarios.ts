// The Finance page's savings scenarios (/api/finance/scenarios): for each business case the
// server was given, what each change removes and adds and saves, the total saving and its share
// of spend, and the risk-share settlement without and with it, with both as CSV downloads. The
// counts of patients are under disclosure control for the commissioner and evaluator.
//
//   section.append(...savingsScenarios(await api.scenarios()));

import type { Scenario, ScenarioChange, ScenarioSettlement } from '../api';
import { downloadCsv } from '../csv';
import { el, scrollable, table, type Child } from '../dom';
import { capitalise, date, disclosedCount, disclosureNotice, percent, pounds, signedPounds } from '../format';

const kChangeKinds: Record<ScenarioChange['kind'], string> = {
  shift_outpatient_follow_ups: 'outpatient follow-ups moved to another setting',
  case_management: 'case management',
  end_of_life_at_home: 'end of life care at home',
};

// Activity is in events, as expected values (a share of each follow-up), so it may not be whole.
const kActivity = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

// None given: one line says so.
export function savingsScenarios(scenarios: Scenario[]): Child[] {
  if (scenarios.length === 0) {
    return [
      el(
        'p',
        { class: 'notice', 'data-testid': 'no-scenarios' },
        'No savings scenario is loaded. Whoever runs the server can add one with ',
        el('code', {}, 'continuum serve --scenario FILE'),
        '.',
      ),
    ];
  }
  const changes = () =>
    downloadCsv(
      'savings-scenarios.csv',
      [
        'scenario',
        'change',
        'kind',
        'patients',
        'activity_removed',
        'activity_added',
        'cost_removed_pounds',
        'cost_added_pounds',
        'saving_pounds',
      ],
      scenarios.flatMap((s) => [
        ...s.changes.map((c) => [
          s.scenario,
          changeName(c),
          c.kind,
          c.patients ?? 'suppressed',
          c.events_removed ?? 'suppressed',
          c.events_added ?? 'suppressed',
          poundsOrWithheld(c.cost_removed_pence),
          poundsOrWithheld(c.cost_added_pence),
          poundsOrWithheld(c.saving_pence),
        ]),
        [s.scenario, 'total', '', '', '', '', '', '', poundsOrWithheld(s.saving_pence)],
      ]),
    );
  const settlements = () =>
    downloadCsv(
      'savings-scenarios-settlement.csv',
      ['scenario', 'figure', 'without_scenario_pounds', 'with_scenario_pounds', 'difference_pounds'],
      scenarios.flatMap((s) =>
        settlementFigures(s).map((f) => [
          s.scenario,
          f.name,
          f.before / 100,
          poundsOrWithheld(f.after),
          f.after === null ? 'suppressed' : (f.after - f.before) / 100,
        ]),
      ),
    );
  return [
    scenarios.some((s) => s.disclosure === 'controlled')
      ? disclosureNotice(
          'counts of patients and of activity are rounded to the nearest 5, and counts of 1 to 7 are suppressed; each change’s money rests on its activity as shown, and the saving on the changes as shown.',
        )
      : null,
    el(
      'p',
      {},
      'Each business case applied to the base year: what each change removes and adds, and the risk-share settlement with and ' +
        'without it. A saving that lowers the stop-loss recovery helps the ICO less than it seems. Activity is in events ' +
        '(contacts, attendances, admissions) as expected values, so it need not be whole.',
    ),
    el(
      'div',
      { class: 'inline-form' },
      el('button', { type: 'button', class: 'secondary', onclick: changes }, 'Download the changes as CSV'),
      el('button', { type: 'button', class: 'secondary', onclick: settlements }, 'Download the settlements as CSV'),
    ),
    scenarios.map((s, i) => scenarioView(s, `scenario-${i + 1}`)),
  ];
}

// Money withheld with the activity it rests on reads as suppressed.
function money(pence: number | null, format: (pence: number) => string): Child {
  return pence === null ? disclosedCount(null) : format(pence);
}

function poundsOrWithheld(pence: number | null): number | string {
  return pence === null ? 'suppressed' : pence / 100;
}

function changeName(change: ScenarioChange): string {
  return change.label || kChangeKinds[change.kind] || change.kind;
}

// A figure of the settlement without and with a scenario, in pence.
interface SettlementFigure {
  name: string;
  before: number;
  after: number | null; // withheld with the saving it rests on
  signed: boolean; // it reads with its sign (a variance, a result, a payment), not as an amount
}

// The settlement's figures, in the order the page lists them.
function settlementFigures(s: Scenario): SettlementFigure[] {
  const figure = (name: string, signed: boolean, pick: (settlement: ScenarioSettlement) => number): SettlementFigure => ({
    name,
    before: pick(s.settlement_before),
    after: s.settlement_after === null ? null : pick(s.settlement_after),
    signed,
  });
  return [
    figure('Spend', false, (x) => x.spend_pence),
    figure('Stop-loss recovery', false, (x) => x.stop_loss_recovery_pence),
    figure('Variance (+ over, − under)', true, (x) => x.variance_pence),
    figure(`${s.ico} result (+ gain, − loss)`, true, (x) => x.ico_result_pence),
    figure(`Net payment (+ to ${s.ico})`, true, (x) => x.net_payment_pence),
  ];
}

function scenarioView(s: Scenario, id: string): HTMLElement {
  const heading = `${id}-heading`;
  const saving = s.saving_pence;
  const share = percent(s.spend_before_pence === 0 || saving === null ? 0 : Math.abs(saving) / s.spend_before_pence, 2);
  const caseManaged = s.changes.some((c) => c.kind === 'case_management');
  return el(
    'section',
    { 'aria-labelledby': heading },
    el('h3', { id: heading }, s.scenario),
    el('p', {}, `Applied to ${s.ico}’s activity from ${date(s.year.start)} to ${date(s.year.end)}, against a budget of ${pounds(s.budget_pence)}.`),
    scrollable(
      heading,
      table(
        `Changes: ${s.scenario}`,
        ['Change', 'Patients', 'Activity removed', 'Activity added', 'Cost removed', 'Cost added', 'Saving'],
        s.changes.map((c) => [
          capitalise(changeName(c)),
          disclosedCount(c.patients),
          c.events_removed === null ? disclosedCount(null) : kActivity.format(c.events_removed),
          c.events_added === null ? disclosedCount(null) : kActivity.format(c.events_added),
          money(c.cost_removed_pence, pounds),
          money(c.cost_added_pence, pounds),
          money(c.saving_pence, signedPounds),
        ]),
        { numeric: [1, 2, 3, 4, 5, 6], rowHeader: 0, hiddenCaption: true },
      ),
    ),
    el(
      'p',
      { 'data-testid': `${id}-saving` },
      el('strong', {}, 'In total: '),
      saving === null || s.spend_after_pence === null
        ? `spend of ${pounds(s.spend_before_pence)} without the scenario; the saving is withheld, since a change rests on a count too small to show.`
        : `spend of ${pounds(s.spend_before_pence)} without the scenario and ${pounds(s.spend_after_pence)} with it: ` +
            (saving >= 0 ? `a saving of ${pounds(saving)} (${share} of spend).` : `${pounds(-saving)} more (${share} of spend).`),
    ),
    caseManaged
      ? el(
          'p',
          {},
          s.case_finding === 'risk_model'
            ? 'Case management takes the patients at highest risk by the emergency admission risk model, fitted on the year before.'
            : 'Case management takes the patients with the most emergency admissions in the year before (the data do not hold the two years the risk model needs).',
        )
      : null,
    table(
      `Settlement without and with the scenario: ${s.scenario}`,
      ['Settlement', 'Without the scenario', 'With it', 'Difference'],
      settlementFigures(s).map((f) => {
        const amount = (pence: number) => (f.signed ? signedPounds(pence, true) : pounds(pence, true));
        const after = f.after;
        return after === null
          ? [f.name, amount(f.before), disclosedCount(null), disclosedCount(null)]
          : [f.name, amount(f.before), amount(after), signedPounds(after - f.before, true)];
      }),
      { numeric: [1, 2, 3], rowHeader: 0 },
    ),
  );
}
