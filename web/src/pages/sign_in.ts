// The sign-in form. A wrong password, a locked-out account (429) or an unreachable server is
// said in an alert above the form, and focus goes back to the password.

import { ApiError, api, type Session } from '../api';
import { el, replace } from '../dom';
import { sentence } from '../format';

export function renderSignIn(root: HTMLElement, onSignedIn: (session: Session) => void, notice?: string): void {
  const username = el('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = el('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = el('div', { class: 'message', role: 'alert', 'aria-live': 'assertive' });
  const submit = el('button', { type: 'submit' }, 'Sign in');

  const form = el(
    'form',
    { class: 'sign-in', novalidate: true },
    el('h1', {}, 'Sign in to Continuum'),
    notice ? el('p', { class: 'notice' }, notice) : null,
    message,
    el('div', { class: 'field' }, el('label', { for: 'username' }, 'Username'), username),
    el('div', { class: 'field' }, el('label', { for: 'password' }, 'Password'), password),
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!username.value || !password.value) {
      replace(message, el('p', { class: 'error' }, 'Enter your username and password.'));
      (username.value ? password : username).focus();
      return;
    }
    submit.disabled = true;
    replace(message);
    try {
      onSignedIn(await api.signIn(username.value.trim(), password.value));
    } catch (error) {
      replace(message, el('p', { class: 'error' }, signInError(error)));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });

  replace(root, el('main', { id: 'main', class: 'signed-out' }, form));
  username.focus();
}

function signInError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Signing in failed. Try again.';
  if (error.status === 401) return 'The username or password is not right. Check them and try again.';
  return sentence(error.message);
}
