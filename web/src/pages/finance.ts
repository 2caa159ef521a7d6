// Finance: spend against the contract's phased budget to the latest month of data, the forecast
// outturn with its interval, the breakdowns by setting, provider and practice, and the
// risk-share settlement line by line. Money only, no patients; the server has these figures
// only when it was started with a contract (--contract), and says 404 otherwise.

import { ApiError, api, type Monitor, type MonitorLine, type SettlementAnswer } from '../api';
import { el, scrollable, section, table, type Child } from '../dom';
import { date, month, pounds, signedPercent, signedPounds } from '../format';
import type { Page } from '../page';
import { burnUp, burnUpChart } from '../parts/burn_up_chart';

export const financePage: Page = {
  path: 'finance',
  title: 'Finance',
  allowed: (session) => ['board', 'clinical_lead', 'commissioner', 'evaluator'].includes(session.role),
  async render(main) {
    let monitor: Monitor;
    let settlement: SettlementAnswer;
    try {
      [monitor, settlement] = await Promise.all([api.monitor(), api.settlement()]);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
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
    main.append(
      el('h1', { tabindex: '-1' }, 'Finance'),
      el(
        'p',
        { class: 'lede' },
        `${monitor.contract}: spend to the end of ${month(monitor.month)} against the budget for ` +
          `${date(monitor.period.start)} to ${date(monitor.period.end)}.`,
      ),
      headlines(monitor),
      burnUpSection(monitor, main.clientWidth),
      breakdown('by-setting', 'Spend by setting', 'Setting', monitor.by_setting),
      breakdown('by-provider', 'Spend by provider', 'Provider', monitor.by_provider),
      breakdown('by-practice', 'Spend by practice', 'Practice', monitor.by_practice),
      settlementSection(settlement),
    );
  },
};

function headlines(m: Monitor): HTMLElement {
  const [low, high] = m.forecast_interval_95_pence;
  const figure = (term: string, testid: string, ...value: Child[]) =>
    el('div', {}, el('dt', {}, term), el('dd', { 'data-testid': testid }, ...value));
  return el(
    'dl',
    { class: 'summary' },
    figure('Budget for the year', 'budget', pounds(m.budget_pence)),
    figure(`Budget to ${month(m.month)}`, 'budget-to-date', pounds(m.budget_to_date_pence)),
    figure('Actual to date', 'actual-to-date', pounds(m.actual_to_date_pence)),
    figure(
      'Variance to date',
      'variance',
      `${signedPounds(m.variance_pence)} (${signedPercent(m.variance_pct)})`,
      el('span', { class: 'unit' }, m.variance_pence > 0 ? ' over budget' : m.variance_pence < 0 ? ' under budget' : ''),
    ),
    figure(
      'Forecast outturn',
      'forecast',
      pounds(m.forecast_pence),
      el('span', { class: 'unit' }, low < high ? ` (95% interval ${pounds(low)} to ${pounds(high)})` : ' (the year’s spend is all in)'),
    ),
    m.not_yet_reported_pence > 0
      ? figure('Estimated, not yet reported', 'not-yet-reported', pounds(m.not_yet_reported_pence))
      : null,
  );
}

function burnUpSection(m: Monitor, width: number): HTMLElement {
  const data = burnUp(m);
  const money = (pence: number | null) => (pence === null ? '–' : pounds(pence));
  return section(
    'burn-up',
    'Budget burn-up',
    el(
      'figure',
      {},
      burnUpChart(data, width),
      el(
        'figcaption',
        {},
        'The phased budget and the actual spend added up month by month, with the forecast to the ' +
          'year end and its 95% interval (shaded). The table gives the figures.',
      ),
    ),
    scrollable(
      'burn-up-heading',
      table(
        'Budget, actual spend and forecast by month, cumulative',
        ['Month', 'Budget in the month', 'Budget, cumulative', 'Actual, cumulative', 'Forecast, cumulative'],
        data.months.map((iso, i) => [
          month(iso),
          pounds(m.months[i]!.budget_pence),
          money(data.budget[i]!),
          money(data.actual[i]!),
          money(data.forecast[i]!),
        ]),
        { numeric: [1, 2, 3, 4], rowHeader: 0 },
      ),
    ),
  );
}

function breakdown(id: string, heading: string, what: string, lines: MonitorLine[]): HTMLElement {
  return section(
    id,
    heading,
    scrollable(
      `${id}-heading`,
      table(
        heading,
        [what, 'Budget to date', 'Actual to date', 'Variance', 'Variance %', 'Budget for the year', 'Forecast outturn'],
        lines.map((l) => [
          words(l.name),
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

function settlementSection(answer: SettlementAnswer): HTMLElement {
  const s = answer.settlement;
  const counterparty = s.counterparty.name ? `${s.counterparty.name} (${s.counterparty.organisation})` : s.counterparty.organisation;
  const basis =
    answer.outturn_basis === 'forecast'
      ? `on the forecast from the monitor at the end of ${month(answer.forecast_month ?? '')}`
      : 'on the year’s actual spend';
  const who = (payer: string | null, payee: string | null, flow: string) =>
    payer && payee ? `${payer} pays ${payee}` : flow === 'kept_by_ico' ? `kept by ${s.ico}` : `borne by ${s.ico}`;
  const net = s.net_payment;
  return section(
    'settlement',
    'Risk-share settlement',
    el('p', {}, `Between ${s.ico} and ${counterparty}, ${date(s.start)} to ${date(s.end)}, ${basis}.`),
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
      net.amount_pence === 0 || !net.payer ? 'no payment.' : `${net.payer} pays ${net.payee} ${pounds(net.amount_pence, true)}.`,
      ` ${s.ico}’s ${s.ico_result_pence < 0 ? 'net loss' : 'net gain'} after risk sharing: ${pounds(Math.abs(s.ico_result_pence), true)}.`,
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

function words(name: string): string {
  return kSettingNames[name] ?? name;
}
