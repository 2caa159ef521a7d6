// Finance: spend against the contract's phased budget to the latest month of data, the forecast
// outturn with its interval, the breakdowns by setting, provider and practice, the risk-share
// settlement line by line, the simulated risk of an overspend by population size, and what the
// savings scenarios the server was given would save and do to the settlement. Money only, no
// patients (a scenario's counts of patients are under disclosure control for the commissioner
// and evaluator); the server has these figures only when it was started with a contract
// (--contract), and says 404 otherwise. The simulation takes a few seconds after the server
// starts, so its section fills in when it arrives, without holding up the rest.

import { ApiError, api, type Monitor, type MonitorLine, type SettlementAnswer } from '../api';
import { el, replace, scrollable, section, table, type Child } from '../dom';
import { pounds, signedPercent, signedPounds } from '../format';
import type { Page } from '../page';
import { budgetScope, budgetSummary, burnUpFigure } from '../parts/budget';
import { populationRisk } from '../parts/population_risk';
import { icoResult, netPayment, settlementBasis, settlementParties } from '../parts/risk_share';
import { savingsScenarios } from '../parts/savings_scenarios';

export const financePage: Page = {
  path: 'finance',
  title: 'Finance',
  async render(main, context) {
    // The overview names the ICO and its practices; the page does without it should it fail.
    const [finance, overview] = await Promise.all([api.finance(), context.overview().catch(() => null)]);
    if (!finance) {
      main.append(
        el('h1', { tabindex: '-1' }, 'Finance'),
        el(
          'p',
          { class: 'notice', 'data-testid': 'no-contract' },
          'The server was started without a contract, so it has no budget, spend or settlement to show. ',
          'Whoever runs it can start it again with ',
          el('code', {}, 'continuum serve --contract FILE'),
          '.',
        ),
      );
      return;
    }
    const { monitor, settlement } = finance;
    const names = new Map(overview ? [[overview.ico.id, overview.ico.name], ...overview.practices.map((p) => [p.id, p.name] as const)] : []);
    // "Riverside Acute Trust (ZRA)": the server's title, or the overview's name, with the code.
    const organisation = (line: MonitorLine) => {
      const title = line.title ?? names.get(line.name);
      return title ? `${title} (${line.name})` : line.name;
    };
    const setting = (line: MonitorLine) => kSettingNames[line.name] ?? line.name;
    main.append(
      el('h1', { tabindex: '-1' }, 'Finance'),
      el('p', { class: 'lede' }, budgetScope(monitor)),
      budgetSummary(monitor),
      burnUpSection(monitor),
      breakdown('by-setting', 'Spend by setting', 'Setting', monitor.by_setting, setting),
      breakdown('by-provider', 'Spend by provider', 'Provider', monitor.by_provider, organisation),
      breakdown('by-practice', 'Spend by practice', 'Practice', monitor.by_practice, organisation),
      settlementSection(settlement, names.get(settlement.settlement.ico)),
      laterSection(
        'simulation',
        'Risk by population size',
        'Simulating the contract’s year thousands of times over, for the ICO’s own population and for larger ones, ' +
          'to see how likely an overspend is. The first time after the server starts this takes up to half a minute; ' +
          'the rest of the page is ready meanwhile.',
        api.simulation().then(populationRisk),
      ),
      laterSection('scenarios', 'Savings scenarios', 'Loading the scenarios…', api.scenarios().then(savingsScenarios)),
    );
  },
};

// A section whose content arrives later: until it does, the section says what it is waiting
// for, with a moving progress bar and the seconds waited so far (not announced each second), and
// is marked busy (so it is not read half-filled); if it cannot come, the section says why and
// the rest of the page stays.
function laterSection(id: string, heading: string, loading: string, content: Promise<Child>): HTMLElement {
  const started = Date.now();
  const waited = el('span', { class: 'waited', 'aria-hidden': 'true', 'data-testid': `${id}-waited` });
  const tick = window.setInterval(() => {
    if (!body.isConnected && Date.now() - started > 1000) return window.clearInterval(tick);
    waited.textContent = ` ${Math.floor((Date.now() - started) / 1000)} s so far.`;
  }, 1000);
  const body = el(
    'div',
    { 'aria-busy': 'true' },
    el(
      'div',
      { class: 'loading' },
      el('progress', { 'aria-label': `${heading}: loading` }),
      el('p', { role: 'status' }, loading, waited),
    ),
  );
  content
    .then(
      (children) => replace(body, children),
      (error: unknown) =>
        replace(
          body,
          el(
            'p',
            { class: 'error', role: 'alert' },
            `${heading} cannot be shown: ${error instanceof ApiError ? error.message : 'something went wrong while showing it.'}`,
          ),
        ),
    )
    .finally(() => {
      window.clearInterval(tick);
      body.removeAttribute('aria-busy');
    });
  return section(id, heading, body);
}

function burnUpSection(m: Monitor): HTMLElement {
  const burnUp = burnUpFigure(m);
  return section('burn-up', 'Budget burn-up', burnUp.figure, scrollable('burn-up-heading', burnUp.table));
}

function breakdown(id: string, heading: string, what: string, lines: MonitorLine[], name: (line: MonitorLine) => string): HTMLElement {
  return section(
    id,
    heading,
    scrollable(
      `${id}-heading`,
      table(
        heading,
        [what, 'Budget to date', 'Actual to date', 'Variance', 'Variance %', 'Budget for the year', 'Forecast outturn'],
        lines.map((l) => [
          name(l),
          pounds(l.budget_to_date_pence),
          pounds(l.actual_to_date_pence),
          signedPounds(l.variance_pence),
          l.budget_to_date_pence === 0 ? '–' : signedPercent(l.variance_pct),
          pounds(l.budget_pence),
          pounds(l.forecast_pence),
        ]),
        { numeric: [1, 2, 3, 4, 5, 6], rowHeader: 0, hiddenCaption: true },
      ),
    ),
  );
}

function settlementSection(answer: SettlementAnswer, icoName: string | undefined): HTMLElement {
  const s = answer.settlement;
  const who = (payer: string | null, payee: string | null, flow: string) =>
    payer && payee ? `${payer} pays ${payee}` : flow === 'kept_by_ico' ? `kept by ${s.ico}` : `borne by ${s.ico}`;
  const result = icoResult(s);
  return section(
    'settlement',
    'Risk-share settlement',
    el('p', {}, `${settlementParties(s, icoName)}, ${settlementBasis(answer)}.`),
    table(
      'Settlement totals',
      ['', 'Amount'],
      [
        ['Budget', pounds(s.budget_pence, true)],
        ['Spend', pounds(s.spend_pence, true)],
        ['Stop-loss recovery', pounds(s.stop_loss_recovery_pence, true)],
        ['Net spend', pounds(s.net_spend_pence, true)],
        [s.variance_pence > 0 ? 'Overspend' : s.variance_pence < 0 ? 'Underspend' : 'Variance', pounds(Math.abs(s.variance_pence), true)],
        [`${s.ico}’s share`, pounds(s.ico_share_pence, true)],
        [`${s.counterparty.organisation}’s share`, pounds(s.counterparty_share_pence, true)],
      ],
      { numeric: [1], rowHeader: 0 },
    ),
    scrollable(
      'settlement-heading',
      table(
        'Settlement statement, line by line',
        ['Line', 'Amount', 'Who pays whom'],
        s.lines.map((line) => [line.label, pounds(line.amount_pence, true), who(line.payer, line.payee, line.flow)]),
        { numeric: [1], rowHeader: 0 },
      ),
    ),
    el(
      'p',
      { 'data-testid': 'net-payment' },
      el('strong', {}, 'Settlement: '),
      `${netPayment(s)}. ${s.ico}’s ${result.words} after risk sharing: ${result.amount}.`,
    ),
  );
}

// The server names settings by their codes (docs/data-format.md); organisations by their own.
const kSettingNames: Record<string, string> = {
  gp: 'GP',
  nurse: 'Practice nurse',
  community: 'Community',
  op_first: 'Outpatient, first',
  op_followup: 'Outpatient, follow-up',
  ae: 'A&E',
  elective: 'Elective admission',
  day_case: 'Day case',
  emergency: 'Emergency admission',
  mental_health: 'Mental health',
  social_care: 'Social care',
  prescription: 'Prescribing',
  end_of_life: 'End of life care',
};
