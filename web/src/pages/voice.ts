// Patient and staff voice: a form to record the answers to the patient Friends and Family Test and
// the staff pulse survey (the surveys are data files, data/surveys/), which count at once in the
// quality indicators that measure them, and the responses recorded so far by survey, practice and
// month. For the clinical roles; a practice clinician records for their own practice only.
// Responses are anonymous; the server keeps who recorded each. The form keeps the survey, practice
// and date after each response and clears the answers, so a stack of paper responses goes in
// quickly from the keyboard.

import { ApiError, api, type Indicator, type Role, type Survey, type Voice, type VoiceRecorded } from '../api';
import { downloadButton, downloadCsv } from '../csv';
import { append, el, field, replace, section, table, type Child } from '../dom';
import { count, date, month } from '../format';
import type { Page } from '../page';
import { formOutcome, refusal } from '../parts/form_outcome';
import { pagedTable } from '../parts/paged_table';

export const voicePage: Page = {
  path: 'voice',
  title: 'Voice',
  async render(main, context) {
    const [voice, overview] = await Promise.all([api.voice(), context.overview()]);
    const recorded = el('div', {});
    const showRecorded = (answer: Voice) => replace(recorded, recordedSoFar(answer));
    showRecorded(voice);
    const onRecorded = () => {
      context.figuresChanged();
      api.voice().then(showRecorded, () =>
        replace(recorded, el('p', { class: 'error' }, 'The responses recorded so far could not be fetched again: reload the page.')),
      );
    };
    append(main, [
      el('h1', { tabindex: '-1' }, 'Patient and staff voice'),
      el(
        'p',
        { class: 'lede' },
        'Record the answers to patient-experience and staff surveys, such as paper Friends and Family Test cards. ' +
          'Each response counts in the quality indicators.',
      ),
      el(
        'p',
        { class: 'notice' },
        'Responses are anonymous: no patient or member of staff is named. Who recorded each response, and when, is kept.',
      ),
      voice.practices.length === 0
        ? el('p', {}, 'There is no practice you may record responses for.')
        : responseForm(voice, context.session.role, onRecorded, () => context.sessionEnded()),
      recorded,
      whereTheyCount(voice.surveys, overview.indicators),
    ]);
  },
};

// `onSignedOut`: the session ended (a 401), so the sign-in form takes over.
function responseForm(voice: Voice, role: Role, onRecorded: () => void, onSignedOut: () => void): HTMLElement {
  const surveys = el(
    'fieldset',
    {},
    el('legend', {}, 'Survey'),
    voice.surveys.map((s, i) =>
      choice('survey', `voice-survey-${s.id}`, s.id, `${s.title}, from ${s.respondent === 'patient' ? 'patients' : 'staff'}`, i === 0),
    ),
  );
  const chosenSurvey = () => {
    const checked = surveys.querySelector<HTMLInputElement>('input:checked');
    return voice.surveys.find((s) => s.id === checked?.value) ?? voice.surveys[0]!;
  };
  const practice = practiceField(voice, role);
  const today = localToday();
  const day = el('input', {
    type: 'date',
    id: 'voice-date',
    name: 'responded_on',
    value: today,
    max: today,
    required: true,
  });
  const questions = el('div', {});
  const showQuestions = () => replace(questions, questionFields(chosenSurvey()));
  showQuestions();
  surveys.addEventListener('change', showQuestions);
  const submit = el('button', { type: 'submit' }, 'Record');
  const outcome = formOutcome();

  const form = el(
    'form',
    { class: 'form-panel', novalidate: true, 'aria-labelledby': 'record-heading' },
    el('h2', { id: 'record-heading' }, 'Record a response'),
    surveys,
    practice.field,
    field(day, 'Date given', 'The day the response was given: today at the latest.'),
    questions,
    submit,
    outcome.alert,
    outcome.status,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return; // the last response is still on its way
    const survey = chosenSurvey();
    outcome.clear();
    const showError = (message: Child) => outcome.refused('The response was not recorded.', message);
    if (!practice.value()) {
      showError('Choose the practice the response is about.');
      return;
    }
    const answers = survey.questions.flatMap((q) => {
      const checked = questions.querySelector<HTMLInputElement>(`input[name="${answerName(q.id)}"]:checked`);
      return checked ? [{ question: q.id, answer: checked.value }] : [];
    });
    submit.disabled = true;
    try {
      const recorded = await api.recordVoice({ survey: survey.id, practice: practice.value(), responded_on: day.value, answers });
      const name = voice.practices.find((p) => p.id === recorded.practice)?.name ?? recorded.practice;
      const said = `Response ${recorded.id} recorded: ${survey.title} at ${name}, given on ${date(recorded.responded_on)}.`;
      outcome.done(`${said} ${whenCounted(recorded)}`);
      for (const input of questions.querySelectorAll<HTMLInputElement>('input:checked')) input.checked = false;
      questions.querySelector<HTMLInputElement>('input')?.focus();
      onRecorded();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onSignedOut();
      else showError(refusal(error, (field, part) => fieldLabel(survey, field, part)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// A radio button with its label after it.
function choice(name: string, id: string, value: string, label: string, checked: boolean): HTMLElement {
  return el('div', { class: 'choice' }, el('input', { type: 'radio', id, name, value, checked }), el('label', { for: id }, label));
}

function answerName(question: string): string {
  return `answer-${question}`;
}

// Each question of the survey as a fieldset of its answers; none is chosen.
function questionFields(survey: Survey): Child[] {
  return [
    el('p', { class: 'hint' }, `${survey.title}: ${survey.source}. Leave a question unanswered when the response left it blank.`),
    survey.questions.map((q) =>
      el(
        'fieldset',
        {},
        el('legend', {}, q.text),
        q.answers.map((a) => choice(answerName(q.id), `voice-${q.id}-${a.code}`, a.code, a.label, false)),
      ),
    ),
  ];
}

// The practice the response is about: chosen from a list, or said when there is only one (a
// practice clinician's own).
function practiceField(voice: Voice, role: Role): { field: HTMLElement; value: () => string } {
  if (voice.practices.length === 1) {
    const only = voice.practices[0]!;
    return {
      field: el(
        'p',
        { 'data-testid': 'voice-practice' },
        el('strong', {}, 'Practice: '),
        `${only.name} (${only.id})`,
        role === 'practice_clinician' ? ', your own: you record responses for it only.' : '',
      ),
      value: () => only.id,
    };
  }
  const select = el(
    'select',
    { id: 'voice-practice', name: 'practice', required: true },
    el('option', { value: '' }, 'Choose a practice'),
    voice.practices.map((p) => el('option', { value: p.id }, `${p.name} (${p.id})`)),
  );
  return {
    field: field(select, 'Practice'),
    value: () => select.value,
  };
}

// The server refuses a response given before the first day measured, so one it does not count
// was given after the last.
function whenCounted(recorded: VoiceRecorded): string {
  if (recorded.counted) return 'It counts in the indicators now.';
  return (
    `It is kept, and will count once the indicators’ data reach ${month(recorded.responded_on)} ` +
    `(they run to ${date(recorded.measured.last)}).`
  );
}

// The form's names for the fields the server's messages start with ("responded_on: 2099-01-01 is
// in the future").
const kFieldNames: Record<string, string> = {
  survey: 'Survey',
  practice: 'Practice',
  responded_on: 'Date given',
  answers: 'Answers',
};

function fieldLabel(survey: Survey, field: string, part: string | undefined): string | undefined {
  const question = survey.questions.find((q) => q.id === part);
  return question ? `The answer to “${question.text}”` : kFieldNames[field];
}

function recordedSoFar(voice: Voice): HTMLElement {
  const titles = new Map(voice.surveys.map((s) => [s.id, s.title]));
  const practices = new Map(voice.practices.map((p) => [p.id, `${p.name} (${p.id})`]));
  const rows = voice.recorded;
  const responses = rows.reduce((n, r) => n + r.responses, 0);
  const counted = rows.reduce((n, r) => n + r.counted, 0);
  const measured =
    `The indicators measure ${date(voice.measured.first)} to ${date(voice.measured.last)}; ` +
    'a response given after that is kept, and counts once the data reach its month.';
  if (rows.length === 0) {
    return section('recorded', 'Recorded so far', el('p', {}, `No responses recorded yet. ${measured}`));
  }
  const download = () =>
    downloadCsv(
      'voice-responses.csv',
      ['survey', 'practice', 'month', 'responses', 'counted'],
      rows.map((r) => [r.survey, r.practice, r.month, r.responses, r.counted]),
    );
  return section(
    'recorded',
    'Recorded so far',
    el(
      'p',
      { 'data-testid': 'voice-totals' },
      `${count(responses)} ${responses === 1 ? 'response' : 'responses'}, ${count(counted)} of them counted in the indicators. ${measured}`,
    ),
    downloadButton('the responses recorded', download),
    pagedTable(
      table(
        'Responses recorded by survey, practice and month',
        ['Survey', 'Practice', 'Month', 'Responses', 'Of them counted'],
        rows.map((r) => [
          titles.get(r.survey) ?? r.survey,
          practices.get(r.practice) ?? r.practice,
          month(r.month),
          count(r.responses),
          count(r.counted),
        ]),
        { numeric: [3, 4], hiddenCaption: true },
      ),
      'recorded-heading',
    ),
  );
}

// A link to each indicator on the Quality page that counts each survey's answers.
function whereTheyCount(surveys: Survey[], indicators: Indicator[]): HTMLElement | null {
  const items = surveys.flatMap((s) => {
    const counting = s.indicators.flatMap((id) => indicators.filter((i) => i.id === id));
    if (counting.length === 0) return [];
    const links = counting.map((i) => el('li', {}, el('a', { href: `#/quality/${encodeURIComponent(i.id)}` }, i.title)));
    return [el('li', {}, `${s.title}: `, el('ul', {}, links))];
  });
  if (items.length === 0) return null;
  return section(
    'counts-in',
    'Where the responses count',
    el('p', {}, 'Each indicator on the Quality page, month by month and for each practice:'),
    el('ul', {}, items),
  );
}

// Today where the user is, as a date input writes it (2025-03-31).
function localToday(): string {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
