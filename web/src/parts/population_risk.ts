// The Finance page's risk by population size: the year-end outturn simulated for the ICO's own
// population and for larger ones (/api/finance/simulation), as a chart of the spread of spend
// against the budget with the chance of an overspend, the figures as a table with a CSV download,
// how many years were simulated and the seed, and where the variance lands in the corridor's
// bands.
//
//   section.append(...populationRisk(await api.simulation()));

import type { SimulatedSize, Simulation } from '../api';
import { downloadCsv } from '../csv';
import { el, scrollable, table, type Child } from '../dom';
import { count, percent, pounds, signedPounds } from '../format';
import { populationRiskChart } from './population_risk_chart';

// The sizes run from the smallest population to the largest; the ICO's own is marked with its code.
export function populationRisk(sim: Simulation): Child[] {
  const own = sim.sizes[0];
  const sizes = [...sim.sizes].sort((a, b) => a.population - b.population);
  const population = (z: SimulatedSize) => (z === own ? `${count(z.population)} (${sim.ico})` : count(z.population));
  const download = () =>
    downloadCsv(
      'risk-by-population-size.csv',
      [
        'population',
        'own_population',
        'budget_pounds',
        'mean_spend_pounds',
        'sd_spend_pounds',
        'sd_percent_of_budget',
        'spend_p5_pounds',
        'spend_p95_pounds',
        'p_overspend_percent',
        'mean_ico_result_pounds',
        'mean_net_payment_pounds',
      ],
      sizes.map((z) => [
        z.population,
        z === own ? 'yes' : 'no',
        z.budget_pence / 100,
        z.mean_spend_pence / 100,
        z.sd_spend_pence / 100,
        Number(((100 * z.sd_spend_pence) / z.budget_pence).toFixed(2)),
        z.spend_p5_pence / 100,
        z.spend_p95_pence / 100,
        Number((100 * z.p_overspend).toFixed(2)),
        z.mean_ico_result_pence / 100,
        z.mean_net_payment_pence / 100,
      ]),
    );
  return [
    el(
      'p',
      { 'data-testid': 'simulation-method' },
      `${count(sim.simulated_years)} simulated years (seed ${sim.seed}) for ${sim.ico}’s own population and for larger ones. ` +
        `Each year draws as many patient-years as the population, with replacement, from the ${count(sim.base_patient_years)} ` +
        `of ${sim.ico}’s base year (mean ${pounds(sim.mean_cost_per_patient_year_pence, true)} a patient-year), and settles the contract on them; ` +
        'for the larger populations the budget and the caps are scaled per head. A larger population makes the outturn more certain, ' +
        'good or bad; it does not make a budget set too low adequate.',
    ),
    el(
      'figure',
      { 'data-testid': 'simulation-chart' },
      populationRiskChart(sizes, (z) => (z === own ? `${count(z.population)}\n${sim.ico}` : count(z.population))),
      el(
        'figcaption',
        {},
        'For each population size, the year’s spend as a percentage of its budget: the bar spans the 5th to the 95th centile ' +
          'of the simulated years, the point is the mean, and the dashed line is the budget. Above each bar, the chance of an ' +
          'overspend, which is counted after the stop-loss recovery, as the settlement counts it. The table below gives the figures.',
      ),
    ),
    el('button', { type: 'button', class: 'secondary', onclick: download }, 'Download CSV'),
    scrollable(
      'simulation-heading',
      table(
        'Simulated outturn by population size',
        [
          'Population',
          'Budget',
          'Mean spend',
          'SD',
          'SD, % of budget',
          '5th–95th centile of spend',
          'Chance of overspend',
          'Mean ICO result',
          'Mean net payment',
        ],
        sizes.map((z) => [
          population(z),
          pounds(z.budget_pence),
          pounds(z.mean_spend_pence),
          pounds(z.sd_spend_pence),
          percent(z.sd_spend_pence / z.budget_pence, 2),
          // may break after 'to', so the table fits a laptop's screen
          [el('span', { class: 'nowrap' }, `${pounds(z.spend_p5_pence)} to`), ' ', el('span', { class: 'nowrap' }, pounds(z.spend_p95_pence))],
          percent(z.p_overspend),
          signedPounds(z.mean_ico_result_pence),
          signedPounds(z.mean_net_payment_pence),
        ]),
        { numeric: [1, 2, 3, 4, 5, 6, 7, 8], rowHeader: 0 },
      ),
    ),
    el(
      'p',
      {},
      `SD: the standard deviation of the year’s spend. The ICO result is ${sim.ico}’s gain (+) or loss (−) after risk sharing; ` +
        `the net payment is what ${sim.counterparty} pays ${sim.ico} (+) or ${sim.ico} pays ${sim.counterparty} (−).`,
    ),
    el(
      'details',
      { class: 'key' },
      el('summary', { id: 'bands-summary' }, 'Where the variance lands, by corridor band'),
      scrollable('bands-summary', bandTable(sizes, population)),
    ),
  ];
}

// The chance that the year's variance lands in each band of the corridor, over and under.
function bandTable(sizes: SimulatedSize[], population: (z: SimulatedSize) => string): HTMLTableElement {
  const first = sizes[0];
  const over = first?.overspend_bands.map((b) => `Overspend ${bandWords(b.band)}`) ?? [];
  const under = first?.underspend_bands.map((b) => `Underspend ${bandWords(b.band)}`) ?? [];
  const headers = ['Population', ...over, ...under, 'Beyond the corridor'];
  return table(
    'Chance of the variance landing in each corridor band, by population size',
    headers,
    sizes.map((z) => [
      population(z),
      ...z.overspend_bands.map((b) => percent(b.probability)),
      ...z.underspend_bands.map((b) => percent(b.probability)),
      percent(z.p_beyond_corridor),
    ]),
    { numeric: headers.map((_, i) => i).slice(1), rowHeader: 0 },
  );
}

// A band as the server names it ("0%-2%", "5%-") in words: "0–2%", "5% and more".
function bandWords(band: string): string {
  const [from, to] = band.split('-');
  if (from === undefined || to === undefined) return band;
  return to === '' ? `${from} and more` : `${from.replace(/%$/, '')}–${to}`;
}
