// The practice a page shows patients for: a practice clinician may choose their own practice
// only; the ICO's roles, any member practice. Choosing one changes the address
// (#/PAGE/PRACTICE), so the choice survives a reload and the back button.
//
//   const choices = practiceChoices(session, overview.practices);
//   main.append(practiceForm(choices, chosen, { page: 'case-finding', button: 'Show patients' }));

import type { Session } from '../api';
import { el } from '../dom';

export interface Practice {
  id: string;
  name: string;
}

export function practiceChoices(session: Session, practices: Practice[]): Practice[] {
  if (session.role !== 'practice_clinician') return practices;
  const own = practices.find((p) => p.id === session.practice);
  return own ? [own] : session.practice ? [{ id: session.practice, name: session.practice }] : [];
}

// The practice on show: the one the address names, or the only one the role may choose.
export function chosenPractice(choices: Practice[], parameter: string | undefined): string | undefined {
  return parameter ?? (choices.length === 1 ? choices[0]!.id : undefined);
}

export function practiceForm(
  choices: Practice[],
  chosen: string | undefined,
  target: { page: string; button: string },
): HTMLElement {
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
    el('button', { type: 'submit' }, target.button),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.value) location.hash = `#/${target.page}/${encodeURIComponent(select.value)}`;
    else select.focus();
  });
  return form;
}

// Said above every list of patients one by one.
export function auditNotice(): HTMLElement {
  return el(
    'p',
    { class: 'notice' },
    'These patients can be identified. Every list you open or download is recorded in the audit log.',
  );
}
