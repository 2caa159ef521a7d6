// The oversight report's month, every ICO of the commissioner side by side (docs/oversight.md):
// the segments with their reasons, finance against each contract, the quality indicators with
// their funnel and SPC readings, pathway adherence, and the lists. Every figure is the server's;
// the page only formats it.
//
//   main.append(...oversightMonth({ oversight, indicators, controlled }));

import type { Indicator, Oversight, OversightFinance, OversightIco, OversightIndicator, OversightMonth } from '../api';
import { el, scrollable, section, type Child } from '../dom';
import {
  capitalise,
  date,
  disclosedCount,
  indicatorUnit,
  indicatorValue,
  month as monthName,
  notShown,
  percent,
  pounds,
  signedPercent,
  signedPounds,
  suppressed,
} from '../format';
import { funnelReading, funnelWords } from './funnel_reading';
import { assuranceBadge, variationBadge } from './spc_badges';

// What the month's tables need besides the report: how each indicator is named and measured
// (the overview's indicators, whose ids the report's are), and whether counts are controlled.
export interface OversightView {
  oversight: Oversight;
  indicators: Map<string, Indicator>;
  controlled: boolean;
}

// The ICO's figures for the month reported on (the last of its months).
export function monthOf(ico: OversightIco, month: string): OversightMonth | undefined {
  return ico.months.find((m) => m.month === month);
}

// An ICO or commissioner by name and code ("Nelson Vale Integrated Care Organisation (ZICO1)").
export function nameWithCode(ico: { id: string; name: string }): string {
  return ico.name ? `${ico.name} (${ico.id})` : ico.id;
}

// A measure of the segmentation rules ("quality:diabetes_hba1c", "finance:forecast_variance_pct")
// by its title.
export function measureTitle(measure: string, indicators: Map<string, Indicator>): string {
  if (measure === 'finance:forecast_variance_pct') return 'Forecast variance after settlement, % of budget';
  const indicator = measure.startsWith('quality:') ? indicators.get(measure.slice('quality:'.length)) : undefined;
  return indicator?.title ?? measure;
}

// A segment from 1 (best) to 4 as a small square with its number; the number carries it.
export function segmentMark(segment: number | null): HTMLElement {
  if (segment === null) return el('span', { class: 'segment segment-none' }, 'not segmented');
  return el('span', { class: `segment segment-${segment}` }, el('span', { class: 'visually-hidden' }, 'segment '), String(segment));
}

// One row of a table with an ICO a column: its heading and each ICO's cell.
interface Row {
  id: string;
  heading: Child;
  cell(ico: OversightIco, month: OversightMonth): Child;
}

function icoColumns(id: string, caption: string, view: OversightView, groups: [string, Row[]][]): HTMLElement {
  const { icos, month } = view.oversight;
  const header = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Measure'),
    icos.map((ico) => el('th', { scope: 'col', class: 'numeric' }, ico.name || ico.id, el('span', { class: 'unit column-detail' }, ico.id))),
  );
  const row = (r: Row) =>
    el(
      'tr',
      { 'data-row': r.id },
      el('th', { scope: 'row' }, r.heading),
      icos.map((ico) => {
        const m = monthOf(ico, month);
        return el('td', { class: 'numeric', 'data-ico': ico.id }, m ? r.cell(ico, m) : notShown());
      }),
    );
  return scrollable(
    `${id}-heading`,
    el(
      'table',
      { class: 'matrix oversight' },
      el('caption', { class: 'visually-hidden' }, caption),
      el('thead', {}, header),
      groups.map(([group, rows]) =>
        el(
          'tbody',
          {},
          group
            ? el('tr', { class: 'group' }, el('th', { scope: 'rowgroup', colspan: String(icos.length + 1) }, el('span', { class: 'group-name' }, group)))
            : null,
          rows.map(row),
        ),
      ),
    ),
  );
}

function segmentsSection(view: OversightView): HTMLElement {
  const { oversight, indicators } = view;
  const rules = oversight.segmentation;
  const reason = (text: string) => {
    // A reason starts with the measure it is about; name it by its title.
    const measure = rules.metrics.find((m) => text.startsWith(`${m.measure} `))?.measure;
    return el('li', {}, measure ? `${measureTitle(measure, indicators)}${text.slice(measure.length)}` : capitalise(text));
  };
  const rows = oversight.icos.map((ico) => {
    const m = monthOf(ico, oversight.month);
    const s = m?.segment;
    return el(
      'tr',
      { 'data-ico': ico.id },
      el('th', { scope: 'row' }, nameWithCode(ico)),
      el('td', { 'data-testid': `segment-${ico.id}` }, s ? segmentMark(s.segment) : notShown()),
      el('td', { class: 'numeric' }, s && s.segment !== null ? s.average_score.toFixed(2) : notShown()),
      el(
        'td',
        { 'data-testid': `override-${ico.id}` },
        !s ? notShown() : s.financial_override ? `Applied: segment ${s.segment_before_override} held to ${s.segment}` : 'No',
      ),
      el('td', { 'data-testid': `band-${ico.id}` }, m ? bandOf(m.finance) : notShown()),
      el('td', {}, s && s.reasons.length > 0 ? el('ul', { class: 'reasons' }, s.reasons.map(reason)) : 'None'),
    );
  });
  const [one, two, three] = rules.max_average;
  return section(
    'segments',
    `Segments, ${monthName(oversight.month)}`,
    scrollable(
      'segments-heading',
      el(
        'table',
        {},
        el('caption', { class: 'visually-hidden' }, `Segment of each ICO, ${monthName(oversight.month)}`),
        el(
          'thead',
          {},
          el('tr', {}, ['ICO', 'Segment', 'Average score', 'Financial override', 'Corridor band', 'Reasons'].map((h, i) => el('th', { scope: 'col', class: i === 2 ? 'numeric' : null }, h))),
        ),
        el('tbody', {}, rows),
      ),
    ),
    el(
      'p',
      {},
      `Segment 1 is the best, 4 the worst (${rules.source}). Each scored measure scores 1 to 4; the segment is 1 for an average score up to ${one}, ` +
        `2 up to ${two}, 3 up to ${three}, else 4; an ICO forecasting a deficit after risk sharing is held to segment ${rules.override_best_segment} ` +
        'or below (the financial override). The reasons are the measures that scored 3 or 4, and the override.',
    ),
    el(
      'details',
      { class: 'key' },
      el('summary', {}, 'The measures scored'),
      el(
        'ul',
        {},
        rules.metrics.map((metric) =>
          el(
            'li',
            {},
            `${measureTitle(metric.measure, indicators)}: ${metric.direction === 'higher_is_better' ? 'higher' : 'lower'} is better, scored ` +
              (metric.thresholds ? `by the thresholds ${metric.thresholds.join(', ')}` : 'by quartile among the commissioner’s ICOs'),
          ),
        ),
      ),
    ),
  );
}

function bandOf(finance: OversightFinance | null): string {
  return finance ? finance.band.label : 'no contract';
}

// A score of one of the segmentation's measures, where the ICO was scored on it this month.
function scoreOf(m: OversightMonth, measure: string): HTMLElement | null {
  const score = m.scores.find((s) => s.measure === measure);
  return score ? el('span', { class: 'score' }, `score ${score.score}`) : null;
}

function range(low: number, high: number): Child {
  return [el('span', { class: 'nowrap' }, pounds(low)), ' to ', el('span', { class: 'nowrap' }, pounds(high))];
}

function financeSection(view: OversightView): HTMLElement {
  const money = (of: (f: OversightFinance) => Child) => (_: OversightIco, m: OversightMonth) => (m.finance ? of(m.finance) : notShown());
  const rows: Row[] = [
    { id: 'contract', heading: 'Contract', cell: (ico) => ico.contract?.name ?? 'No contract' },
    { id: 'budget', heading: 'Budget for the year', cell: money((f) => pounds(f.budget_pence)) },
    { id: 'budget-to-date', heading: 'Budget to date', cell: money((f) => pounds(f.budget_to_date_pence)) },
    { id: 'actual-to-date', heading: 'Spend to date', cell: money((f) => pounds(f.actual_to_date_pence)) },
    {
      id: 'variance-to-date',
      heading: 'Variance to date',
      cell: money((f) => [el('span', { class: 'nowrap' }, signedPounds(f.variance_to_date_pence)), ' ', el('span', { class: 'nowrap' }, `(${signedPercent(f.variance_to_date_pct)})`)]),
    },
    { id: 'not-yet-reported', heading: 'Activity not yet reported', cell: money((f) => pounds(f.not_yet_reported_pence)) },
    { id: 'forecast', heading: 'Forecast outturn', cell: money((f) => pounds(f.forecast_pence)) },
    { id: 'forecast-80', heading: '80% prediction interval', cell: money((f) => range(...f.forecast_80_pence)) },
    { id: 'forecast-95', heading: '95% prediction interval', cell: money((f) => range(...f.forecast_95_pence)) },
    {
      id: 'forecast-variance',
      heading: 'Forecast variance after settlement, % of budget',
      cell: (_, m) => (m.finance ? [el('span', { class: 'value' }, signedPercent(m.finance.forecast_variance_pct)), scoreOf(m, 'finance:forecast_variance_pct')] : notShown()),
    },
    { id: 'band', heading: 'Corridor band', cell: (_, m) => bandOf(m.finance) },
    { id: 'stop-loss', heading: 'Stop-loss recovery', cell: money((f) => pounds(f.stop_loss_recovery_pence)) },
    {
      id: 'ico-result',
      heading: 'ICO’s result after risk sharing',
      cell: money((f) => `${pounds(Math.abs(f.ico_result_pence))} ${f.ico_result_pence < 0 ? 'net loss' : 'net gain'}`),
    },
    {
      id: 'net-payment',
      heading: 'Net payment',
      cell: money((f) =>
        f.net_payment_pence === 0 ? 'None' : `${pounds(Math.abs(f.net_payment_pence))} ${f.net_payment_pence > 0 ? 'to the ICO' : 'from the ICO'}`,
      ),
    },
    { id: 'deficit', heading: 'In deficit', cell: money((f) => (f.deficit ? 'Yes' : 'No')) },
    { id: 'events', heading: 'Events costed to date', cell: money((f) => disclosedCount(f.events_to_date)) },
  ];
  return section(
    'finance',
    'Finance',
    el(
      'p',
      {},
      'Each ICO against its risk-share contract: spend to the month’s end against the phased budget, the year-end forecast with its prediction intervals, ' +
        'and the forecast settled under the contract (stop-loss, corridor band, the ICO’s result and the one net payment). ' +
        'Money is in whole pounds (the CSV has pence) and, unlike the counts, is not rounded for disclosure.',
    ),
    view.oversight.icos.some((ico) => monthOf(ico, view.oversight.month)?.finance)
      ? icoColumns('finance', `Finance of each ICO, ${monthName(view.oversight.month)}`, view, [['', rows]])
      : el(
          'p',
          { class: 'notice', 'data-testid': 'no-contracts' },
          `No ICO here has a risk-share contract covering ${monthName(view.oversight.month)} in the workspace, so there is no finance to show; their segments rest on the other measures.`,
        ),
  );
}

// An indicator's value for an ICO: withheld under disclosure control when it rests on a
// suppressed count, nothing when nothing was counted.
function qualityCell(view: OversightView, indicator: Indicator | undefined, q: OversightIndicator | undefined, m: OversightMonth): Child {
  if (!q) return notShown();
  const measured = indicator ?? { measure: 'ratio' as const, per: undefined };
  const withheld = q.numerator === null || q.denominator === null;
  const value =
    q.value !== null
      ? indicatorValue(measured, q.value)
      : withheld && view.controlled
        ? suppressed('it rests on a suppressed count')
        : notShown();
  const interval =
    q.value !== null && q.lower != null && q.upper != null
      ? el('span', { class: 'unit interval' }, `95% ${indicatorValue(measured, q.lower)} to ${indicatorValue(measured, q.upper)}`)
      : null;
  const words = q.funnel ? funnelWords(q.funnel, indicator?.polarity ?? 'neither') : '';
  return [
    el('span', { class: 'value' }, value),
    interval,
    words ? funnelReading(words) : null,
    el('span', { class: 'spc' }, variationBadge(q.spc_points >= kMinimumSpcPoints ? (q.variation as Indicator['variation']) : null)),
    q.assurance ? el('span', { class: 'spc' }, assuranceBadge(q.assurance)) : null,
    scoreOf(m, `quality:${q.indicator}`),
  ];
}

// An XmR chart needs this many monthly points before its variation is read (docs/oversight.md).
const kMinimumSpcPoints = 12;

function qualitySection(view: OversightView): HTMLElement {
  const { oversight, indicators } = view;
  const first = oversight.icos.flatMap((ico) => monthOf(ico, oversight.month)?.quality ?? []);
  const ids = [...new Set(first.map((q) => q.indicator))];
  // Grouped and ordered as the overview lists them; any the overview lacks come last.
  const order = [...indicators.keys()];
  ids.sort((a, b) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1));
  const groups = new Map<string, Row[]>();
  for (const id of ids) {
    const indicator = indicators.get(id);
    const group = capitalise(indicator?.group ?? 'other');
    const unit = indicator ? indicatorUnit(indicator) : '';
    groups.set(group, [
      ...(groups.get(group) ?? []),
      {
        id,
        heading: [indicator?.title ?? id, unit ? el('span', { class: 'unit' }, ` (${unit})`) : null],
        cell: (_, m) => qualityCell(view, indicator, m.quality.find((q) => q.indicator === id), m),
      },
    ]);
  }
  return section(
    'quality',
    'Quality',
    el(
      'p',
      {},
      `Each indicator over the financial year to the end of ${monthName(oversight.month)}, with its 95% interval; where it lies against the funnel ` +
        'limits around the value over all the commissioner’s ICOs and control practices (blue better, orange worse, purple high or low, bold beyond 99.8%); ' +
        'the variation of its monthly SPC chart (and assurance against a target); and its score where it counts towards the segment.',
    ),
    icoColumns('quality', `Quality indicators of each ICO, ${monthName(oversight.month)}`, view, [...groups]),
  );
}

// Pathway ids as words ("post_discharge_follow_up" reads "Post discharge follow up").
function pathwayTitle(id: string): string {
  return capitalise(id.replace(/_/g, ' '));
}

function pathwaysSection(view: OversightView): HTMLElement {
  const { oversight } = view;
  const ids = [...new Set(oversight.icos.flatMap((ico) => ico.pathways.map((p) => p.pathway)))];
  const rows: Row[] = ids.map((id) => ({
    id,
    heading: pathwayTitle(id),
    cell: (ico) => {
      const p = ico.pathways.find((q) => q.pathway === id);
      if (!p) return notShown();
      const counts = el('span', { class: 'unit column-detail' }, disclosedCount(p.numerator), ' on time of ', disclosedCount(p.denominator), ' decided');
      if (p.denominator === 0) return [el('span', { class: 'value' }, 'None decided')];
      if (p.adherence === null || p.numerator === null || p.denominator === null)
        return [el('span', { class: 'value' }, view.controlled ? suppressed('it rests on a suppressed count') : notShown()), counts];
      return [
        el('span', { class: 'value' }, percent(p.adherence)),
        p.lower !== null && p.upper !== null ? el('span', { class: 'unit interval' }, `95% ${percent(p.lower)} to ${percent(p.upper)}`) : null,
        counts,
      ];
    },
  }));
  return section(
    'pathways',
    'Pathway adherence',
    el('p', {}, `Episodes entering each care pathway in the financial year to ${monthName(oversight.month)}, as at its last day: whole episodes on time of those decided.`),
    rows.length ? icoColumns('pathways', `Pathway adherence of each ICO, ${monthName(oversight.month)}`, view, [['', rows]]) : el('p', {}, 'No pathways.'),
  );
}

function listsSection(view: OversightView): HTMLElement {
  const { oversight } = view;
  const turnover = (period: 'turnover_month' | 'turnover_year_to_date', label: string): Row[] => [
    { id: `${period}-joined`, heading: `Joined ${label}`, cell: (_, m) => disclosedCount(m[period].joined) },
    { id: `${period}-left`, heading: `Left ${label}`, cell: (_, m) => disclosedCount(m[period].left) },
  ];
  const last = new Date(Date.UTC(Number(oversight.month.slice(0, 4)), Number(oversight.month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return section(
    'lists',
    'Lists',
    el(
      'p',
      {},
      'Joiners by birth or moving in, leavers by moving out, death, removal or emigration; a move between two of an ICO’s own practices is a leaver and a joiner, as the lists see it.',
    ),
    icoColumns('lists', `List size and turnover of each ICO, ${monthName(oversight.month)}`, view, [
      [
        '',
        [
          { id: 'registered', heading: `Registered on ${date(last)}`, cell: (_, m) => disclosedCount(m.registered) },
          ...turnover('turnover_month', `in ${monthName(oversight.month)}`),
          ...turnover('turnover_year_to_date', 'in the financial year to date'),
        ],
      ],
    ]),
  );
}

export function oversightMonth(view: OversightView): HTMLElement[] {
  return [segmentsSection(view), financeSection(view), qualitySection(view), pathwaysSection(view), listsSection(view)];
}
