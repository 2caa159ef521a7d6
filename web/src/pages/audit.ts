// The audit log for the administrator: who saw what, when, and which patients. The whole log
// downloads as CSV straight from the server.

import { api, kAuditCsvPath } from '../api';
import { el, scrollable, table } from '../dom';
import { count, dateTime } from '../format';
import type { Page } from '../page';

export const auditPage: Page = {
  path: 'audit',
  title: 'Audit log',
  async render(main) {
    const { entries } = await api.audit();
    main.append(
      el('h1', { tabindex: '-1' }, 'Audit log'),
      el('p', { class: 'lede' }, 'Every request for figures or patients, newest first.'),
      el('p', {}, el('a', { href: kAuditCsvPath, download: 'audit.csv', class: 'button-link' }, 'Download the audit log as CSV')),
      el('h2', { id: 'audit-heading' }, `${count(entries.length)} entries`),
      scrollable(
        'audit-heading',
        table(
          'Audit log entries',
          ['When', 'User', 'Role', 'Request', 'Patients', 'Detail'],
          [...entries]
            .sort((a, b) => b.id - a.id)
            .map((e) => [
              dateTime(e.at),
              e.username,
              e.role.replace(/_/g, ' '),
              el('code', {}, e.endpoint),
              e.patients.length === 0 ? 'none' : `${count(e.patients.length)}: ${e.patients.slice(0, 5).join(', ')}${e.patients.length > 5 ? ', …' : ''}`,
              e.detail,
            ]),
          { hiddenCaption: true },
        ),
      ),
    );
  },
};
