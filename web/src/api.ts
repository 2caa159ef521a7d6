// The one client of Continuum's JSON API (/api/...). Every request carries the session cookie
// (credentials: 'same-origin'); every state-changing request (signing out, recording a survey
// response, changing a user) sends the CSRF token the server handed out at sign-in in the X-CSRF-Token header.
// Errors come back as ApiError with the server's status and message.
//
//   const session = await api.signIn('alice', 'secret');
//   const overview = await api.overview();

export type Role =
  | 'administrator'
  | 'board'
  | 'clinical_lead'
  | 'practice_clinician'
  | 'care_coordinator'
  | 'commissioner'
  | 'evaluator';

export interface Session {
  username: string;
  role: Role;
  role_title: string;
  organisation: string | null; // the ICO, practice or commissioner whose data the user serves
  practice: string | null; // the practice a practice clinician belongs to
  identifiable: boolean; // whether the role may see patients one by one
  pages: string[]; // the paths of the pages the role may open (the server's route table decides)
  csrf_token: string;
}

export type Variation =
  | 'common cause'
  | 'improving'
  | 'concerning'
  | 'special cause, high'
  | 'special cause, low';

export type Assurance = 'passes' | 'fails' | 'hit and miss';

export interface Indicator {
  id: string;
  title: string;
  group: string;
  measure: 'proportion' | 'rate' | 'ratio';
  polarity: 'higher_is_better' | 'lower_is_better' | 'neither';
  numerator: number | null; // null: suppressed
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  variation: Variation | null;
  assurance: Assurance | null;
  practices_worse: number;
  practices_better: number;
  per?: number; // rates only: per this many person-years
}

export interface Overview {
  ico: { id: string; name: string };
  period: { start: string; end: string };
  registered: number | null;
  disclosure: 'exact' | 'controlled';
  practices: { id: string; name: string; registered: number | null }[];
  indicators: Indicator[];
}

// One unit of /api/quality: a practice or the whole ICO. Under disclosure control a count may be
// null (suppressed), and a value resting on a suppressed count is null too (withheld).
export interface QualityUnit {
  id: string;
  name: string;
  numerator: number | null;
  denominator: number | null;
  estimate: { value: number; lower: number; upper: number } | null;
  expected?: number | null; // age-sex standardised indicators only
  funnel?: { inner: [number, number]; outer: [number, number]; position: string };
  months: { month: string; value: number | null; signals?: string }[];
  spc?: {
    mean: number;
    lower_process_limit: number;
    upper_process_limit: number;
    variation: Variation;
    assurance?: Assurance;
  };
}

export interface QualityIndicator {
  id: string;
  title: string;
  source: string;
  group: string;
  measure: Indicator['measure'];
  polarity: Indicator['polarity'];
  practices: QualityUnit[];
  ico: QualityUnit;
  per?: number;
  target?: number;
  funnel_overdispersion: number;
}

export interface Quality {
  ico: { id: string; name: string };
  period: { start: string; end: string };
  disclosure: 'exact' | 'controlled';
  indicators: QualityIndicator[];
}

// A unit of the commissioner's comparison: an ICO (its member practices together), a control
// practice the commissioner contracts outside any ICO, or the total over everyone compared.
export interface ComparedUnit {
  id: string;
  name: string;
  kind: 'ico' | 'control_practice' | 'commissioner';
  practices: number;
  registered: number | null; // on the unit's lists on the period's last day; null: suppressed
  aged_65_plus: number | null;
}

// /api/comparison: every ICO and control practice the commissioner contracts, side by side.
// `quality` is shaped as /api/quality: its indicators' `practices` are the units, in the order of
// `units`, and their `ico` is the total, around whose value the funnel limits are drawn.
export interface Comparison {
  commissioner: { id: string; name: string };
  period: { start: string; end: string };
  as_at: string;
  disclosure: 'exact' | 'controlled';
  units: ComparedUnit[];
  total: ComparedUnit;
  quality: Quality;
}

// A commissioner the user may open on the Commissioner page (GET /api/commissioners): the
// analyst's own, or for an evaluator every commissioner that contracts ICOs.
export interface Commissioner {
  id: string;
  name: string;
  icos: string[];
}

// Joiners and leavers of an ICO's lists over a month or the year to date; null when withheld
// under disclosure control (which sends the totals alone, not each reason's count).
export interface ListTurnover {
  joined: number | null;
  left: number | null;
}

// An ICO's finance in one month against its contract (docs/oversight.md): money in pence, the
// forecast settled from that month.
export interface OversightFinance {
  budget_pence: number;
  budget_to_date_pence: number;
  actual_to_date_pence: number;
  not_yet_reported_pence: number;
  variance_to_date_pence: number;
  variance_to_date_pct: number;
  forecast_pence: number;
  forecast_80_pence: [number, number];
  forecast_95_pence: [number, number];
  stop_loss_recovery_pence: number;
  settlement_variance_pence: number;
  forecast_variance_pct: number;
  ico_result_pence: number; // after risk sharing; below 0 a loss
  net_payment_pence: number; // above 0 from the counterparty to the ICO
  deficit: boolean;
  band: { side: number; index: number; label: string };
  events_to_date: number | null;
  uncosted_events_to_date: number | null;
}

// One quality indicator of an ICO in one month, over the financial year to the month's end.
export interface OversightIndicator {
  indicator: string;
  numerator: number | null;
  denominator: number | null;
  expected: number | null;
  value: number | null; // null: nothing counted, or withheld under disclosure control
  lower?: number | null;
  upper?: number | null;
  funnel: string; // within, above_95, below_99.8, ... against everyone compared; '' none
  spc_points: number;
  variation: Variation | 'too few months' | string;
  assurance?: Assurance;
}

export interface OversightAlert {
  kind: 'band' | 'segment' | 'special_cause';
  measure: string; // the indicator of a special cause
  from: string;
  to: string;
  text: string;
}

export interface OversightMonth {
  month: string; // YYYY-MM
  registered: number | null;
  turnover_month: ListTurnover;
  turnover_year_to_date: ListTurnover;
  finance: OversightFinance | null; // null: no contract covers the month
  quality: OversightIndicator[];
  scores: { measure: string; value: number | null; score: number }[];
  segment: {
    segment: number | null;
    average_score: number;
    segment_before_override: number | null;
    financial_override: boolean;
    reasons: string[];
  };
  alerts: OversightAlert[];
}

export interface OversightIco {
  id: string;
  name: string;
  contract: { file: string; name: string } | null;
  pathways: {
    pathway: string;
    episodes: number | null;
    numerator: number | null; // on time
    denominator: number | null; // decided
    adherence: number | null;
    lower: number | null;
    upper: number | null;
  }[];
  months: OversightMonth[]; // the financial year to the month reported on, oldest first
}

// /api/commissioners/{commissioner}/oversight: `continuum oversight --json` under disclosure
// control, with the months one may choose.
// /api/commissioners/{commissioner}/selection: `continuum selection --json --commissioner` under
// disclosure control (docs/selection.md): each ICO's measures of cherry-picking against its
// commissioner's control practices, with q-values over the commissioner's ICOs and the alerts.
export interface SelectionMeasure {
  ico: string;
  measure: string;
  estimated: boolean;
  not_estimated?: string;
  withheld?: string;
  adverse: 'higher' | 'lower';
  effect: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  q_value: number | null;
  alert: boolean;
  observed: number | null;
  expected: number | null;
  unit: string;
  years: string[];
}

export interface Selection {
  from_year: string;
  to_year: string;
  disclosure: 'controlled' | 'exact';
  false_discovery_rate: number;
  tests: number;
  measures: SelectionMeasure[];
  alerts: string[];
}

export interface Oversight {
  commissioner: { id: string; name: string };
  first_month: string;
  month: string;
  tariff: string;
  segmentation: {
    source: string;
    max_average: number[];
    override_best_segment: number;
    metrics: { measure: string; direction: 'higher_is_better' | 'lower_is_better'; scoring: string; thresholds?: number[] }[];
  };
  icos: OversightIco[];
  disclosure?: 'exact' | 'controlled';
  data_months?: { from: string; to: string };
}

export interface RiskFactor {
  column: string;
  words: string;
  log_odds: number;
}

export interface Case {
  patient_id: number | string;
  practice: string;
  age: number;
  sex: string;
  probability: number;
  factors: RiskFactor[];
}

export interface CaseFinding {
  practice: { id: string; name: string };
  scored_on: string;
  cases: Case[];
}

// A risk band's patients (null: suppressed) and the admissions the model expects among them;
// `admitted` (the admissions that followed) only in the validation year's bands.
export interface RiskBand {
  band: string; // 'top 0.5%', '0.5-1%', '1-5%', '5-20%', 'rest'
  patients: number | null;
  expected_admitted: number;
  admitted?: number | null;
}

// A tenth of the validation year's patients by predicted risk, lowest first.
export interface RiskDecile {
  patients: number | null;
  admitted: number | null;
  expected: number;
  mean_predicted: number;
  observed_rate: number | null; // null: withheld with a suppressed count
  lowest: number;
  highest: number;
}

// The patients flagged at the top `percent` of risk, and how many of them were admitted.
export interface RiskTop {
  percent: number;
  flagged: number | null;
  admitted: number | null;
  ppv: number | null; // positive predictive value: the flagged who were admitted
  sensitivity: number | null; // the admitted who were flagged (null: withheld)
  threshold: number; // the lowest risk flagged
}

// /api/risk: the emergency admission risk model, its validation on a later year, and today's
// risk pyramid. No patient appears; counts are as the role's disclosure allows.
export interface Risk {
  ico: string;
  disclosure: 'exact' | 'controlled';
  model: {
    source: string;
    intercept: number;
    coefficients: { column: string; meaning: string; log_odds: number; odds_ratio: number }[];
  };
  validation: {
    year: string; // 2024-25
    index_day: string;
    validated: boolean;
    not_validated?: string; // why not, when not
    c_statistic?: number;
    age_sex_c_statistic?: number;
    brier?: number;
    hosmer_lemeshow?: { statistic: number; degrees_of_freedom: number; p_value: number };
    deciles?: RiskDecile[];
    top?: RiskTop[];
    bands?: RiskBand[];
  };
  pyramid: {
    index_day: string;
    lowest_risk_in_band: number[]; // one per band, in the bands' order
    all: RiskBand[];
    practices: { practice: string; name: string; bands: RiskBand[] }[];
  };
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  role: Role;
  endpoint: string;
  patients: (number | string)[];
  detail: string;
}

// A line of the monitor's breakdowns (by setting, provider, practice, condition group).
export interface MonitorLine {
  name: string; // a setting's code, or a provider's or practice's organisation code
  title?: string; // the provider's or practice's name, when the server knows it
  budget_pence: number;
  budget_to_date_pence: number;
  actual_to_date_pence: number;
  variance_pence: number;
  variance_pct: number;
  forecast_pence: number;
}

export interface MonitorMonth {
  month: string; // 2024-09
  budget_pence: number; // the phased budget for the month
  actual_pence: number;
  not_yet_reported_pence: number; // estimated spend a late setting has not sent yet
  forecast_pence: number | null; // months after the monitor's month only
  // Running totals to the end of the month, the server's (the burn-up draws them as sent):
  cumulative_budget_pence: number; // the phased budget
  cumulative_actual_pence: number | null; // reported spend, to the monitor's month only
  // reported spend and the estimate not yet reported, then the forecast of each later month;
  // the year's last is the forecast outturn
  cumulative_spend_pence: number;
}

// Spend against the phased budget to the end of `month`, with the forecast to year end.
export interface Monitor {
  contract: string;
  ico: string;
  counterparty: string;
  period: { start: string; end: string };
  budget_pence: number;
  month: string;
  as_at: string;
  budget_to_date_pence: number;
  actual_to_date_pence: number;
  not_yet_reported_pence: number;
  variance_pence: number;
  variance_pct: number;
  forecast_pence: number;
  forecast_interval_80_pence: [number, number];
  forecast_interval_95_pence: [number, number];
  months: MonitorMonth[];
  by_setting: MonitorLine[];
  by_provider: MonitorLine[];
  by_practice: MonitorLine[];
}

export interface SettlementLine {
  label: string;
  amount_pence: number;
  flow: 'counterparty_pays_ico' | 'ico_pays_counterparty' | 'borne_by_ico' | 'kept_by_ico';
  payer: string | null; // null: the amount stays with the ICO
  payee: string | null;
}

// The risk-share settlement at year end (or on the forecast, before the year is out).
export interface SettlementAnswer {
  contract: string;
  outturn_basis: 'actual' | 'forecast';
  forecast_month?: string;
  settlement: {
    ico: string;
    counterparty: { organisation: string; name: string };
    start: string;
    end: string;
    budget_pence: number;
    spend_pence: number;
    stop_loss_recovery_pence: number;
    net_spend_pence: number;
    variance_pence: number;
    ico_share_pence: number;
    counterparty_share_pence: number;
    ico_result_pence: number;
    lines: SettlementLine[];
    net_payment: { payer: string | null; payee: string | null; amount_pence: number };
  };
}

// Counts are null when disclosure control suppressed them (and then so is the value).
export interface Adherence {
  numerator: number | null;
  denominator: number | null;
  value: number | null; // null: no episode reached the step
  interval_95: [number, number] | null;
}

export interface PathwayStep {
  id: string;
  title: string;
  after: string; // 'entry' or the id of an earlier step
  due: string; // in words: "14 days after entry"
  action: string;
}

// A pathway's figures for the ICO, one member practice, or a control group.
export interface PathwayUnit {
  kind: 'ico' | 'practice' | 'control_group' | 'control_practice';
  id: string;
  name: string;
  episodes: number | null;
  adherence: Adherence;
  steps: { id: string; adherence: Adherence; median_days: number | null; p90_days: number | null; waiting_here: number | null }[];
}

export interface Pathway {
  id: string;
  title: string;
  source: string;
  entry: { title: string };
  steps: PathwayStep[];
  units: PathwayUnit[];
}

export interface Pathways {
  disclosure: 'exact' | 'controlled';
  from: string;
  to: string;
  as_of: string;
  pathways: Pathway[];
}

export interface WorklistItem {
  patient_id: number | string;
  practice: string;
  pathway: string;
  step: string;
  step_title: string;
  entry_date: string;
  due_date: string;
  days_overdue: number;
  action: string;
}

export interface Worklist {
  as_of: string;
  worklist: WorklistItem[];
}

// The contract's figures: spend against the budget and the risk-share settlement.
export interface Finance {
  monitor: Monitor;
  settlement: SettlementAnswer;
}

// The probability that the year's variance lands in one band of the contract's corridor.
export interface BandProbability {
  band: string; // the band's edges as percentages of the budget: '0%-2%', '5%-' (open)
  probability: number;
}

// The simulated years of one population size, the budget and the caps scaled per head. Spend is
// before the stop-loss recovery; an overspend is counted after it, as the settlement counts it.
export interface SimulatedSize {
  population: number; // patient-years drawn for each simulated year
  budget_pence: number;
  mean_spend_pence: number;
  sd_spend_pence: number;
  analytic_sd_pence: number; // the square root of n times the variance of one patient-year's cost
  spend_p5_pence: number;
  spend_p50_pence: number;
  spend_p95_pence: number;
  p_overspend: number;
  overspend_bands: BandProbability[];
  underspend_bands: BandProbability[];
  p_beyond_corridor: number; // beyond the last band with an end
  mean_ico_result_pence: number; // + gain, - loss
  sd_ico_result_pence: number;
  ico_result_p5_pence: number;
  ico_result_p95_pence: number;
  mean_net_payment_pence: number; // + the counterparty pays the ICO
  sd_net_payment_pence: number;
  mean_stop_loss_recovery_pence: number;
}

// /api/finance/simulation: the year-end outturn simulated (a bootstrap of the base year's
// patient-years) for the ICO's own population, first, and for larger ones.
export interface Simulation {
  contract: string;
  ico: string;
  counterparty: string;
  period: { start: string; end: string };
  budget_pence: number;
  simulated_years: number;
  seed: number;
  base_patient_years: number;
  mean_cost_per_patient_year_pence: number;
  sizes: SimulatedSize[];
}

// What one change of a savings scenario does to the base year. `patients` and the activity are
// under disclosure control for the commissioner and evaluator (null: suppressed; else rounded
// to 5); activity is in events, as expected values.
export interface ScenarioChange {
  label: string;
  kind: 'shift_outpatient_follow_ups' | 'case_management' | 'end_of_life_at_home';
  patients: number | null;
  events_removed: number | null;
  events_added: number | null;
  // null under disclosure control where the activity they rest on is withheld
  cost_removed_pence: number | null;
  cost_added_pence: number | null;
  saving_pence: number | null;
}

// The settlement's figures on the base year's spend, with or without a scenario.
export interface ScenarioSettlement {
  spend_pence: number;
  stop_loss_recovery_pence: number;
  variance_pence: number; // + over, - under
  ico_result_pence: number; // + gain, - loss
  net_payment_pence: number; // + the counterparty pays the ICO
}

// A savings scenario (a business case) applied to the ICO's base year.
export interface Scenario {
  scenario: string; // its name
  disclosure: 'exact' | 'controlled';
  contract: string;
  ico: string;
  year: { start: string; end: string };
  budget_pence: number;
  changes: ScenarioChange[];
  spend_before_pence: number;
  // null under disclosure control where a change's money is withheld
  spend_after_pence: number | null;
  saving_pence: number | null;
  case_finding: 'risk_model' | 'prior_emergency_admissions';
  settlement_before: ScenarioSettlement;
  settlement_after: ScenarioSettlement | null;
}

// A survey the voice form records answers to (data/surveys/*.json): its questions, each with its
// answers as codes and the words on the form.
export interface Survey {
  id: string;
  title: string;
  respondent: 'patient' | 'staff';
  source: string;
  questions: { id: string; text: string; answers: { code: string; label: string }[] }[];
  indicators: string[]; // the quality indicators that count its answers
}

// The days the quality indicators measure: a response given after `last` is kept, and counts
// once the data reach its month.
export interface Measured {
  first: string;
  last: string;
}

// /api/voice: the surveys, the practices the user may record responses for (a practice clinician
// their own only), and the responses recorded so far by survey, practice and month.
export interface Voice {
  surveys: Survey[];
  practices: { id: string; name: string }[];
  measured: Measured;
  recorded: { survey: string; practice: string; month: string; responses: number; counted: number }[];
}

// One anonymous survey response: no patient or member of staff is named.
export interface VoiceResponse {
  survey: string;
  practice: string;
  responded_on: string; // 2025-03-31
  answers: { question: string; answer: string }[]; // the questions answered, by code
}

// The server's receipt for a response recorded; `counted` says whether the indicators count it
// now.
export interface VoiceRecorded extends VoiceResponse {
  id: number;
  counted: boolean;
  measured: Measured;
}

// A user who may sign in, as the administrator sees them: never a password or its hash.
export interface User {
  username: string;
  role: Role;
  role_title: string;
  organisation: string; // the ICO, practice or commissioner they serve; '' for none
  disabled: boolean;
}

// An ICO the signed-in user may open (GET /api/icos).
export interface Ico {
  id: string;
  name: string;
  commissioner: { id: string; name: string } | null;
  practices: number;
  contract: boolean; // whether its finance pages have a contract to show
}

export type OrganisationKind = 'ico' | 'practice' | 'commissioner';

// /api/users, and the answer to every change of a user: the users as they now are, the roles a
// user may hold with the kind of organisation each serves, and the organisations there are.
export interface Users {
  users: User[];
  roles: { role: Role; title: string; organisation_kind: OrganisationKind | null }[];
  organisations: { id: string; name: string; kind: OrganisationKind }[];
}

// A user to add; `organisation` for the roles that serve one.
export interface NewUser {
  username: string;
  role: Role;
  organisation?: string;
  password: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const kAuditCsvPath = '/api/audit?format=csv';

function oversightPath(commissioner: string, answer: string, month?: string): string {
  return `/api/commissioners/${encodeURIComponent(commissioner)}/${answer}${month ? `?month=${encodeURIComponent(month)}` : ''}`;
}

// The oversight report as the server's CSV, for a download link.
export function oversightCsvPath(commissioner: string, month: string): string {
  return oversightPath(commissioner, 'oversight.csv', month);
}

let csrf_token = '';

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = csrf_token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.message ?? `The server answered ${response.status}.`);
  }
  return payload as T;
}

function remember(session: Session): Session {
  csrf_token = session.csrf_token;
  return session;
}

// The ICO whose pages are on show: every ICO's answers live under /api/icos/{ico}/.
let ico = '';

export function chooseIco(id: string): void {
  ico = id;
}

export function chosenIco(): string {
  return ico;
}

function icoPath(answer: string): string {
  return `/api/icos/${encodeURIComponent(ico)}/${answer}`;
}

// An analysis plan stored in the workspace (`continuum evaluate add`) whose evaluation the user may
// open (GET /api/evaluations): an evaluator every plan, a commissioner's analyst those whose every
// pilot is an ICO their commissioner contracts.
export interface PlanListed {
  id: number; // the stored version's: /api/evaluations/{id}
  name: string;
  file: string;
  version: number;
  pilots: string[]; // the ICOs it evaluates
}

// An estimate with its 95% interval; null figures were withheld by disclosure control.
export interface EstimateRow {
  estimate: number | null;
  std_error: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

export interface OutcomeEvaluation {
  outcome: string;
  dimension: string;
  title: string;
  unit: string;
  better: 'lower' | 'higher';
  not_estimated?: string; // why it could not be estimated; then only the summary follows
  summary: string;
  pilot_practices?: number;
  comparison_practices?: number;
  dropped_practices?: number;
  programme?: EstimateRow;
  pilots_after?: number;
  counterfactual?: number;
  relative?: number | null;
  relative_low?: number | null;
  relative_high?: number | null;
  event_study?: (EstimateRow & { periods_since_start: number })[];
  spend_against_comparison_pounds?: EstimateRow | null;
  pre_trend_p_value?: number | null;
  // A pilot's row has not_estimated (and null figures) when its own estimate could not be made.
  pilots?: (EstimateRow & { ico: string; not_estimated?: string })[];
  placebo_in_time?: EstimateRow | null;
  placebo_in_space?: EstimateRow | null;
  placebo_in_time_not_run?: string;
  placebo_in_space_not_run?: string;
  leave_one_pilot_out?: (EstimateRow & { without: string; not_estimated?: string })[];
  e_value?: number | null;
  e_value_interval?: number | null;
  warnings?: string[];
}

// /api/evaluations/{id}: `continuum evaluate --plan --json` under disclosure control (figures to 4
// significant figures, balance to 3, list sizes to 5; effects resting on fewer than 3 pilot
// practices withheld).
export interface Evaluation {
  plan: { file: string; name: string };
  pilots: { ico: string; start: string }[];
  periods: { period: number; from: string; to: string }[];
  comparison: {
    pool: string[];
    matched: string[];
    pilot_practices: string[];
    unmatched_pilot_practices: string[];
    matches: number;
    caliper: number;
  };
  balance: {
    variable: string;
    pilot_mean: number;
    pool_mean: number;
    matched_pilot_mean: number;
    matched_mean: number;
    smd_before: number;
    smd_after: number;
    imbalanced: boolean;
  }[];
  outcomes: OutcomeEvaluation[];
  commissioner_benefit: string[];
  case_management: CaseManagementEvaluation | null;
  warnings: string[];
}

// The patients the pilots case-managed against those the same rule found in comparison practices
// (docs/evaluation.md); null where disclosure control withholds a figure.
export interface CaseManagementEvaluation {
  rule: { min_age: number; min_emergency_admissions: number };
  found_on: { ico: string; found_on: string }[];
  follow_up_to: string;
  cases: number;
  comparison_patients: number;
  balance: { variable: string; cases_mean: number | null; comparison_mean: number | null; smd: number | null; imbalanced: boolean }[];
  outcomes: {
    outcome: string;
    title: string;
    cases_baseline: number | null;
    cases_follow_up: number | null;
    comparison_baseline: number | null;
    comparison_follow_up: number | null;
    rate_ratio: number;
    std_error_log: number;
    ci_low: number;
    ci_high: number;
    summary: string;
  }[];
  warnings: string[];
}

export const api = {
  signIn: (username: string, password: string) =>
    request<Session>('POST', '/api/login', { username, password }).then(remember),
  signOut: () => request<unknown>('POST', '/api/logout', {}).finally(() => (csrf_token = '')),
  session: () => request<Session>('GET', '/api/session').then(remember),
  icos: () => request<{ icos: Ico[] }>('GET', '/api/icos').then((answer) => answer.icos),
  overview: () => request<Overview>('GET', icoPath('overview')),
  quality: () => request<Quality>('GET', icoPath('quality')),
  comparison: () => request<Comparison>('GET', icoPath('comparison')),
  commissioners: () =>
    request<{ commissioners: Commissioner[] }>('GET', '/api/commissioners').then((answer) => answer.commissioners),
  // The month reported on, or by default the last the data wholly cover.
  oversight: (commissioner: string, month?: string) =>
    request<Oversight>('GET', oversightPath(commissioner, 'oversight', month)),
  // Seconds the first time a commissioner is asked for after an import: the server works it out.
  selection: (commissioner: string) => request<Selection>('GET', oversightPath(commissioner, 'selection')),
  plans: () => request<{ plans: PlanListed[] }>('GET', '/api/evaluations').then((answer) => answer.plans),
  // Seconds the first time a plan is asked for after an import: the server works it out then.
  evaluation: (plan: number) => request<Evaluation>('GET', `/api/evaluations/${encodeURIComponent(String(plan))}`),
  risk: () => request<Risk>('GET', icoPath('risk')),
  caseFinding: (practice_id: string) =>
    request<CaseFinding>('GET', icoPath(`practices/${encodeURIComponent(practice_id)}/case-finding`)),
  monitor: () => request<Monitor>('GET', icoPath('finance/monitor')),
  settlement: () => request<SettlementAnswer>('GET', icoPath('finance/settlement')),
  // Both finance answers, or null when the server was started without a contract (its 404).
  finance: (): Promise<Finance | null> =>
    Promise.all([api.monitor(), api.settlement()]).then(
      ([monitor, settlement]) => ({ monitor, settlement }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      },
    ),
  // The first answer after the server starts may take a few seconds: the simulation runs then.
  simulation: () => request<Simulation>('GET', icoPath('finance/simulation')),
  // One per --scenario the server was started with; none, an empty list.
  scenarios: () =>
    request<{ scenarios: Scenario[] }>('GET', icoPath('finance/scenarios')).then((answer) => answer.scenarios),
  pathways: () => request<Pathways>('GET', icoPath('pathways')),
  worklist: (practice_id: string) =>
    request<Worklist>('GET', icoPath(`practices/${encodeURIComponent(practice_id)}/worklist`)),
  audit: () => request<{ entries: AuditEntry[] }>('GET', '/api/audit'),
  voice: () => request<Voice>('GET', icoPath('voice')),
  recordVoice: (response: VoiceResponse) => request<VoiceRecorded>('POST', icoPath('voice'), response),
  users: () => request<Users>('GET', '/api/users'),
  addUser: (user: NewUser) => request<Users>('POST', '/api/users', user),
  // Ends the user's sessions, the administrator's own too when it is theirs.
  setPassword: (username: string, password: string) =>
    request<Users>('POST', `/api/users/${encodeURIComponent(username)}/password`, { password }),
  // Disabling ends the user's sessions; the server refuses the administrator's own account.
  setDisabled: (username: string, disabled: boolean) =>
    request<Users>('POST', `/api/users/${encodeURIComponent(username)}/disabled`, { disabled }),
};
