// Who may sign in, for the administrator: each user's role and organisation, a row's buttons to
// disable or enable them and to give them a new password, and a form to add a user. The server
// checks every change (the username, the password's strength, the organisation the role serves)
// and writes it to the audit log; the page says what changed, or the server's reason,
// and lists the users as the server's answer has them. Passwords leave only in a request's body.

import { ApiError, api, type NewUser, type Role, type User, type Users } from '../api';
import { append, el, field, replace, scrollable, section, table } from '../dom';
import { count } from '../format';
import type { Page, PageContext } from '../page';
import { formOutcome, refusal, type FormOutcome } from '../parts/form_outcome';

export const usersPage: Page = {
  path: 'users',
  title: 'Users',
  async render(main, context) {
    const answer = await api.users();
    const list = userList(answer, context);
    append(main, [
      el('h1', { tabindex: '-1' }, 'Users'),
      el('p', { class: 'lede' }, 'Who may sign in to Continuum, and in which role.'),
      el(
        'p',
        { class: 'notice' },
        'Every change is recorded in the audit log. A new password, or disabling a user, signs them out at once.',
      ),
      list.element,
      addUserForm(answer, context, list.show),
    ]);
  },
};

// The server's field names as the forms label them.
const kFieldLabels: Record<string, string> = {
  username: 'Username',
  role: 'Role',
  organisation: 'Organisation',
  password: 'Password',
};

const kPasswordRule =
  'At least 12 characters, of more than one kind: lower-case letters, capitals, digits, spaces or punctuation.';

// What a refused change says; a refusal because the session is over shows the sign-in form.
function refuse(outcome: FormOutcome, context: PageContext, lead: string, error: unknown): void {
  if (error instanceof ApiError && error.status === 401) context.sessionEnded();
  else outcome.refused(lead, refusal(error, (field) => kFieldLabels[field]));
}

function organisationName(answer: Users, id: string): string {
  const organisation = answer.organisations.find((o) => o.id === id);
  return organisation ? `${organisation.name} (${id})` : id;
}

function forScreenReaders(text: string): HTMLElement {
  return el('span', { class: 'visually-hidden' }, text);
}

// The table of users, with a status and an alert for the changes made from its rows. `show` lists
// the users of an answer to a change made elsewhere.
function userList(first: Users, context: PageContext): { element: HTMLElement; show: (answer: Users) => void } {
  const own = context.session.username;
  const outcome = formOutcome();
  const summary = el('p', {});
  const holder = el('div', {});

  // Lists the users of `answer`, and puts focus on the control named `focus` (data-control): the
  // new one of the control that had it.
  const show = (answer: Users, focus?: string) => {
    const disabled = answer.users.filter((u) => u.disabled).length;
    replace(
      summary,
      `${count(answer.users.length)} ${answer.users.length === 1 ? 'user' : 'users'}, ` +
        `${disabled === 0 ? 'none' : count(disabled)} of them disabled.`,
    );
    const rows = answer.users.map((user) => [
      [user.username, user.username === own ? ' (you)' : null],
      user.role_title,
      user.organisation ? organisationName(answer, user.organisation) : 'None',
      user.disabled ? el('strong', {}, 'Disabled') : 'Can sign in',
      el(
        'div',
        { class: 'row-actions' },
        user.username === own ? null : toggleButton(user),
        el(
          'button',
          { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'data-control': `password-${user.username}`, onclick: openPassword(user) },
          'Set password',
          forScreenReaders(` for ${user.username}`),
        ),
      ),
    ]);
    replace(
      holder,
      scrollable(
        'users-heading',
        table('Users', ['Username', 'Role', 'Organisation', 'Status', 'Actions'], rows, { rowHeader: 0, hiddenCaption: true }),
      ),
    );
    if (focus) holder.querySelector<HTMLElement>(`[data-control="${focus}"]`)?.focus();
  };

  const toggleButton = (user: User) => {
    const control = `disabled-${user.username}`;
    const button = el(
      'button',
      { type: 'button', class: 'secondary', 'data-control': control },
      user.disabled ? 'Enable' : 'Disable',
      forScreenReaders(` ${user.username}`),
    );
    button.addEventListener('click', async () => {
      outcome.clear();
      button.disabled = true;
      const disabling = !user.disabled;
      try {
        show(await api.setDisabled(user.username, disabling), control);
        outcome.done(
          disabling
            ? `Disabled ${user.username}: they cannot sign in, and any session they had has ended.`
            : `Enabled ${user.username}: they can sign in again.`,
        );
      } catch (error) {
        button.disabled = false;
        refuse(outcome, context, `${user.username} was not ${disabling ? 'disabled' : 'enabled'}.`, error);
      }
    });
    return button;
  };

  // Opens the form for a user's new password in a row below theirs, closing any other; the
  // button closes it again.
  const openPassword = (user: User) => (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement;
    const wasOpen = button.getAttribute('aria-expanded') === 'true';
    for (const open of holder.querySelectorAll('tr.password-row')) open.remove();
    for (const other of holder.querySelectorAll('[aria-expanded="true"]')) other.setAttribute('aria-expanded', 'false');
    if (wasOpen) return;
    const close = () => {
      row.remove();
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    };
    const form = passwordForm(user, user.username === own, context, close, (answer) => {
      show(answer, `password-${user.username}`);
      outcome.done(`Set a new password for ${user.username}: any session they had has ended.`);
    });
    const row = el('tr', { class: 'password-row' }, el('td', { colspan: 5 }, form));
    button.closest('tr')?.after(row);
    button.setAttribute('aria-expanded', 'true');
    form.querySelector('input')?.focus();
  };

  show(first);
  return {
    element: section('users', 'All users', summary, outcome.status, outcome.alert, holder),
    show: (answer) => {
      outcome.clear(); // what it said was about an earlier change
      show(answer);
    },
  };
}

// A password typed twice, to be the same before it is sent: the server checks its strength.
// `take` gives the password, or null when the two differ, and clears both: a password is never
// left on the page, whether the server took it or not.
function passwordFields(prefix: string, label: string): { fields: HTMLElement[]; take: () => string | null } {
  const input = (id: string) => el('input', { id, type: 'password', autocomplete: 'new-password' });
  const [first, again] = [input(prefix), input(`${prefix}-again`)];
  again.setAttribute('aria-describedby', `${prefix}-hint`); // the rule, said once, under the first's label
  return {
    fields: [field(first, label, kPasswordRule), field(again, `${label} again`)],
    take: () => {
      const value = first.value === again.value ? first.value : null;
      first.value = '';
      again.value = '';
      return value;
    },
  };
}

const kPasswordsDiffer = 'The two passwords are not the same: type the same password in both.';

function passwordForm(
  user: User,
  isOwn: boolean,
  context: PageContext,
  close: () => void,
  changed: (answer: Users) => void,
): HTMLElement {
  const password = passwordFields('new-password', 'New password');
  const outcome = formOutcome();
  const submit = el('button', { type: 'submit' }, 'Set password');
  const form = el(
    'form',
    { class: 'password-form', novalidate: true, 'aria-labelledby': 'new-password-heading' },
    el('h3', { id: 'new-password-heading' }, `New password for ${user.username}`),
    isOwn ? el('p', {}, 'This is your own account: you will be signed out, and sign in again with the new password.') : null,
    outcome.alert,
    password.fields,
    el('div', { class: 'row-actions' }, submit, el('button', { type: 'button', class: 'secondary', onclick: close }, 'Cancel')),
  );
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    outcome.clear();
    const lead = 'The password was not changed.';
    const value = password.take();
    if (value === null) {
      outcome.refused(lead, kPasswordsDiffer);
      return;
    }
    submit.disabled = true;
    try {
      const answer = await api.setPassword(user.username, value);
      if (isOwn) context.sessionEnded('Your password has been changed, which signed you out. Sign in with the new password.');
      else changed(answer);
    } catch (error) {
      refuse(outcome, context, lead, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function addUserForm(answer: Users, context: PageContext, show: (answer: Users) => void): HTMLElement {
  const username = el('input', { id: 'new-username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const role = el(
    'select',
    { id: 'new-role' },
    el('option', { value: '' }, 'Choose a role'),
    answer.roles.map((r) => el('option', { value: r.role }, r.title)),
  );
  // The organisations of the kind the chosen role serves: an ICO, a member practice or a
  // commissioner; none for an administrator or an evaluator.
  const organisation = el('select', { id: 'new-organisation', required: true });
  const organisationField = field(
    organisation,
    'Organisation',
    'The ICO, member practice or commissioner whose data they serve.',
  );
  organisationField.hidden = true;
  const kindOf = () => answer.roles.find((r) => r.role === role.value)?.organisation_kind ?? null;
  const kKindWords = { ico: 'an ICO', practice: 'a practice', commissioner: 'a commissioner' };
  role.addEventListener('change', () => {
    const kind = kindOf();
    organisationField.hidden = kind === null;
    if (kind === null) return;
    replace(
      organisation,
      el('option', { value: '' }, `Choose ${kKindWords[kind]}`),
      answer.organisations
        .filter((o) => o.kind === kind)
        .map((o) => el('option', { value: o.id }, `${o.name} (${o.id})`)),
    );
  });
  const password = passwordFields('new-user-password', 'Password');
  const submit = el('button', { type: 'submit' }, 'Add user');
  const outcome = formOutcome();

  const form = el(
    'form',
    { class: 'form-panel', novalidate: true, 'aria-labelledby': 'add-user-heading' },
    el('h2', { id: 'add-user-heading' }, 'Add a user'),
    outcome.alert,
    field(username, 'Username', '3 to 64 characters: lower-case letters, digits, full stops, underscores and hyphens.'),
    field(role, 'Role'),
    organisationField,
    password.fields,
    submit,
    outcome.status,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    outcome.clear();
    const lead = 'The user was not added.';
    const value = password.take();
    if (!role.value) return outcome.refused(lead, 'Choose the role the user holds.');
    if (value === null) return outcome.refused(lead, kPasswordsDiffer);
    const user: NewUser = { username: username.value.trim(), role: role.value as Role, password: value };
    if (kindOf() !== null) user.organisation = organisation.value;
    submit.disabled = true;
    try {
      const added = await api.addUser(user);
      show(added);
      const title = answer.roles.find((r) => r.role === user.role)?.title ?? user.role;
      const where = user.organisation ? ` at ${organisationName(added, user.organisation)}` : '';
      outcome.done(`Added ${user.username}, ${title}${where}. They can sign in now.`);
      username.value = '';
      username.focus();
    } catch (error) {
      refuse(outcome, context, lead, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
