// What a form says once it is sent: a polite status with what changed, or an alert with why
// nothing did, which takes focus so that it is read first. The server's messages start with the
// field they are about ("responded_on: 2099-01-01 is in the future"); the alert names it as the
// form labels it instead.
//
//   const outcome = formOutcome();
//   form.append(outcome.alert, fields, submit, outcome.status);
//   outcome.clear();
//   try { await api.addUser(user); outcome.done('Added asha.'); }
//   catch (error) { outcome.refused('The user was not added.', refusal(error, (field) => kLabels[field])); }

import { ApiError } from '../api';
import { el, replace, type Child } from '../dom';
import { sentence } from '../format';

export interface FormOutcome {
  alert: HTMLElement; // why the last request changed nothing (role=alert)
  status: HTMLElement; // what the last request changed (role=status, polite)
  clear(): void;
  done(said: Child): void;
  // `lead` says what did not happen ("The user was not added."), `why` the reason.
  refused(lead: string, why: Child): void;
}

export function formOutcome(): FormOutcome {
  const alert = el('div', { role: 'alert' });
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  return {
    alert,
    status,
    clear() {
      replace(alert);
      replace(status);
    },
    done(said) {
      replace(alert);
      replace(status, el('p', { class: 'success' }, said));
    },
    refused(lead, why) {
      replace(status);
      const box = el('div', { class: 'error', tabindex: '-1' }, el('p', {}, el('strong', {}, `${lead} `), why));
      replace(alert, box);
      box.focus();
    },
  };
}

// The form's label for a field the server names, and for a part of it ("answers.overall"), if it
// has one.
export type FieldLabel = (field: string, part: string | undefined) => string | undefined;

// Why a request was refused, as a sentence in the form's words.
export function refusal(error: unknown, label: FieldLabel): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  const match = /^([a-z_]+)(?:\.([a-z_]+))?: /.exec(error.message);
  if (!match) return sentence(error.message);
  const name = label(match[1]!, match[2]);
  return sentence(name ? `${name}: ${error.message.slice(match[0].length)}` : error.message);
}
