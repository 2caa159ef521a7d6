// Quality: one indicator at a time (#/quality/INDICATOR), as the ICO's or a practice's monthly
// SPC chart and as a funnel plot of the practices against the ICO, with a table of the same
// figures that can be downloaded as CSV (parts/indicator_view.ts, which the Commissioner page
// shares). Under disclosure control (commissioner, evaluator) a suppressed count or a value
// resting on one reads "suppressed" and is left out of the charts.

import { api } from '../api';
import { append, el } from '../dom';
import { date, disclosureNotice } from '../format';
import type { Page } from '../page';
import { indicatorExplorer, kPracticeLabels } from '../parts/indicator_view';

export const qualityPage: Page = {
  path: 'quality',
  title: 'Quality',
  async render(main, context) {
    const quality = await api.quality();
    append(main, [
      el('h1', { tabindex: '-1' }, 'Quality of care'),
      el('p', { class: 'lede' }, `${quality.ico.name}, ${date(quality.period.start)} to ${date(quality.period.end)}`),
      quality.disclosure === 'controlled'
        ? disclosureNotice('counts are rounded to the nearest 5, counts of 1 to 7 are suppressed, and so is any value resting on one.')
        : null,
      quality.indicators.length === 0
        ? el('p', {}, 'No quality indicators are defined for this ICO.')
        : indicatorExplorer(quality, { path: 'quality', parameter: context.parameter, labels: kPracticeLabels }),
    ]);
  },
};
