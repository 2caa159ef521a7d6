// The one client of Continuum's JSON API (/api/...). Every request carries the session cookie
// (credentials: 'same-origin'); every state-changing request sends the CSRF token the server
// handed out at sign-in in the X-CSRF-Token header. Errors come back as ApiError with the
// server's status and message.
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
  practice: string | null; // the practice a practice clinician belongs to
  identifiable: boolean; // whether the role may see patients one by one
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

export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  role: Role;
  endpoint: string;
  patients: (number | string)[];
  detail: string;
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

export const api = {
  signIn: (username: string, password: string) =>
    request<Session>('POST', '/api/login', { username, password }).then(remember),
  signOut: () => request<unknown>('POST', '/api/logout', {}).finally(() => (csrf_token = '')),
  session: () => request<Session>('GET', '/api/session').then(remember),
  overview: () => request<Overview>('GET', '/api/overview'),
  quality: () => request<Quality>('GET', '/api/quality'),
  caseFinding: (practice_id: string) =>
    request<CaseFinding>('GET', `/api/practices/${encodeURIComponent(practice_id)}/case-finding`),
  audit: () => request<{ entries: AuditEntry[] }>('GET', '/api/audit'),
};
