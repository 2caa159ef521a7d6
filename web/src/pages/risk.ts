// Risk: how well the emergency admission risk model predicted a year it had not seen (its
// c-statistic beside age and sex alone, and what flagging the top 0.5, 1 and 5% would have
// found), today's risk pyramid for the ICO and each practice, and calibration by decile. No
// patient appears; under disclosure control (commissioner, evaluator) counts are rounded to 5
// and counts of 1 to 7 read "suppressed".

import { api, type Risk, type RiskBand } from '../api';
import { el, scrollable, section, table, type Child } from '../dom';
import { count, date, disclosedCount, disclosureNotice, percent, suppressed } from '../format';
import type { Page } from '../page';

export const riskPage: Page = {
  path: 'risk',
  title: 'Risk',
  async render(main) {
    const risk = await api.risk();
    main.append(
      el('h1', { tabindex: '-1' }, 'Risk of emergency admission'),
      el(
        'p',
        { class: 'lede' },
        `${risk.ico}: each registered patient’s risk of an emergency admission in the year from ` +
          `${date(risk.pyramid.index_day)}, from a model ${risk.model.source}.`,
      ),
    );
    if (risk.disclosure === 'controlled') {
      main.append(disclosureNotice('counts of patients and admissions are rounded to the nearest 5, and counts of 1 to 7 are suppressed.'));
    }
    main.append(validationSection(risk), pyramidSection(risk), practiceSection(risk));
    const calibration = calibrationSection(risk);
    if (calibration) main.append(calibration);
  },
};

// A statistic to `digits` decimal places.
function decimal(value: number, digits = 2): string {
  return value.toFixed(digits);
}

function validationSection(risk: Risk): HTMLElement {
  const v = risk.validation;
  const heading = `How well the model predicted ${v.year}`;
  if (!v.validated || v.c_statistic === undefined) {
    return section(
      'validation',
      heading,
      el('p', { class: 'notice', 'data-testid': 'not-validated' }, `Not validated: ${v.not_validated ?? 'there is no later year to test on'}.`),
    );
  }
  const figure = (term: string, testid: string, value: string) =>
    el('div', {}, el('dt', {}, term), el('dd', { 'data-testid': testid }, value));
  const top = v.top ?? [];
  return section(
    'validation',
    heading,
    el(
      'p',
      {},
      `The model scored the patients registered on ${date(v.index_day)} and was judged on the emergency admissions that followed in ${v.year}. ` +
        'The c-statistic is the chance that a patient who was admitted had a higher risk than one who was not: 0.5 is no better than chance, 1 is perfect.',
    ),
    el(
      'dl',
      { class: 'summary' },
      figure('c-statistic', 'c-statistic', decimal(v.c_statistic)),
      v.age_sex_c_statistic === undefined ? null : figure('Age and sex alone', 'age-sex-c-statistic', decimal(v.age_sex_c_statistic)),
      v.brier === undefined ? null : figure('Brier score', 'brier', decimal(v.brier, 3)),
    ),
    v.hosmer_lemeshow
      ? el(
          'p',
          {},
          `Hosmer–Lemeshow test of calibration: χ² ${decimal(v.hosmer_lemeshow.statistic)} on ` +
            `${v.hosmer_lemeshow.degrees_of_freedom} degrees of freedom, p = ${decimal(v.hosmer_lemeshow.p_value, 3)}` +
            (v.hosmer_lemeshow.p_value < 0.05 ? ' (predicted and observed differ by more than chance).' : ' (no evidence that predicted and observed differ).'),
        )
      : null,
    top.length === 0
      ? null
      : scrollable(
          'validation-heading',
          table(
            'Flagging the patients at highest risk',
            ['Top of the list', 'Patients flagged', 'Of them admitted', 'Positive predictive value', 'Sensitivity', 'Lowest risk flagged'],
            top.map((t) => [
              `top ${t.percent}%`,
              disclosedCount(t.flagged),
              disclosedCount(t.admitted),
              rate(t.ppv),
              rate(t.sensitivity),
              percent(t.threshold),
            ]),
            { numeric: [1, 2, 3, 4, 5], rowHeader: 0 },
          ),
        ),
    top.length === 0
      ? null
      : el(
          'p',
          {},
          'Positive predictive value: of the patients flagged, the share admitted. Sensitivity: of the patients admitted, the share flagged.',
        ),
  );
}

// "top 0.5%" and "0.5-1%" as the page writes them; "rest" is everyone below the 20% band.
function bandName(band: string): string {
  if (band === 'rest') return 'the rest';
  return band.replace(/(\d)-(\d)/, '$1–$2');
}

function pyramidSection(risk: Risk): HTMLElement {
  const p = risk.pyramid;
  const bands = p.all.map((b) => bandName(b.band));
  return section(
    'pyramid',
    `Risk pyramid on ${date(p.index_day)}`,
    el(
      'p',
      {},
      'Patients in each band of risk, the highest risk at the top: the top 0.5% of the ICO’s patients, the next 0.5%, ' +
        'to the top 1%, to 5%, to 20%, and the rest. Bands are cut on the whole ICO’s list, so a practice’s share of each band can differ.',
    ),
    pyramidFigure(risk),
    scrollable(
      'pyramid-heading',
      table(
        'Patients by risk band, the whole ICO',
        ['Band', 'Risk from', 'Patients', 'Admissions expected'],
        p.all.map((b, i) => [
          bands[i],
          p.lowest_risk_in_band[i] === undefined ? '' : percent(p.lowest_risk_in_band[i]!),
          disclosedCount(b.patients),
          count(b.expected_admitted),
        ]),
        { numeric: [1, 2, 3], rowHeader: 0 },
      ),
    ),
  );
}

function practiceSection(risk: Risk): HTMLElement {
  const p = risk.pyramid;
  const bands = p.all.map((b) => bandName(b.band));
  return section(
    'practices',
    'Risk bands by practice',
    scrollable(
      'practices-heading',
      table(
        'Patients by risk band and practice',
        ['Practice', ...bands],
        p.practices.map((practice) => [`${practice.name} (${practice.practice})`, ...practice.bands.map((b) => disclosedCount(b.patients))]),
        { numeric: bands.map((_, i) => i + 1), rowHeader: 0 },
      ),
    ),
  );
}

// The pyramid as centred bars, one band a row, their widths in proportion to the patients in
// each. A picture of the table below it, so hidden from screen readers; a suppressed band has
// no bar.
function pyramidFigure(risk: Risk): HTMLElement {
  const all: RiskBand[] = risk.pyramid.all;
  const most = Math.max(1, ...all.map((b) => b.patients ?? 0));
  const rows: Child[] = all.map((b) =>
    el(
      'div',
      { class: 'pyramid-row' },
      el('span', { class: 'pyramid-band' }, bandName(b.band)),
      el(
        'span',
        { class: 'pyramid-track' },
        b.patients === null || b.patients === 0
          ? null
          : bar((100 * b.patients) / most),
      ),
      el('span', { class: 'pyramid-count' }, b.patients === null ? 'suppressed' : count(b.patients)),
    ),
  );
  return el(
    'figure',
    { 'data-testid': 'pyramid-chart' },
    el('div', { class: 'pyramid', 'aria-hidden': 'true' }, rows),
    el(
      'figcaption',
      {},
      'The ICO’s patients in each risk band as centred bars, the highest risk at the top; each bar’s width is in proportion to its patients. ' +
        'The table below gives the figures.',
    ),
  );
}

// A bar `share` per cent of its track wide. Set through the style object: the server's content
// security policy refuses inline style attributes.
function bar(share: number): HTMLElement {
  const element = el('span', { class: 'pyramid-bar' });
  element.style.width = `${share.toFixed(2)}%`;
  return element;
}

function calibrationSection(risk: Risk): HTMLElement | null {
  const deciles = risk.validation.deciles ?? [];
  if (deciles.length === 0) return null;
  return section(
    'calibration',
    'Calibration by decile',
    el(
      'p',
      {},
      `The ${risk.validation.year} patients in ten equal groups by their predicted risk, lowest first: the mean risk the model predicted ` +
        'against the share admitted. A well calibrated model has the two close in every group.',
    ),
    scrollable(
      'calibration-heading',
      table(
        'Predicted and observed admission rate by decile of risk',
        ['Decile', 'Risk from', 'Risk to', 'Patients', 'Admitted', 'Admissions expected', 'Mean predicted', 'Observed rate'],
        deciles.map((d, i) => [
          String(i + 1),
          percent(d.lowest),
          percent(d.highest),
          disclosedCount(d.patients),
          disclosedCount(d.admitted),
          count(d.expected),
          percent(d.mean_predicted),
          rate(d.observed_rate),
        ]),
        { numeric: [1, 2, 3, 4, 5, 6, 7], rowHeader: 0 },
      ),
    ),
  );
}

// A rate the server withheld with the suppressed count it rests on.
function rate(value: number | null): Child {
  return value === null ? suppressed('it rests on a suppressed count') : percent(value);
}
