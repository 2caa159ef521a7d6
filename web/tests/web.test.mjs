// Browser tests of the web app against the real server: every role signs in and sees its own
// pages with the server's figures, and nothing it may not see.
// Run from web/ after `npx vite build`: node --test tests/  (make test runs them).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiGet, apiPost, launch, navigation, openApp, requestsOf, screenshot, signIn } from './browser.mjs';
import { contrastFailures, describe as describeFailure, textSamples } from './contrast.mjs';
import { kContract, kIco, kScenario, prepareIco, startServer } from './continuum.mjs';

// How the pages show a count withheld by disclosure control (src/format.ts).
const kWithheld = 'suppressed (a count of 1 to 7, or one that would tell such a count)';

const whole = new Intl.NumberFormat('en-GB');
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayName = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

let folder, ico, server, browser;

before(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'continuum-web-'));
  ico = prepareIco(folder);
  server = await startServer(ico.workspace, ['--contract', kContract, '--scenario', kScenario]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

// The overview page's registered population against what /api/overview returns.
async function checkOverview(page) {
  const { status, body: overview } = await apiGet(page, `/api/icos/${kIco}/overview`);
  assert.equal(status, 200);
  await page.getByRole('heading', { level: 1, name: overview.ico.name }).waitFor();
  const registered = (await page.getByTestId('registered').textContent()).trim();
  assert.equal(registered, overview.registered === null ? kWithheld : whole.format(overview.registered));
  const rows = page.locator('table.indicators tbody tr[data-indicator]');
  assert.equal(await rows.count(), overview.indicators.length);
  assert.ok(overview.indicators.length > 0, 'the overview lists quality indicators');
  const practiceRows = page.getByRole('table', { name: 'Registered patients by practice' }).locator('tbody tr');
  assert.equal(await practiceRows.count(), overview.practices.length);
  return overview;
}

// A figure with its sign as the pages write it: +£99,678, −1.5%.
function signed(n, text) {
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

// The overview's budget and risk-share position against /api/finance/monitor and
// /api/finance/settlement.
async function checkBudget(page) {
  const budget = page.getByRole('region', { name: 'Budget', exact: true });
  await budget.locator('figure canvas').first().waitFor();
  const { status, body: monitor } = await apiGet(page, `/api/icos/${kIco}/finance/monitor`);
  assert.equal(status, 200);
  const money = (pence) => pounds.format(pence / 100);
  const figure = async (region, testid) => (await region.getByTestId(testid).textContent()).trim();
  assert.equal(await figure(budget, 'budget'), money(monitor.budget_pence));
  assert.equal(await figure(budget, 'budget-to-date'), money(monitor.budget_to_date_pence));
  assert.equal(await figure(budget, 'actual-to-date'), money(monitor.actual_to_date_pence));
  const percent = `${Math.abs(monitor.variance_pct).toFixed(1)}%`;
  const variance = `${signed(monitor.variance_pence, money(Math.abs(monitor.variance_pence)))} (${signed(monitor.variance_pct, percent)})`;
  assert.ok((await figure(budget, 'variance')).startsWith(variance), `the variance reads ${variance}`);
  const [low, high] = monitor.forecast_interval_95_pence;
  assert.equal(
    await figure(budget, 'forecast'),
    money(monitor.forecast_pence) + (low < high ? ` (95% interval ${money(low)} to ${money(high)})` : ' (the year’s spend is all in)'),
  );
  // The month-by-month table opens from its summary; the spend added up to the monitor's month
  // is the actual to date.
  await budget.getByText('The burn-up month by month').click();
  const months = budget.getByRole('table', { name: 'Budget, actual spend and forecast by month, cumulative' });
  assert.equal(await months.locator('tbody tr').count(), monitor.months.length);
  const monitorMonth = monthName.format(new Date(`${monitor.month}-01T00:00:00Z`));
  const latest = months.locator('tbody tr', { has: page.getByRole('rowheader', { name: monitorMonth }) });
  assert.equal((await latest.locator('td').nth(2).textContent()).trim(), money(monitor.actual_to_date_pence));

  const { body: answer } = await apiGet(page, `/api/icos/${kIco}/finance/settlement`);
  const s = answer.settlement;
  const position = page.getByRole('region', { name: 'Risk-share position' });
  assert.equal(
    await figure(position, 'ico-result'),
    `${poundsAndPence.format(Math.abs(s.ico_result_pence) / 100)} ${s.ico_result_pence < 0 ? 'net loss' : 'net gain'}`,
  );
  const net = s.net_payment;
  assert.equal(
    await figure(position, 'net-payment'),
    net.amount_pence === 0 || !net.payer ? 'No payment' : `${net.payer} pays ${net.payee} ${poundsAndPence.format(net.amount_pence / 100)}`,
  );
  assert.match(await figure(position, 'settlement-basis'), answer.outturn_basis === 'forecast' ? /^Forecast at the end of / : /^Year-end actual$/);
  assert.equal(await position.getByRole('link', { name: 'Finance page' }).getAttribute('href'), '#/finance');
}

// Money, shares and counts as the Finance page writes them (see src/format.ts).
const money = (pence) => pounds.format(pence / 100);
const signedMoney = (pence, withPence = false) => signed(pence, (withPence ? poundsAndPence : pounds).format(Math.abs(pence) / 100));
const percentOf = (fraction, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;
const activity = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

// The Finance page's risk by population size against /api/finance/simulation: the method in
// words, the chart, a row per size (smallest first) and the CSV.
async function checkSimulation(page) {
  const { status, body: sim } = await apiGet(page, `/api/icos/${kIco}/finance/simulation`);
  assert.equal(status, 200);
  const region = page.getByRole('region', { name: 'Risk by population size' }).first();
  const rows = page.getByRole('table', { name: 'Simulated outturn by population size' }).locator('tbody tr');
  await rows.first().waitFor();
  await region.getByTestId('simulation-chart').locator('canvas').first().waitFor();
  const method = await region.getByTestId('simulation-method').textContent();
  assert.ok(method.startsWith(`${whole.format(sim.simulated_years)} simulated years (seed ${sim.seed})`), method);
  const own = sim.sizes[0];
  const sizes = [...sim.sizes].sort((a, b) => a.population - b.population);
  assert.equal(await rows.count(), sizes.length);
  for (const [i, z] of sizes.entries()) {
    const row = rows.nth(i);
    assert.equal(await row.locator('th').textContent(), z === own ? `${whole.format(z.population)} (${sim.ico})` : whole.format(z.population));
    assert.deepEqual(await row.locator('td').allTextContents(), [
      money(z.budget_pence),
      money(z.mean_spend_pence),
      money(z.sd_spend_pence),
      percentOf(z.sd_spend_pence / z.budget_pence, 2),
      `${money(z.spend_p5_pence)} to ${money(z.spend_p95_pence)}`,
      percentOf(z.p_overspend),
      signedMoney(z.mean_ico_result_pence),
      signedMoney(z.mean_net_payment_pence),
    ]);
  }
  await region.getByText('Where the variance lands, by corridor band').click();
  const bands = page.getByRole('table', { name: 'Chance of the variance landing in each corridor band, by population size' });
  assert.equal(await bands.locator('tbody tr').count(), sizes.length);
  const [download] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Download CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'risk-by-population-size.csv');
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  assert.equal(csv.length, sizes.length + 1);
  assert.match(csv[0], /^population,own_population,budget_pounds,/);
  const ownLine = csv.find((line) => line.startsWith(`${own.population},yes,`));
  assert.ok(ownLine?.startsWith(`${own.population},yes,${own.budget_pence / 100},${own.mean_spend_pence / 100},`), ownLine);
}

// The Finance page's savings scenarios against /api/finance/scenarios: each change, the total
// saving and the settlement with and without; returns the server's scenarios.
async function checkScenarios(page) {
  const { status, body } = await apiGet(page, `/api/icos/${kIco}/finance/scenarios`);
  assert.equal(status, 200);
  assert.equal(body.scenarios.length, 1, 'the server was given one scenario');
  for (const [i, s] of body.scenarios.entries()) {
    await page.getByRole('heading', { level: 3, name: s.scenario }).waitFor();
    const changes = page.getByRole('table', { name: `Changes: ${s.scenario}` }).locator('tbody tr');
    assert.equal(await changes.count(), s.changes.length);
    for (const [k, c] of s.changes.entries()) {
      const row = changes.nth(k);
      assert.equal(await row.locator('th').textContent(), c.label.charAt(0).toUpperCase() + c.label.slice(1));
      const cells = await row.locator('td').allTextContents();
      const shown = (n, format) => (n === null ? kWithheld : format(n));
      assert.equal(cells[0], shown(c.patients, whole.format));
      assert.deepEqual(cells.slice(1), [
        shown(c.events_removed, activity.format),
        shown(c.events_added, activity.format),
        shown(c.cost_removed_pence, money),
        shown(c.cost_added_pence, money),
        shown(c.saving_pence, signedMoney),
      ]);
    }
    const saving = await page.getByTestId(`scenario-${i + 1}-saving`).textContent();
    if (s.saving_pence === null) {
      // A change's money withheld with its activity: the saving and the settlement with it too.
      assert.ok(saving.includes('the saving is withheld'), saving);
    } else if (s.saving_pence >= 0) {
      assert.ok(saving.includes(`a saving of ${money(s.saving_pence)} (${percentOf(s.saving_pence / s.spend_before_pence, 2)} of spend)`), saving);
    } else {
      // A scenario can cost more than it saves: case management adds emergency admissions.
      assert.ok(saving.includes(`${money(-s.saving_pence)} more (${percentOf(-s.saving_pence / s.spend_before_pence, 2)} of spend)`), saving);
    }
    const settlement = page.getByRole('table', { name: `Settlement without and with the scenario: ${s.scenario}` });
    const figure = async (name) =>
      settlement.locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) }).locator('td').allTextContents();
    const [before, after] = [s.settlement_before, s.settlement_after];
    const amount = (pence) => poundsAndPence.format(pence / 100);
    const signed = (pence) => signedMoney(pence, true);
    const difference = (pick) => (after === null ? kWithheld : signedMoney(pick(after) - pick(before), true));
    const withAfter = (pick, format) => (after === null ? kWithheld : format(pick(after)));
    for (const [name, pick, format] of [
      ['Spend', (x) => x.spend_pence, amount],
      ['Stop-loss recovery', (x) => x.stop_loss_recovery_pence, amount],
      ['Variance (+ over, − under)', (x) => x.variance_pence, signed],
      [`${s.ico} result (+ gain, − loss)`, (x) => x.ico_result_pence, signed],
      [`Net payment (+ to ${s.ico})`, (x) => x.net_payment_pence, signed],
    ]) {
      assert.deepEqual(await figure(name), [format(pick(before)), withAfter(pick, format), difference(pick)], name);
    }
  }
  return body.scenarios;
}

// An indicator's value as the pages write it: proportions as percentages, rates and ratios as
// numbers (see src/format.ts).
function indicatorValue(indicator, value) {
  if (indicator.measure === 'proportion') return `${(value * 100).toFixed(1)}%`;
  if (indicator.measure === 'rate') return value >= 100 ? whole.format(Math.round(value)) : value.toFixed(1);
  return value.toFixed(2);
}

// Opens the Quality page from the navigation and waits for its charts.
async function openQuality(page) {
  await page.getByRole('link', { name: 'Quality' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quality of care' }).waitFor();
  await page.getByTestId('spc-chart').locator('canvas').first().waitFor();
}

describe('signing in', () => {
  test('a wrong password shows an error and stays on the sign-in form', async () => {
    const page = await openApp(browser, server.url);
    await page.getByLabel('Username').fill(ico.users.board.username);
    await page.getByLabel('Password').fill('Not the password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('The username or password is not right').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    await screenshot(page, 'sign-in-wrong-password');
    await page.context().close();
  });

  test('the form works from the keyboard alone', async () => {
    const page = await openApp(browser, server.url);
    const user = ico.users.evaluator;
    await page.getByLabel('Username').waitFor();
    await page.keyboard.type(user.username); // the username field has focus on arrival
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.context().close();
  });
});

describe('the ICO board', () => {
  test('sees the overview with the server’s figures and no patients', async () => {
    const page = await signIn(browser, server.url, ico.users.board);
    assert.deepEqual(await navigation(page), ['Overview', 'Quality', 'Risk', 'Finance', 'Pathways']);
    const overview = await checkOverview(page);
    assert.equal(overview.disclosure, 'exact');
    assert.equal(await page.getByTestId('disclosure').count(), 0);
    assert.ok(overview.registered > 5000, `registered ${overview.registered}`);
    await page.getByTestId('role-title').getByText((await apiGet(page, '/api/session')).body.role_title).waitFor();
    await checkBudget(page);
    await screenshot(page, 'board-overview');
    await page.getByRole('link', { name: 'Finance page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Finance' }).waitFor();
    // Asking for case finding by address lands back on the overview.
    await page.goto('/#/case-finding');
    await page.waitForURL(/#\/overview$/);
    await page.context().close();
  });
});

describe('the clinical lead', () => {
  test('finds cases at any member practice and downloads them as CSV', async () => {
    const page = await signIn(browser, server.url, ico.users.clinical_lead);
    assert.deepEqual(await navigation(page), ['Overview', 'Quality', 'Risk', 'Finance', 'Pathways', 'Case finding', 'Voice']);
    await checkOverview(page);
    await page.getByRole('link', { name: 'Case finding' }).click();
    await page.getByRole('button', { name: 'Show patients' }).waitFor();
    const select = page.getByLabel('Practice');
    const options = await select.locator('option[value]:not([value=""])').evaluateAll((list) => list.map((o) => o.value));
    assert.deepEqual(options.sort(), [...ico.practices].sort());
    const practice = ico.practices[1];
    await select.selectOption(practice);
    await page.getByRole('button', { name: 'Show patients' }).click();
    await page.waitForURL(new RegExp(`#/case-finding/${practice}$`));
    const { body: finding } = await apiGet(page, `/api/icos/${kIco}/practices/${practice}/case-finding`);
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    const listed = await pagedCells(page, await page.locator('table caption').textContent());
    assert.equal(listed.length, finding.cases.length);
    assert.deepEqual(listed.map((cells) => cells[1]), finding.cases.map((c) => String(c.patient_id)));
    if (listed.length > 50) await page.getByRole('button', { name: /^First page of/ }).click();
    const first = finding.cases[0];
    assert.equal(await rows.first().locator('th').textContent(), String(first.patient_id));
    assert.match(await rows.first().textContent(), new RegExp(`${(first.probability * 100).toFixed(1)}%`));
    if (first.factors.length > 0) await rows.first().getByText(first.factors[0].words).waitFor();
    await screenshot(page, 'clinical-lead-case-finding');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.equal(download.suggestedFilename(), `case-finding-${practice}.csv`);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.equal(csv[0], 'rank,patient_id,practice,age,sex,risk_percent,factors');
    assert.equal(csv.length, finding.cases.length + 1);
    assert.ok(csv[1].startsWith(`1,${first.patient_id},${practice},`));
    await page.context().close();
  });
});

describe('a long table', () => {
  test('shows 50 rows a page, counted, and pages from the keyboard', async () => {
    // The longest worklist of the ICO's practices.
    const page = await signIn(browser, server.url, ico.users.care_coordinator);
    const lists = [];
    for (const practice of ico.practices) {
      const { body } = await apiGet(page, `/api/icos/${kIco}/practices/${practice}/worklist`);
      lists.push({ practice, items: body.worklist });
    }
    const { practice, items } = lists.reduce((a, b) => (b.items.length > a.items.length ? b : a));
    const total = items.length;
    assert.ok(total > 100, `the practice has ${total} overdue steps to list, enough for three pages`);
    await page.goto(`/#/pathways/${practice}`);
    const worklist = page.getByTestId('worklist');
    await worklist.waitFor();
    const name = await worklist.locator('table caption').textContent();
    const rows = page.getByRole('table', { name }).locator('tbody tr');
    const shown = page.getByTestId('pager-count');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 50);
    const of = `of ${whole.format(total)}`;
    assert.equal(await shown.textContent(), `1–50 ${of}`);
    assert.equal(await shown.getAttribute('aria-live'), 'polite');
    const next = page.getByRole('button', { name: `Next page of ${name}` });
    await next.focus();
    await page.keyboard.press('Enter');
    assert.equal(await shown.textContent(), `51–100 ${of}`);
    assert.equal(await rows.first().locator('th').textContent(), String(items[50].patient_id));
    assert.ok(await next.evaluate((b) => b === document.activeElement), 'focus stays on Next');
    await page.keyboard.press('Shift+Tab'); // past the count, which is not a control, to Previous
    await page.keyboard.press('Space');
    assert.equal(await shown.textContent(), `1–50 ${of}`);
    await page.getByRole('button', { name: `Last page of ${name}` }).press('Enter');
    const from = Math.floor((total - 1) / 50) * 50 + 1;
    assert.equal(await shown.textContent(), `${whole.format(from)}–${whole.format(total)} ${of}`);
    assert.equal(await rows.count(), total - from + 1);
    assert.equal(await next.getAttribute('aria-disabled'), 'true');
    await next.focus();
    await page.keyboard.press('Enter'); // at the end: nothing moves, and focus stays
    assert.equal(await shown.textContent(), `${whole.format(from)}–${whole.format(total)} ${of}`);
    assert.ok(await next.evaluate((b) => b === document.activeElement), 'focus stays on Next at the end');
    await page.context().close();
  });
});

describe('the clinical lead on the quality page', () => {
  test('switches indicator and sees the SPC chart, the funnel plot and the table', async () => {
    const page = await signIn(browser, server.url, ico.users.clinical_lead);
    await openQuality(page);
    const { status, body: quality } = await apiGet(page, `/api/icos/${kIco}/quality`);
    assert.equal(status, 200);
    assert.equal(quality.disclosure, 'exact');
    assert.ok(quality.indicators.length > 1, 'more than one indicator to choose from');
    const chooser = page.getByLabel('Indicator');
    assert.equal(await chooser.inputValue(), quality.indicators[0].id);

    const indicator = quality.indicators[1];
    await chooser.selectOption(indicator.id);
    await page.waitForURL(new RegExp(`#/quality/${indicator.id}$`));
    await page.getByTestId('indicator-summary').getByText(indicator.title).waitFor();
    assert.ok((await page.getByTestId('spc-chart').locator('canvas').count()) > 0);
    assert.equal(await page.getByTestId('spc-chart').locator('[aria-hidden="true"]').count(), 1);
    assert.ok((await page.getByTestId('funnel-chart').locator('canvas').count()) > 0);

    const figures = page.getByRole('table', { name: `${indicator.title} by practice` });
    assert.equal(await figures.locator('tbody tr').count(), indicator.practices.length + 1);
    const icoValue = (await page.getByTestId(`value-${indicator.ico.id}`).textContent()).trim();
    assert.equal(icoValue, indicatorValue(indicator, indicator.ico.estimate.value));
    for (const practice of indicator.practices) {
      const row = figures.locator('tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(`\\(${practice.id}\\)`) }) });
      if (practice.funnel) await row.getByText(practice.funnel.position, { exact: true }).waitFor();
    }
    await screenshot(page, 'clinical-lead-quality');

    // A practice's own SPC chart, from the keyboard.
    const chartFor = page.getByLabel('Chart for');
    await chartFor.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByText(`${indicator.practices[0].name}: monthly values`).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.equal(download.suggestedFilename(), `quality-${indicator.id}.csv`);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.ok(csv[0].startsWith('unit,name,numerator,denominator,'));
    assert.equal(csv.length, indicator.practices.length + 2);

    // The address names the indicator, so reloading shows it again.
    await page.reload();
    await page.getByTestId('indicator-summary').getByText(indicator.title).waitFor();
    assert.equal(await page.getByLabel('Indicator').inputValue(), indicator.id);
    await page.context().close();
  });
});

// Opens the Risk page from the navigation; returns what /api/risk gives the same user.
async function openRisk(page) {
  await page.getByRole('link', { name: 'Risk' }).click();
  await page.getByRole('heading', { level: 1, name: 'Risk of emergency admission' }).waitFor();
  const { status, body: risk } = await apiGet(page, `/api/icos/${kIco}/risk`);
  assert.equal(status, 200);
  return risk;
}

// The cells of a table's body, row by row, as the page writes them.
function tableCells(page, name) {
  return page
    .getByRole('table', { name })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim())));
}

// Every row's cells of a table the page shows a page at a time, paging through with its Next
// button (a table of one page has none).
async function pagedCells(page, name) {
  const cells = [];
  const next = page.getByRole('button', { name: `Next page of ${name}` });
  for (;;) {
    cells.push(...(await tableCells(page, name)));
    if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') return cells;
    const before = await page.getByTestId('pager-count').textContent();
    await next.click();
    await page.waitForFunction((was) => document.querySelector('[data-testid="pager-count"]').textContent !== was, before);
  }
}

describe('the risk page', () => {
  test('the clinical lead sees the validation, the pyramid and calibration with the server’s figures', async () => {
    const page = await signIn(browser, server.url, ico.users.clinical_lead);
    const risk = await openRisk(page);
    assert.equal(risk.disclosure, 'exact');
    assert.equal(await page.getByTestId('disclosure').count(), 0);
    assert.ok(risk.validation.validated, 'the generated ICO has a year to validate on');
    assert.equal((await page.getByTestId('c-statistic').textContent()).trim(), risk.validation.c_statistic.toFixed(2));
    assert.equal((await page.getByTestId('age-sex-c-statistic').textContent()).trim(), risk.validation.age_sex_c_statistic.toFixed(2));
    const top = await tableCells(page, 'Flagging the patients at highest risk');
    assert.deepEqual(
      top.map((row) => [row[0], row[1], row[3], row[4]]),
      risk.validation.top.map((t) => [`top ${t.percent}%`, whole.format(t.flagged), `${(t.ppv * 100).toFixed(1)}%`, `${(t.sensitivity * 100).toFixed(1)}%`]),
    );

    assert.equal(await page.getByTestId('pyramid-chart').locator('.pyramid-bar').count(), risk.pyramid.all.filter((b) => b.patients > 0).length);
    assert.equal(await page.getByTestId('pyramid-chart').locator('[aria-hidden="true"]').count(), 1);
    const bands = await tableCells(page, 'Patients by risk band, the whole ICO');
    assert.deepEqual(bands.map((row) => row[2]), risk.pyramid.all.map((b) => whole.format(b.patients)));
    const practices = await tableCells(page, 'Patients by risk band and practice');
    assert.deepEqual(
      practices,
      risk.pyramid.practices.map((p) => [`${p.name} (${p.practice})`, ...p.bands.map((b) => whole.format(b.patients))]),
    );
    const deciles = await tableCells(page, 'Predicted and observed admission rate by decile of risk');
    assert.deepEqual(
      deciles.map((row) => [row[6], row[7]]),
      risk.validation.deciles.map((d) => [`${(d.mean_predicted * 100).toFixed(1)}%`, `${(d.observed_rate * 100).toFixed(1)}%`]),
    );
    assert.equal(JSON.stringify(risk).includes('"cases"'), false, 'no patient in /api/risk');
    await screenshot(page, 'clinical-lead-risk');
    await page.context().close();
  });

  test('the commissioner sees counts rounded to 5 or suppressed', async () => {
    const page = await signIn(browser, server.url, ico.users.commissioner);
    const risk = await openRisk(page);
    assert.equal(risk.disclosure, 'controlled');
    await page.getByTestId('disclosure').waitFor();
    const counts = [
      ...(await tableCells(page, 'Patients by risk band, the whole ICO')).map((row) => row[2]),
      ...(await tableCells(page, 'Patients by risk band and practice')).flatMap((row) => row.slice(1)),
      ...(await tableCells(page, 'Flagging the patients at highest risk')).flatMap((row) => row.slice(1, 3)),
      ...(await tableCells(page, 'Predicted and observed admission rate by decile of risk')).flatMap((row) => row.slice(3, 5)),
    ];
    assert.ok(counts.length > 0);
    for (const cell of counts) {
      assert.ok(/^suppressed/.test(cell) || Number(cell.replace(/,/g, '')) % 5 === 0, `${cell} is neither rounded to 5 nor suppressed`);
    }
    const withheld = risk.pyramid.practices.flatMap((p) => p.bands).filter((b) => b.patients === null).length;
    assert.equal(await page.getByRole('table', { name: 'Patients by risk band and practice' }).locator('.suppressed').count(), withheld);
    await screenshot(page, 'commissioner-risk');
    await page.context().close();
  });
});

describe('a practice clinician', () => {
  test('sees their own practice’s patients only', async () => {
    const page = await signIn(browser, server.url, ico.users.practice_clinician);
    const [own, other] = ico.practices;
    assert.deepEqual(await navigation(page), ['Overview', 'Quality', 'Risk', 'Pathways', 'Case finding', 'Voice']);
    await page.getByRole('link', { name: 'Case finding' }).click();
    // Their own practice's list opens at once, below the practice form.
    await page.getByRole('heading', { level: 2, name: new RegExp(own) }).waitFor();
    const options = await page.getByLabel('Practice').locator('option').evaluateAll((list) => list.map((o) => o.value));
    assert.deepEqual(options, [own]);
    assert.ok((await page.locator('table tbody tr').count()) > 0);
    await screenshot(page, 'practice-clinician-case-finding');

    assert.equal((await apiGet(page, `/api/icos/${kIco}/practices/${other}/case-finding`)).status, 403);
    await page.goto(`/#/case-finding/${other}`);
    await page.getByRole('alert').getByText('You may not see this page').waitFor();
    assert.equal(await page.locator('table').count(), 0);
    await page.context().close();
  });
});

describe('a care coordinator', () => {
  test('has the overview, quality, case finding and voice', async () => {
    const page = await signIn(browser, server.url, ico.users.care_coordinator);
    assert.deepEqual(await navigation(page), ['Overview', 'Quality', 'Risk', 'Pathways', 'Case finding', 'Voice']);
    await checkOverview(page);
    // No budget: the page does not ask for it (and the server would refuse).
    assert.equal(await page.getByRole('region', { name: 'Budget', exact: true }).count(), 0);
    assert.equal(await page.getByRole('region', { name: 'Risk-share position' }).count(), 0);
    assert.deepEqual(requestsOf(page).filter((path) => path.startsWith(`/api/icos/${kIco}/finance/`)), []);
    assert.equal((await apiGet(page, `/api/icos/${kIco}/finance/monitor`)).status, 403);
    await screenshot(page, 'care-coordinator-overview');
    await page.context().close();
  });
});

for (const role of ['commissioner', 'evaluator']) {
  describe(`the ${role}`, () => {
    test('sees rounded or suppressed counts and no patients', async () => {
      const page = await signIn(browser, server.url, ico.users[role]);
      assert.deepEqual(await navigation(page), ['Overview', 'Quality', 'Risk', 'Finance', 'Pathways', 'Commissioner', 'Oversight', 'Evaluation']);
      const overview = await checkOverview(page);
      assert.equal(overview.disclosure, 'controlled');
      await page.getByTestId('disclosure').waitFor();
      const counts = [overview.registered, ...overview.practices.map((p) => p.registered)];
      for (const indicator of overview.indicators) counts.push(indicator.numerator, indicator.denominator);
      for (const n of counts) assert.ok(n === null || n % 5 === 0, `${n} is neither rounded to 5 nor suppressed`);
      const suppressed = overview.indicators.filter((i) => i.numerator === null).length;
      if (suppressed > 0) assert.ok((await page.locator('table.indicators .suppressed').count()) >= suppressed);
      assert.equal((await apiGet(page, `/api/icos/${kIco}/practices/${ico.practices[0]}/case-finding`)).status, 403);
      await page.getByRole('region', { name: 'Risk-share position' }).getByTestId('net-payment').waitFor();
      await screenshot(page, `${role}-overview`);

      if (role === 'commissioner') {
        // Small practices' counts are suppressed: their values read "suppressed", never zero, and
        // the funnel plot says how many it leaves out.
        const { body: quality } = await apiGet(page, `/api/icos/${kIco}/quality`);
        assert.equal(quality.disclosure, 'controlled');
        const indicator = quality.indicators.find((i) => i.practices.some((p) => p.estimate === null && p.denominator !== 0));
        assert.ok(indicator, 'some practice value is withheld in a 6,000-patient ICO');
        await openQuality(page);
        await page.getByTestId('disclosure').waitFor();
        await page.getByLabel('Indicator').selectOption(indicator.id);
        await page.getByTestId('indicator-summary').getByText(indicator.title).waitFor();
        const figures = page.getByRole('table', { name: `${indicator.title} by practice` });
        const withheld = indicator.practices.filter((p) => p.estimate === null);
        for (const practice of withheld.filter((p) => p.denominator !== 0)) {
          const row = figures.locator('tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(`\\(${practice.id}\\)`) }) });
          assert.match(await row.locator('td').nth(2).textContent(), /^suppressed/);
          assert.doesNotMatch(await row.textContent(), /\b0(\.0)?%/);
        }
        await page.getByTestId('funnel-withheld').getByText(`${withheld.length} of ${indicator.practices.length} practices are not drawn`).waitFor();
        await screenshot(page, 'commissioner-quality');
      }
      await page.context().close();
    });
  });
}

// `role` has no `link` in its navigation, the page's address (#/path) sends it to the overview,
// and the server refuses it the page's `endpoint`.
async function checkNoPage(role, link, path, endpoint) {
  const page = await signIn(browser, server.url, ico.users[role]);
  assert.ok(!(await navigation(page)).includes(link));
  assert.equal((await apiGet(page, endpoint)).status, 403);
  await page.goto(`/#/${path}`);
  await page.waitForURL(/#\/overview$/);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.context().close();
}

// Opens the Commissioner page from the navigation; returns what /api/comparison gives the same
// user.
async function openComparison(page) {
  await page.getByRole('link', { name: 'Commissioner' }).click();
  const { status, body: comparison } = await apiGet(page, `/api/icos/${kIco}/comparison`);
  assert.equal(status, 200);
  await page.getByRole('heading', { level: 1, name: comparison.commissioner.name }).waitFor();
  await page.getByTestId('spc-chart').locator('canvas').first().waitFor();
  return comparison;
}

// The units compared, their registered population and each indicator's value per unit as the page
// shows them, against /api/comparison.
async function checkComparison(page, comparison) {
  assert.equal(comparison.disclosure, 'controlled');
  await page.getByTestId('disclosure').waitFor();
  const { body: overview } = await apiGet(page, `/api/icos/${kIco}/overview`);
  assert.deepEqual(
    comparison.units.map((u) => [u.kind, u.id]),
    [['ico', overview.ico.id], ...ico.controlPractices.map((id) => ['control_practice', id])],
    'the ICO, then the two control practices',
  );

  const people = [...comparison.units, comparison.total];
  const shown = await tableCells(page, 'ICOs and control practices compared, with everyone compared');
  assert.equal(shown.length, people.length);
  for (const [i, unit] of people.entries()) {
    const [, code, , practices, registered, aged] = shown[i];
    assert.equal(code, unit.id);
    assert.equal(practices, String(unit.practices));
    for (const n of [unit.registered, unit.aged_65_plus]) assert.ok(n === null || n % 5 === 0, `${n} is neither rounded to 5 nor suppressed`);
    if (unit.registered === null) assert.match(registered, /^suppressed/);
    else assert.equal(registered, whole.format(unit.registered));
    if (unit.registered === null || unit.aged_65_plus === null) assert.match(aged, /^suppressed/);
    else assert.equal(aged, `${((unit.aged_65_plus / unit.registered) * 100).toFixed(1)}%`);
  }
  assert.ok(comparison.total.registered >= comparison.units[0].registered);

  // A value (or "suppressed") in every unit's column and the total's, each unit with its funnel
  // reading in the server's words.
  const matrix = page.getByRole('table', { name: 'Quality indicators by ICO or control practice, with everyone compared' });
  assert.equal(await matrix.locator('tbody tr[data-indicator]').count(), comparison.quality.indicators.length);
  for (const indicator of comparison.quality.indicators) {
    const row = matrix.locator(`tr[data-indicator="${indicator.id}"]`);
    assert.equal(await row.locator('td').count(), people.length);
    for (const unit of [...indicator.practices, indicator.ico]) {
      const cell = row.locator(`td[data-unit="${unit.id}"]`);
      const value = (await cell.locator('.value').textContent()).trim();
      if (unit.estimate) assert.equal(value, indicatorValue(indicator, unit.estimate.value), `${indicator.id} ${unit.id}`);
      // Nothing to count (no survey responses recorded) is no value, not a suppressed one.
      else if (unit.denominator === 0) assert.equal(value, '–not shown', `${indicator.id} ${unit.id}`);
      else assert.match(value, /^suppressed/, `${indicator.id} ${unit.id}`);
      if (unit.funnel) assert.equal((await cell.locator('.reading').textContent()).trim(), unit.funnel.position);
      else assert.equal(await cell.locator('.reading').count(), 0);
    }
  }
}

// Each outlier's label on every funnel plot (one indicator at a time, at `base`/INDICATOR) is
// there, inside the plot, and overlaps no other label.
async function checkFunnelLabels(page, base, quality) {
  let labelled = 0;
  for (const indicator of quality.indicators) {
    await page.goto(`/${base}/${encodeURIComponent(indicator.id)}`);
    const chart = page.getByTestId('funnel-chart');
    const outliers = indicator.practices.filter(
      (u) => u.estimate && u.denominator !== null && u.funnel && (u.estimate.value < u.funnel.outer[0] || u.estimate.value > u.funnel.outer[1]),
    );
    if (outliers.length === 0) continue;
    await chart.locator('.funnel-label').first().waitFor();
    const { boxes, plot } = await chart.evaluate((figure) => {
      const box = (e) => e.getBoundingClientRect().toJSON();
      return { boxes: [...figure.querySelectorAll('.funnel-label')].map((e) => ({ text: e.textContent, ...box(e) })), plot: box(figure.querySelector('.u-over')) };
    });
    assert.deepEqual(boxes.map((b) => b.text).sort(), outliers.map((u) => u.id).sort(), indicator.id);
    for (const [i, a] of boxes.entries()) {
      assert.ok(a.left >= plot.left - 0.5 && a.right <= plot.right + 0.5 && a.top >= plot.top - 0.5 && a.bottom <= plot.bottom + 0.5, `${indicator.id}: ${a.text} lies inside the plot`);
      for (const b of boxes.slice(i + 1)) {
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        assert.ok(apart, `${indicator.id}: the labels ${a.text} and ${b.text} overlap`);
      }
    }
    labelled += boxes.length;
  }
  return labelled;
}

describe('the funnel plots', () => {
  test('label every outlier, each clear of the others, on the Quality and Commissioner pages', async () => {
    const lead = await signIn(browser, server.url, ico.users.clinical_lead);
    const { body: quality } = await apiGet(lead, `/api/icos/${kIco}/quality`);
    const onQuality = await checkFunnelLabels(lead, '#/quality', quality);
    await lead.context().close();
    const commissioner = await signIn(browser, server.url, ico.users.commissioner);
    const { body: comparison } = await apiGet(commissioner, `/api/icos/${kIco}/comparison`);
    const onComparison = await checkFunnelLabels(commissioner, '#/comparison', comparison.quality);
    await commissioner.context().close();
    assert.ok(onQuality + onComparison > 1, 'some funnel plot has outliers to label');
  });
});

describe('the commissioner page', () => {
  test('the commissioner sees every ICO and control practice side by side with the server’s figures', async () => {
    const page = await signIn(browser, server.url, ico.users.commissioner);
    const comparison = await openComparison(page);
    await checkComparison(page, comparison);
    await screenshot(page, 'commissioner-comparison');

    const [units] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV of who is compared' }).click(),
    ]);
    const unitsCsv = readFileSync(await units.path(), 'utf8').trim().split('\r\n');
    assert.equal(unitsCsv[0], 'unit,name,kind,practices,registered,aged_65_plus,percent_aged_65_plus');
    assert.equal(unitsCsv.length, comparison.units.length + 2);

    const [matrix] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV of the indicators side by side' }).click(),
    ]);
    assert.equal(matrix.suggestedFilename(), 'comparison-indicators.csv');
    const matrixCsv = readFileSync(await matrix.path(), 'utf8').trim().split('\r\n');
    const ids = comparison.units.map((u) => u.id);
    assert.equal(matrixCsv[0], ['indicator,title,group,value_unit', ...ids.map((id) => `${id},${id}_funnel`), comparison.total.id].join(','));
    assert.equal(matrixCsv.length, comparison.quality.indicators.length + 1);

    // One indicator, as on the Quality page: the units against everyone compared.
    const indicator = comparison.quality.indicators[1];
    const chooser = page.getByLabel('Indicator', { exact: true });
    await chooser.selectOption(indicator.id);
    await page.waitForURL(new RegExp(`#/comparison/${indicator.id}$`));
    await page.getByTestId('indicator-summary').getByText(indicator.title).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Against everyone compared' }).waitFor();
    const figures = page.getByRole('table', { name: `${indicator.title} by ICO or control practice` });
    assert.equal(await figures.locator('tbody tr').count(), indicator.practices.length + 1);
    await figures.getByRole('rowheader', { name: `${indicator.ico.name} (everyone compared)` }).waitFor();
    const [figuresCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of the figures' }).click()]);
    assert.equal(figuresCsv.suggestedFilename(), `comparison-${indicator.id}.csv`);
    await page.getByLabel('Chart for').selectOption({ label: `${indicator.practices[1].name} (${indicator.practices[1].id})` });
    await page.getByText(`${indicator.practices[1].name}: monthly values`).waitFor();

    await page.reload();
    await page.getByTestId('indicator-summary').getByText(indicator.title).waitFor();
    assert.equal(await page.getByLabel('Indicator', { exact: true }).inputValue(), indicator.id);
    await page.context().close();
  });

  test('the evaluator sees it too', async () => {
    const page = await signIn(browser, server.url, ico.users.evaluator);
    const comparison = await openComparison(page);
    await checkComparison(page, comparison);
    await screenshot(page, 'evaluator-comparison');
    await page.context().close();
  });

  for (const role of ['board', 'clinical_lead']) {
    test(`the ${role.replace('_', ' ')} has no Commissioner page`, () => checkNoPage(role, 'Commissioner', 'comparison', `/api/icos/${kIco}/comparison`));
  }
});

describe('finance', () => {
  test('the board sees the burn-up and the server’s figures', async () => {
    const page = await signIn(browser, server.url, ico.users.board);
    await page.getByRole('link', { name: 'Finance', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Finance' }).waitFor();
    const { status, body: monitor } = await apiGet(page, `/api/icos/${kIco}/finance/monitor`);
    assert.equal(status, 200);
    assert.equal((await page.getByTestId('actual-to-date').textContent()).trim(), pounds.format(monitor.actual_to_date_pence / 100));
    assert.equal((await page.getByTestId('budget').textContent()).trim(), pounds.format(monitor.budget_pence / 100));
    const burnUp = page.getByRole('region', { name: 'Budget burn-up' });
    await burnUp.locator('figure canvas').first().waitFor();
    const months = page.getByRole('table', { name: 'Budget, actual spend and forecast by month, cumulative' }).locator('tbody tr');
    assert.equal(await months.count(), monitor.months.length);
    for (const [heading, lines] of [
      ['Spend by setting', monitor.by_setting],
      ['Spend by provider', monitor.by_provider],
      ['Spend by practice', monitor.by_practice],
    ]) {
      assert.equal(await page.getByRole('table', { name: heading }).locator('tbody tr').count(), lines.length, heading);
    }
    const { body: settlement } = await apiGet(page, `/api/icos/${kIco}/finance/settlement`);
    const statement = page.getByRole('table', { name: 'Settlement statement, line by line' }).locator('tbody tr');
    assert.equal(await statement.count(), settlement.settlement.lines.length);
    await checkSimulation(page);
    const [scenario] = await checkScenarios(page);
    assert.equal(scenario.disclosure, 'exact');
    const downloaded = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      return readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    };
    const changes = await downloaded('Download the changes as CSV');
    assert.equal(changes[0], 'scenario,change,kind,patients,activity_removed,activity_added,cost_removed_pounds,cost_added_pounds,saving_pounds');
    assert.equal(changes.length, scenario.changes.length + 2); // the header, each change, the total
    const settlements = await downloaded('Download the settlements as CSV');
    assert.equal(settlements[0], 'scenario,figure,without_scenario_pounds,with_scenario_pounds,difference_pounds');
    assert.equal(settlements[1], `${scenario.scenario},Spend,${scenario.settlement_before.spend_pence / 100},${scenario.settlement_after.spend_pence / 100},${(scenario.settlement_after.spend_pence - scenario.settlement_before.spend_pence) / 100}`);
    assert.equal(settlements.length, 6);
    await screenshot(page, 'board-finance');
    await page.context().close();
  });

  test('the burn-up draws the server’s running totals, and its key names the lines drawn, the budget and actual told apart', async () => {
    const page = await signIn(browser, server.url, ico.users.board);
    await page.goto('/#/finance');
    const burnUp = page.getByRole('region', { name: 'Budget burn-up' });
    await burnUp.locator('figure canvas').first().waitFor();
    const { body: monitor } = await apiGet(page, `/api/icos/${kIco}/finance/monitor`);
    // The table gives each month's running totals as the server sent them.
    const rows = page.getByRole('table', { name: 'Budget, actual spend and forecast by month, cumulative' }).locator('tbody tr');
    const orDash = (pence) => (pence === null ? '–' : money(pence));
    for (const [i, m] of monitor.months.entries()) {
      const cells = (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim());
      assert.equal(cells[1], money(m.cumulative_budget_pence), `${m.month}'s budget`);
      assert.equal(cells[2], orDash(m.cumulative_actual_pence), `${m.month}'s actual`);
    }
    // The key lists the lines drawn: the forecast and its interval only while the year is open.
    const open = monitor.month < monitor.months.at(-1).month;
    const key = burnUp.getByTestId('burn-up-key').locator('li');
    assert.deepEqual(
      (await key.allTextContents()).map((t) => t.trim()),
      [
        'Actual spend, cumulative',
        'Budget (phased), cumulative',
        ...(open ? ['Forecast to year end', 'Forecast’s 95% interval'] : []),
      ],
    );
    const sample = (i) =>
      key.nth(i).locator('line').evaluate((l) => ({ colour: l.getAttribute('stroke'), dash: l.getAttribute('stroke-dasharray') }));
    const [actual, budget] = [await sample(0), await sample(1)];
    assert.notEqual(actual.colour, budget.colour);
    assert.notEqual(actual.dash, budget.dash);
    await page.context().close();
  });

  test('names each practice and provider with its code', async () => {
    const page = await signIn(browser, server.url, ico.users.board);
    await page.goto('/#/finance');
    await page.getByRole('table', { name: 'Spend by practice' }).locator('tbody tr').first().waitFor();
    const { body: monitor } = await apiGet(page, `/api/icos/${kIco}/finance/monitor`);
    const { body: overview } = await apiGet(page, `/api/icos/${kIco}/overview`);
    const names = new Map([[overview.ico.id, overview.ico.name], ...overview.practices.map((p) => [p.id, p.name])]);
    const rowNames = (name) => page.getByRole('table', { name }).locator('tbody th').allTextContents();
    // Practices by the overview's names; other providers by the server's title, once it sends one.
    const named = (l) => {
      const title = l.title ?? names.get(l.name);
      return title ? `${title} (${l.name})` : l.name;
    };
    assert.deepEqual(await rowNames('Spend by practice'), monitor.by_practice.map(named));
    assert.ok(monitor.by_practice.every((l) => names.has(l.name)), 'every practice is named');
    assert.deepEqual(await rowNames('Spend by provider'), monitor.by_provider.map(named));
    await page.getByText(`Between ${overview.ico.name} (${overview.ico.id}) and `).waitFor();
    await page.context().close();
  });

  test('while the simulation runs, its section shows progress and the rest of the page is there to use', async () => {
    const page = await signIn(browser, server.url, ico.users.board);
    // The simulation as slow as on a first load of the demo: held back until the test lets it go.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/api/icos/*/finance/simulation', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await page.goto('/#/finance');
    const region = page.getByRole('region', { name: 'Risk by population size' });
    await region.getByRole('progressbar').waitFor();
    assert.match(await region.getByRole('status').textContent(), /^Simulating the contract’s year thousands of times over/);
    await region.getByTestId('simulation-waited').getByText(/^ [1-9]\d* s so far\.$/).waitFor();
    assert.equal(await region.locator('[aria-busy="true"]').count(), 1);
    // Everything else is drawn and works meanwhile.
    await page.getByRole('table', { name: 'Settlement statement, line by line' }).waitFor();
    await page.getByRole('region', { name: 'Budget burn-up' }).locator('figure canvas').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the changes as CSV' }).click()]);
    assert.ok(download.suggestedFilename().endsWith('.csv'));
    release();
    await page.getByRole('table', { name: 'Simulated outturn by population size' }).waitFor();
    assert.equal(await region.getByRole('progressbar').count(), 0);
    assert.equal(await region.locator('[aria-busy="true"]').count(), 0);
    await page.context().close();
  });

  test('the commissioner sees finance, and pathways under disclosure control', async () => {
    const page = await signIn(browser, server.url, ico.users.commissioner);
    await page.getByRole('link', { name: 'Finance', exact: true }).click();
    await page.getByTestId('actual-to-date').waitFor();
    // The scenario's counts of patients and activity are rounded to 5 or suppressed; its money is exact.
    const [scenario] = await checkScenarios(page);
    assert.equal(scenario.disclosure, 'controlled');
    for (const c of scenario.changes) {
      for (const n of [c.patients, c.events_removed, c.events_added]) assert.ok(n === null || n % 5 === 0, `${n} is neither rounded to 5 nor suppressed`);
    }
    await page.getByRole('region', { name: 'Savings scenarios' }).first().getByTestId('disclosure').waitFor();
    await checkSimulation(page);
    await screenshot(page, 'commissioner-finance');
    const { status, body: pathways } = await apiGet(page, `/api/icos/${kIco}/pathways`);
    assert.equal(status, 200);
    assert.equal(pathways.disclosure, 'controlled');
    await page.getByRole('link', { name: 'Pathways' }).click();
    await page.getByRole('heading', { level: 2, name: pathways.pathways[0].title }).waitFor();
    // Practices' small counts read "suppressed", never as a count or a percentage of nothing.
    const withheld = pathways.pathways.flatMap((p) => p.units).filter((u) => u.kind === 'practice' && u.episodes === null);
    if (withheld.length > 0) assert.ok((await page.locator('.suppressed').count()) >= withheld.length);
    assert.equal(await page.getByRole('button', { name: 'Show overdue steps' }).count(), 0);
    await screenshot(page, 'commissioner-pathways');
    await page.context().close();
  });

  test('says so when the server has no contract', async () => {
    const bare = await startServer(ico.workspace);
    try {
      const page = await signIn(browser, bare.url, ico.users.board);
      // The overview says so in a line and shows the rest.
      await page.getByTestId('no-contract').getByText('No contract is loaded').waitFor();
      await checkOverview(page);
      assert.equal(await page.getByRole('region', { name: 'Budget', exact: true }).count(), 0);
      assert.equal((await apiGet(page, `/api/icos/${kIco}/finance/monitor`)).status, 404);
      await page.getByRole('link', { name: 'Finance', exact: true }).click();
      await page.getByTestId('no-contract').getByText('started without a contract').waitFor();
      assert.equal(await page.locator('canvas').count(), 0);
      assert.equal(await page.getByRole('region', { name: 'Risk by population size' }).count(), 0);
      assert.equal(await page.getByRole('region', { name: 'Savings scenarios' }).count(), 0);
      assert.deepEqual(requestsOf(page).filter((p) => p === `/api/icos/${kIco}/finance/simulation` || p === `/api/icos/${kIco}/finance/scenarios`), []);
      for (const route of [`/api/icos/${kIco}/finance/simulation`, `/api/icos/${kIco}/finance/scenarios`]) {
        const { status, body } = await apiGet(page, route);
        assert.equal(status, 404, route);
        assert.equal(body.error.code, 404, route);
      }
      await page.context().close();
    } finally {
      await bare.stop();
    }
  });

  test('says so in a line when the server has no savings scenario', async () => {
    const plain = await startServer(ico.workspace, ['--contract', kContract]);
    try {
      const page = await signIn(browser, plain.url, ico.users.board);
      await page.getByRole('link', { name: 'Finance', exact: true }).click();
      await page.getByTestId('no-scenarios').getByText('No savings scenario is loaded').waitFor();
      assert.deepEqual((await apiGet(page, `/api/icos/${kIco}/finance/scenarios`)).body, { scenarios: [] });
      await page.context().close();
    } finally {
      await plain.stop();
    }
  });
});

// The table of overdue steps on the pathways page against /api/practices/{id}/worklist.
async function checkWorklist(page, practice) {
  const { status, body } = await apiGet(page, `/api/icos/${kIco}/practices/${practice}/worklist`);
  assert.equal(status, 200);
  const worklist = page.getByTestId('worklist');
  await worklist.waitFor();
  const rows = await pagedCells(page, await worklist.locator('table caption').textContent());
  assert.equal(rows.length, body.worklist.length);
  for (const [i, item] of body.worklist.entries()) {
    const [patient, , step, , days, action] = rows[i];
    assert.equal(patient, String(item.patient_id));
    assert.equal(step, item.step_title);
    assert.equal(days, whole.format(item.days_overdue));
    assert.equal(action, item.action);
  }
  return body;
}

describe('pathways', () => {
  test('the care coordinator sees the steps and a practice’s worklist', async () => {
    const page = await signIn(browser, server.url, ico.users.care_coordinator);
    await page.getByRole('link', { name: 'Pathways' }).click();
    await page.getByRole('heading', { level: 1, name: 'Care pathways' }).waitFor();
    const { body: pathways } = await apiGet(page, `/api/icos/${kIco}/pathways`);
    assert.ok(pathways.pathways.length > 0);
    const first = pathways.pathways[0];
    const steps = page.getByRole('table', { name: `Steps of ${first.title}` }).locator('tbody tr');
    assert.equal(await steps.count(), first.steps.length);
    const byPractice = page.getByRole('table', { name: `Adherence by practice: ${first.title}` }).locator('tbody tr');
    assert.equal(await byPractice.count(), first.units.filter((u) => u.kind === 'practice').length);
    await page.getByText('Every list you open or download is recorded in the audit log').waitFor();

    let practice = ico.practices[0];
    for (const candidate of ico.practices) {
      if ((await apiGet(page, `/api/icos/${kIco}/practices/${candidate}/worklist`)).body.worklist.length > 0) {
        practice = candidate;
        break;
      }
    }
    await page.getByLabel('Practice', { exact: true }).selectOption(practice);
    await page.getByRole('button', { name: 'Show overdue steps' }).click();
    await page.waitForURL(new RegExp(`#/pathways/${practice}$`));
    const worklist = await checkWorklist(page, practice);
    if (worklist.worklist.length > 0) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      assert.equal(download.suggestedFilename(), `worklist-${practice}.csv`);
      const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
      assert.equal(csv[0], 'patient_id,practice,pathway,step,entry_date,due_date,days_overdue,action');
      assert.equal(csv.length, worklist.worklist.length + 1);
    }
    await screenshot(page, 'care-coordinator-pathways');
    await page.context().close();
  });

  test('a practice clinician cannot choose another practice’s worklist', async () => {
    const page = await signIn(browser, server.url, ico.users.practice_clinician);
    const [own, other] = ico.practices;
    await page.getByRole('link', { name: 'Pathways' }).click();
    await checkWorklist(page, own);
    const options = await page.getByLabel('Practice', { exact: true }).locator('option').evaluateAll((list) => list.map((o) => o.value));
    assert.deepEqual(options, [own]);
    assert.equal((await apiGet(page, `/api/icos/${kIco}/practices/${other}/worklist`)).status, 403);
    assert.equal((await apiGet(page, `/api/icos/${kIco}/finance/monitor`)).status, 403);
    await screenshot(page, 'practice-clinician-pathways');
    await page.goto(`/#/pathways/${other}`);
    await page.getByRole('alert').getByText('You may not see this page').waitFor();
    assert.equal(await page.getByTestId('worklist').count(), 0);
    await page.context().close();
  });
});

// An indicator's numerator and denominator in /api/quality, for a practice or (without one) the
// ICO.
function countsOf(quality, indicatorId, practice) {
  const indicator = quality.indicators.find((i) => i.id === indicatorId);
  assert.ok(indicator, `/api/icos/${kIco}/quality has ${indicatorId}`);
  const unit = practice === undefined ? indicator.ico : indicator.practices.find((p) => p.id === practice);
  return { numerator: unit.numerator, denominator: unit.denominator };
}

// /api/quality as the page's user has it.
async function qualityOf(page) {
  const { status, body } = await apiGet(page, `/api/icos/${kIco}/quality`);
  assert.equal(status, 200);
  return body;
}

// Every response recorded for the practices /api/voice gives the user, and of them those counted.
function tally(voice) {
  return voice.recorded.reduce(
    (t, r) => ({ responses: t.responses + r.responses, counted: t.counted + r.counted }),
    { responses: 0, counted: 0 },
  );
}

// Opens the Voice page from the navigation; returns what /api/voice gives the same user.
async function openVoice(page) {
  await page.getByRole('link', { name: 'Voice' }).click();
  await page.getByRole('heading', { level: 1, name: 'Patient and staff voice' }).waitFor();
  await page.getByText('Responses are anonymous: no patient or member of staff is named.').waitFor();
  const { status, body } = await apiGet(page, `/api/icos/${kIco}/voice`);
  assert.equal(status, 200);
  return body;
}

// The Recorded so far table, row by row, against /api/voice (once the page has fetched it again).
async function checkRecorded(page, voice) {
  const { responses, counted } = tally(voice);
  if (responses === 0) {
    await page.getByText('No responses recorded yet.').waitFor();
    return;
  }
  const said = `${whole.format(responses)} ${responses === 1 ? 'response' : 'responses'}, ${whole.format(counted)} of them counted`;
  await page.getByTestId('voice-totals').getByText(said).waitFor();
  const titles = new Map(voice.surveys.map((s) => [s.id, s.title]));
  const names = new Map(voice.practices.map((p) => [p.id, `${p.name} (${p.id})`]));
  assert.deepEqual(
    await pagedCells(page, 'Responses recorded by survey, practice and month'),
    voice.recorded.map((r) => [
      titles.get(r.survey),
      names.get(r.practice),
      monthName.format(new Date(`${r.month}-01T00:00:00Z`)),
      whole.format(r.responses),
      whole.format(r.counted),
    ]),
  );
}

// A day after the days the indicators measure (the next one), so that a response given on it is
// kept but not yet counted; or their last day, should the next one not be past yet.
function dayAfterMeasured(measured) {
  const next = new Date(`${measured.last}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const yesterday = new Date(Date.now() - 86_400_000);
  return next < yesterday ? next.toISOString().slice(0, 10) : measured.last;
}

describe('patient and staff voice', () => {
  test('the care coordinator records a Friends and Family Test response from the keyboard, and it counts at once', async () => {
    const page = await signIn(browser, server.url, ico.users.care_coordinator);
    await checkOverview(page); // the overview is fetched once, and fetched again after a response
    const voice = await openVoice(page);
    assert.deepEqual(voice.surveys.map((s) => s.id), ['patient_fft', 'staff_pulse']);
    assert.deepEqual(voice.practices.map((p) => p.id).sort(), [...ico.practices].sort());
    await checkRecorded(page, voice);
    const practice = ico.practices[1];
    const day = voice.measured.last; // inside the days the indicators measure
    const before = await qualityOf(page);

    // The date defaults to today, and goes no later.
    const date = page.getByLabel('Date given');
    const today = await page.evaluate(() => {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    });
    assert.equal(await date.inputValue(), today);
    assert.equal(await date.getAttribute('max'), today);
    assert.ok(await page.getByLabel('Friends and Family Test, from patients').isChecked());
    await page.getByLabel('Practice', { exact: true }).selectOption(practice);
    await date.fill(day);
    const question = page.getByRole('group', { name: 'Overall, how was your experience of our service?' });
    assert.deepEqual(
      await question.getByRole('radio').evaluateAll((list) => list.map((r) => r.labels[0].textContent)),
      voice.surveys[0].questions[0].answers.map((a) => a.label),
    );
    // From the keyboard: Space chooses an answer, Tab reaches Record and Enter records.
    await question.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    assert.ok(await page.getByLabel('Very good').isChecked());
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Record');
    await page.keyboard.press('Enter');
    const status = page.getByRole('status');
    await status.getByText('It counts in the indicators now.').waitFor();
    const name = voice.practices.find((p) => p.id === practice).name;
    const said = await status.textContent();
    assert.match(said, /^Response \d+ recorded: /);
    assert.ok(said.includes(`Friends and Family Test at ${name}, given on ${dayName.format(new Date(`${day}T00:00:00Z`))}.`), said);
    // Ready for the next response: the same survey, practice and date, no answer, focus on the first.
    assert.equal(await page.getByLabel('Practice', { exact: true }).inputValue(), practice);
    assert.equal(await date.inputValue(), day);
    assert.equal(await question.getByRole('radio', { checked: true }).count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'voice-overall_experience-very_good');
    await screenshot(page, 'care-coordinator-voice');

    // The indicator counts it: one more response, and one more positive, for the practice and the ICO.
    const after = await qualityOf(page);
    for (const unit of [practice, undefined]) {
      const [was, now] = [countsOf(before, 'patient_fft_positive', unit), countsOf(after, 'patient_fft_positive', unit)];
      assert.deepEqual(now, { numerator: was.numerator + 1, denominator: was.denominator + 1 }, unit ?? 'the ICO');
    }
    const recorded = (await apiGet(page, `/api/icos/${kIco}/voice`)).body;
    assert.deepEqual(tally(recorded), { responses: tally(voice).responses + 1, counted: tally(voice).counted + 1 });
    await checkRecorded(page, recorded);

    // The Quality page shows the new counts, as does the overview.
    await page.getByRole('link', { name: 'Friends and Family Test: experience very good or good' }).click();
    await page.waitForURL(/#\/quality\/patient_fft_positive$/);
    const indicator = after.indicators.find((i) => i.id === 'patient_fft_positive');
    const figures = page.getByRole('table', { name: `${indicator.title} by practice` });
    const row = figures.locator('tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(`\\(${practice}\\)`) }) });
    const counts = countsOf(after, 'patient_fft_positive', practice);
    await row.waitFor();
    assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 2), [whole.format(counts.numerator), whole.format(counts.denominator)]);
    await page.getByRole('link', { name: 'Overview' }).click();
    const icoCounts = countsOf(after, 'patient_fft_positive');
    await page
      .locator('tr[data-indicator="patient_fft_positive"]')
      .getByText(`${whole.format(icoCounts.numerator)} / ${whole.format(icoCounts.denominator)}`)
      .waitFor();
    await page.context().close();
  });

  test('a staff pulse response answers both questions', async () => {
    const page = await signIn(browser, server.url, ico.users.care_coordinator);
    const voice = await openVoice(page);
    const before = await qualityOf(page);
    const practice = ico.practices[2];
    const day = dayAfterMeasured(voice.measured);
    await page.getByLabel('Staff pulse survey, from staff').check();
    const staff = voice.surveys.find((s) => s.id === 'staff_pulse');
    assert.equal(await page.getByRole('group', { name: 'Survey' }).count(), 1);
    for (const q of staff.questions) await page.getByRole('group', { name: q.text }).waitFor();
    assert.equal(await page.getByRole('group', { name: voice.surveys[0].questions[0].text }).count(), 0);
    await page.getByLabel('Practice', { exact: true }).selectOption(practice);
    await page.getByLabel('Date given').fill(day);
    await page.getByRole('group', { name: staff.questions[0].text }).getByLabel('Agree', { exact: true }).check();
    await page.getByRole('group', { name: staff.questions[1].text }).getByLabel('Strongly disagree').check();
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const counted = day <= voice.measured.last;
    await page
      .getByRole('status')
      .getByText(counted ? 'It counts in the indicators now.' : 'It is kept, and will count once the indicators’ data reach')
      .waitFor();
    assert.ok(await page.getByLabel('Staff pulse survey, from staff').isChecked(), 'the survey stays chosen');
    assert.equal(await page.getByRole('radio', { checked: true }).count(), 1, 'only the survey is still chosen');

    // Agree counts as recommending the practice as a place to work; strongly disagree does not
    // count as happy with its care.
    const after = await qualityOf(page);
    const more = counted ? 1 : 0;
    for (const [id, positive] of [
      ['staff_recommend_place_to_work', more],
      ['staff_recommend_care', 0],
    ]) {
      const [was, now] = [countsOf(before, id, practice), countsOf(after, id, practice)];
      assert.deepEqual(now, { numerator: was.numerator + positive, denominator: was.denominator + more }, id);
    }
    const recorded = (await apiGet(page, `/api/icos/${kIco}/voice`)).body;
    assert.deepEqual(tally(recorded), { responses: tally(voice).responses + 1, counted: tally(voice).counted + more });
    await checkRecorded(page, recorded);
    await screenshot(page, 'care-coordinator-voice-staff');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV of the responses recorded' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'voice-responses.csv');
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.equal(csv[0], 'survey,practice,month,responses,counted');
    assert.deepEqual(csv.slice(1), recorded.recorded.map((r) => [r.survey, r.practice, r.month, r.responses, r.counted].join(',')));
    await page.context().close();
  });

  test('a response the server refuses says why, keeps what was entered and records nothing', async () => {
    const page = await signIn(browser, server.url, ico.users.care_coordinator);
    const voice = await openVoice(page);
    const practice = ico.practices[0];
    await page.getByLabel('Practice', { exact: true }).selectOption(practice);
    await page.getByLabel('Date given').fill('2099-01-01'); // past the date input's max
    await page.getByLabel('Poor', { exact: true }).check();
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Date given: 2099-01-01 is in the future.').waitFor();
    await alert.getByText('The response was not recorded.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.closest('[role="alert"]') !== null), true, 'focus is on the alert');
    assert.equal(await page.getByLabel('Date given').inputValue(), '2099-01-01');
    assert.equal(await page.getByLabel('Practice', { exact: true }).inputValue(), practice);
    assert.ok(await page.getByLabel('Poor', { exact: true }).isChecked());
    assert.equal((await page.getByRole('status').textContent()).trim(), '');
    await screenshot(page, 'care-coordinator-voice-refused');
    assert.deepEqual(tally((await apiGet(page, `/api/icos/${kIco}/voice`)).body), tally(voice));

    // Fixed, it goes in, and the alert goes.
    await page.getByLabel('Date given').fill(voice.measured.last);
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.getByRole('status').getByText('It counts in the indicators now.').waitFor();
    assert.equal((await alert.textContent()).trim(), '');
    assert.equal(tally((await apiGet(page, `/api/icos/${kIco}/voice`)).body).responses, tally(voice).responses + 1);
    await page.context().close();
  });

  test('a practice clinician records for their own practice only', async () => {
    const page = await signIn(browser, server.url, ico.users.practice_clinician);
    const [own, other] = ico.practices;
    const voice = await openVoice(page);
    assert.deepEqual(voice.practices.map((p) => p.id), [own]);
    assert.ok(voice.recorded.every((r) => r.practice === own), 'the tally is of their own practice');
    // Their practice is said, not chosen.
    assert.equal(await page.getByLabel('Practice', { exact: true }).count(), 0);
    await page.getByTestId('voice-practice').getByText(`(${own}), your own`).waitFor();
    await page.getByLabel('Date given').fill(voice.measured.last);
    await page.getByLabel('Neither good nor poor').check();
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.getByRole('status').getByText('It counts in the indicators now.').waitFor();
    await screenshot(page, 'practice-clinician-voice');
    const refused = await apiPost(page, `/api/icos/${kIco}/voice`, {
      survey: 'patient_fft',
      practice: other,
      responded_on: voice.measured.last,
      answers: [{ question: 'overall_experience', answer: 'good' }],
    });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /own practice only/);
    assert.equal(tally((await apiGet(page, `/api/icos/${kIco}/voice`)).body).responses, tally(voice).responses + 1);
    await page.context().close();
  });

  for (const role of ['board', 'commissioner', 'evaluator']) {
    test(`the ${role} has no Voice page`, () => checkNoPage(role, 'Voice', 'voice', `/api/icos/${kIco}/voice`));
  }
});

// The row of the Users page's table that `username` heads.
function userRow(page, username) {
  return page.getByRole('table', { name: 'Users' }).locator('tbody tr', { has: page.getByRole('rowheader', { name: username, exact: true }) });
}

// Signs in on the sign-in form already on show in `page`.
async function signInAgain(page, user) {
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('users', () => {
  test('the administrator adds a practice clinician, gives them a new password, disables and enables them', async () => {
    const admin = await signIn(browser, server.url, ico.users.administrator);
    assert.deepEqual(await navigation(admin), ['Users', 'Audit log']);
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor(); // the administrator's first page
    const before = (await apiGet(admin, '/api/users')).body;
    assert.deepEqual(
      before.organisations.filter((o) => o.kind === 'practice').map((o) => o.id).sort(),
      [...ico.practices].sort(),
    );
    assert.deepEqual(before.organisations.filter((o) => o.kind === 'ico').map((o) => o.id), [kIco]);
    assert.equal(await admin.getByRole('table', { name: 'Users' }).locator('tbody tr').count(), before.users.length);
    assert.ok(!JSON.stringify(before).includes('argon2'), 'no password hash reaches the page');
    // Their own account cannot be disabled from here.
    const own = admin.getByRole('table', { name: 'Users' }).locator('tbody tr', { has: admin.getByRole('rowheader', { name: `${ico.users.administrator.username} (you)` }) });
    assert.equal(await own.getByRole('button', { name: /^(Disable|Enable)/ }).count(), 0);
    const refused = await apiPost(admin, `/api/users/${ico.users.administrator.username}/disabled`, { disabled: true });
    assert.equal(refused.status, 400);

    // The organisation is asked for once the role is chosen, among those of the kind it serves.
    const practice = ico.practices[1];
    const practiceName = `${before.organisations.find((o) => o.id === practice).name} (${practice})`;
    const newcomer = { username: 'gp.added', password: 'Browser test added gp 2025' };
    const form = admin.getByRole('form', { name: 'Add a user' });
    assert.equal(await form.getByLabel('Organisation', { exact: true }).isVisible(), false);
    await form.getByLabel('Username', { exact: true }).fill(newcomer.username);
    await form.getByLabel('Role', { exact: true }).selectOption('practice_clinician');
    const offered = await form.getByLabel('Organisation', { exact: true }).locator('option').evaluateAll((list) => list.map((o) => o.value));
    assert.deepEqual(offered, ['', ...ico.practices]);
    await form.getByLabel('Organisation', { exact: true }).selectOption(practice);
    for (const field of ['Password', 'Password again']) {
      const input = form.getByLabel(field, { exact: true });
      assert.equal(await input.getAttribute('type'), 'password');
      assert.equal(await input.getAttribute('autocomplete'), 'new-password');
      await input.fill(newcomer.password);
    }
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.getByRole('status').getByText(`Added ${newcomer.username}, Practice clinician at ${practiceName}. They can sign in now.`).waitFor();
    const row = userRow(admin, newcomer.username);
    assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 3), ['Practice clinician', practiceName, 'Can sign in']);
    const added = (await apiGet(admin, '/api/users')).body;
    assert.equal(added.users.length, before.users.length + 1);
    assert.deepEqual(added.users.find((u) => u.username === newcomer.username), {
      username: newcomer.username,
      role: 'practice_clinician',
      role_title: 'Practice clinician',
      organisation: practice,
      disabled: false,
    });
    // Ready for the next: the username and passwords are cleared, the role and practice stay.
    assert.equal(await form.getByLabel('Username', { exact: true }).inputValue(), '');
    assert.equal(await form.getByLabel('Password', { exact: true }).inputValue(), '');
    assert.equal(await form.getByLabel('Role', { exact: true }).inputValue(), 'practice_clinician');
    await screenshot(admin, 'administrator-users-added');

    // They sign in, in a browser of their own, and see their own practice only.
    const gp = await signIn(browser, server.url, newcomer);
    assert.deepEqual(await navigation(gp), ['Overview', 'Quality', 'Risk', 'Pathways', 'Case finding', 'Voice']);
    await gp.getByRole('link', { name: 'Case finding' }).click();
    await gp.getByRole('heading', { level: 2, name: new RegExp(practice) }).waitFor();
    assert.deepEqual(await gp.getByLabel('Practice').locator('option').evaluateAll((list) => list.map((o) => o.value)), [practice]);
    assert.equal((await apiGet(gp, `/api/icos/${kIco}/practices/${ico.practices[0]}/case-finding`)).status, 403);

    // A new password, from the keyboard: the two must match before it is sent.
    const setPassword = row.getByRole('button', { name: `Set password for ${newcomer.username}` });
    await setPassword.focus();
    await admin.keyboard.press('Enter');
    assert.equal(await setPassword.getAttribute('aria-expanded'), 'true');
    const passwordForm = admin.getByRole('form', { name: `New password for ${newcomer.username}` });
    assert.equal(await admin.evaluate(() => document.activeElement.id), 'new-password');
    const changed = { ...newcomer, password: 'Another browser test password 2026' };
    await admin.keyboard.type(changed.password);
    await admin.keyboard.press('Tab');
    await admin.keyboard.type('Not the same password 2026');
    await admin.keyboard.press('Enter');
    await passwordForm.getByRole('alert').getByText('The two passwords are not the same').waitFor();
    assert.ok(await admin.evaluate(() => document.activeElement.closest('[role="alert"]') !== null), 'focus is on the alert');
    assert.equal(await passwordForm.getByLabel('New password', { exact: true }).inputValue(), '');
    assert.equal(await passwordForm.getByLabel('New password again', { exact: true }).inputValue(), '');
    await admin.keyboard.press('Tab'); // from the alert to the first password
    await admin.keyboard.type(changed.password);
    await admin.keyboard.press('Tab');
    await admin.keyboard.type(changed.password);
    await admin.keyboard.press('Enter');
    const status = admin.getByRole('region', { name: 'All users' }).getByRole('status');
    await status.getByText(`Set a new password for ${newcomer.username}: any session they had has ended.`).waitFor();
    assert.equal(await passwordForm.count(), 0, 'the form closes');
    assert.equal(await admin.evaluate(() => document.activeElement.textContent), `Set password for ${newcomer.username}`);
    // Their old session is over: the next page they open asks them to sign in, which the new
    // password does.
    await gp.getByRole('link', { name: 'Quality' }).click();
    await gp.getByText('Your session has ended. Sign in again.').waitFor();
    await signInAgain(gp, newcomer);
    await gp.getByRole('alert').getByText('The username or password is not right').waitFor();
    await signInAgain(gp, changed);
    await gp.getByRole('button', { name: 'Sign out' }).waitFor();

    // Disabled, their session ends and they cannot sign in; enabled, they can.
    await row.getByRole('button', { name: `Disable ${newcomer.username}` }).click();
    await status.getByText(`Disabled ${newcomer.username}: they cannot sign in, and any session they had has ended.`).waitFor();
    assert.equal(await row.locator('td').nth(2).textContent(), 'Disabled');
    assert.equal(await admin.evaluate(() => document.activeElement.textContent), `Enable ${newcomer.username}`);
    assert.equal((await apiGet(admin, '/api/users')).body.users.find((u) => u.username === newcomer.username).disabled, true);
    await screenshot(admin, 'administrator-users-disabled');
    await gp.getByRole('link', { name: 'Risk' }).click();
    await gp.getByText('Your session has ended. Sign in again.').waitFor();
    await signInAgain(gp, changed);
    await gp.getByRole('alert').getByText('The username or password is not right').waitFor();
    await admin.keyboard.press('Enter'); // focus is on Enable
    await status.getByText(`Enabled ${newcomer.username}: they can sign in again.`).waitFor();
    assert.equal(await row.locator('td').nth(2).textContent(), 'Can sign in');
    await signInAgain(gp, changed);
    await gp.getByRole('button', { name: 'Sign out' }).waitFor();
    await gp.context().close();

    // Each change is in the audit log, and no password is anywhere in it.
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    for (const detail of [
      `added user ${newcomer.username} (practice_clinician, ${practice})`,
      `changed the password of ${newcomer.username}`,
      `disabled ${newcomer.username}`,
      `enabled ${newcomer.username}`,
    ]) {
      await admin.getByRole('cell', { name: detail, exact: true }).waitFor();
    }
    const csv = (await apiGet(admin, '/api/audit?format=csv')).body;
    for (const password of [newcomer.password, changed.password]) {
      assert.ok(!csv.includes(password));
      assert.ok(!requestsOf(admin).some((path) => path.includes(password)));
    }
    await admin.context().close();
  });

  test('a weak password, a taken username or a missing practice is refused with the server’s reason, and adds nothing', async () => {
    const admin = await signIn(browser, server.url, ico.users.administrator);
    const before = (await apiGet(admin, '/api/users')).body;
    const form = admin.getByRole('form', { name: 'Add a user' });
    const alert = form.getByRole('alert');
    const attempt = async (username, role, password, organisation) => {
      await form.getByLabel('Username', { exact: true }).fill(username);
      await form.getByLabel('Role', { exact: true }).selectOption(role);
      if (organisation) await form.getByLabel('Organisation', { exact: true }).selectOption(organisation);
      await form.getByLabel('Password', { exact: true }).fill(password);
      await form.getByLabel('Password again', { exact: true }).fill(password);
      await form.getByRole('button', { name: 'Add user' }).click();
    };
    const checkKept = async (username, role, says) => {
      await alert.getByText(says).waitFor();
      await alert.getByText('The user was not added.').waitFor();
      assert.ok(await admin.evaluate(() => document.activeElement.closest('[role="alert"]') !== null), 'focus is on the alert');
      assert.equal(await form.getByLabel('Username', { exact: true }).inputValue(), username);
      assert.equal(await form.getByLabel('Role', { exact: true }).inputValue(), role);
      assert.equal(await form.getByLabel('Password', { exact: true }).inputValue(), '');
      assert.equal(await form.getByLabel('Password again', { exact: true }).inputValue(), '');
      assert.equal((await form.getByRole('status').textContent()).trim(), '');
      assert.deepEqual((await apiGet(admin, '/api/users')).body.users, before.users);
    };
    await attempt('board.second', 'board', 'short', kIco);
    await checkKept('board.second', 'board', 'The password has 5 characters; a password needs at least 12 characters and more than one kind of character');
    await screenshot(admin, 'administrator-users-refused');
    await attempt(ico.users.board.username, 'board', 'A long enough password 2025', kIco);
    await checkKept(ico.users.board.username, 'board', `User '${ico.users.board.username}' already exists.`);
    await attempt('gp.second', 'practice_clinician', 'A long enough password 2025');
    await checkKept('gp.second', 'practice_clinician', 'a user with role practice_clinician needs a practice');

    // Text on show meets AA with an alert here and in a row's password form.
    const row = userRow(admin, ico.users.board.username);
    await row.getByRole('button', { name: `Set password for ${ico.users.board.username}` }).click();
    const passwordForm = admin.getByRole('form', { name: `New password for ${ico.users.board.username}` });
    await passwordForm.getByLabel('New password', { exact: true }).fill('short');
    await passwordForm.getByLabel('New password again', { exact: true }).fill('short');
    await passwordForm.getByRole('button', { name: 'Set password' }).click();
    await passwordForm.getByRole('alert').getByText('The password has 5 characters').waitFor();
    await screenshot(admin, 'administrator-users-password-refused');
    assert.deepEqual(await contrastOf(admin, 'users with refusals'), []);
    // Escape closes the form, and focus goes back to its button.
    await passwordForm.getByLabel('New password', { exact: true }).focus();
    await admin.keyboard.press('Escape');
    assert.equal(await passwordForm.count(), 0);
    assert.equal(await admin.evaluate(() => document.activeElement.textContent), `Set password for ${ico.users.board.username}`);
    // The board's password is as it was.
    const board = await signIn(browser, server.url, ico.users.board);
    await board.context().close();
    await admin.context().close();
  });

  for (const role of ['board', 'clinical_lead']) {
    test(`the ${role.replace(/_/g, ' ')} has no Users page`, () => checkNoPage(role, 'Users', 'users', '/api/users'));
  }
});

describe('the administrator', () => {
  test('sees the audit log of the other roles’ requests, and no figures', async () => {
    const page = await signIn(browser, server.url, ico.users.administrator);
    assert.deepEqual(await navigation(page), ['Users', 'Audit log']);
    assert.equal(await page.getByRole('link', { name: 'Quality' }).count(), 0);
    assert.equal((await apiGet(page, `/api/icos/${kIco}/quality`)).status, 403);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const { status, body } = await apiGet(page, '/api/audit');
    assert.equal(status, 200);
    assert.ok(body.entries.length > 0, 'the earlier tests left entries');
    assert.equal(await page.locator('table tbody tr').count(), body.entries.length);
    assert.ok(body.entries.some((e) => e.username === ico.users.clinical_lead.username && e.patients.length > 0));
    const link = page.getByRole('link', { name: 'Download the audit log as CSV' });
    assert.equal(await link.getAttribute('href'), '/api/audit?format=csv');
    const csv = await apiGet(page, '/api/audit?format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.type ?? '', /text\/csv/);
    assert.equal((await apiGet(page, `/api/icos/${kIco}/overview`)).status, 403);
    await screenshot(page, 'administrator-audit');
    await page.context().close();
  });
});

// A page as `user` sees it on a laptop's screen of 1,280 by 800 pixels.
async function openOnLaptop(user, address) {
  const page = await signIn(browser, server.url, user);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/${address}`);
  return page;
}

describe('a 1,280-pixel screen', () => {
  test('no page of any role scrolls sideways, and a table too wide for its box scrolls within a box no taller than the window', async () => {
    const pages = (role, links) => {
      const practice = role === 'practice_clinician' ? ico.practices[0] : ico.practices[1];
      return links.flatMap((href) => (href === '#/case-finding' || href === '#/pathways' ? [href, `${href}/${practice}`] : [href]));
    };
    const problems = [];
    for (const role of Object.keys(ico.users)) {
      const page = await signIn(browser, server.url, ico.users[role]);
      await page.setViewportSize({ width: 1280, height: 800 });
      const links = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const href of pages(role, links)) {
        await page.goto(`/${href}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null, null, { timeout: 60_000 });
        await page.waitForTimeout(200); // charts take their width
        const found = await page.evaluate(() => {
          const out = [];
          const width = document.scrollingElement.scrollWidth;
          if (width > 1280) out.push(`the page is ${width} pixels wide`);
          for (const box of document.querySelectorAll('.table-scroll')) {
            if (box.scrollWidth <= box.clientWidth) continue;
            const height = box.getBoundingClientRect().height;
            const name = box.querySelector('caption')?.textContent;
            if (height > window.innerHeight) out.push(`"${name}" scrolls sideways in a box ${Math.round(height)} pixels tall`);
          }
          return out;
        });
        problems.push(...found.map((p) => `${role} ${href}: ${p}`));
      }
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });

  test('the Commissioner page’s matrix scrolls in a box no taller than the window, its headings kept in view', async () => {
    const page = await openOnLaptop(ico.users.commissioner, '#/comparison');
    const matrix = page.getByRole('table', { name: 'Quality indicators by ICO or control practice, with everyone compared' });
    await matrix.locator('tbody tr').first().waitFor();
    const seen = await matrix.evaluate((table) => {
      const box = table.parentElement;
      box.scrollTop = 400;
      box.scrollLeft = 200;
      const top = box.getBoundingClientRect();
      const heading = table.querySelector('thead th').getBoundingClientRect();
      const firstShown = [...table.querySelectorAll('tbody th[scope="row"]')].find((th) => th.getBoundingClientRect().bottom > heading.bottom);
      return { boxHeight: top.height, headingTop: heading.top - top.top, rowHeaderLeft: firstShown.getBoundingClientRect().left - top.left };
    });
    assert.ok(seen.boxHeight <= 800, `the matrix's box is ${seen.boxHeight} pixels tall`);
    assert.ok(Math.abs(seen.headingTop) <= 1, 'the units’ names stay at the top as the matrix scrolls down');
    assert.ok(Math.abs(seen.rowHeaderLeft) <= 1, 'the indicators’ names stay at the left as the matrix scrolls sideways');
    await page.context().close();
  });

  test('the Finance page’s simulation table fits without scrolling', async () => {
    const page = await openOnLaptop(ico.users.board, '#/finance');
    const table = page.getByRole('table', { name: 'Simulated outturn by population size' });
    await table.locator('tbody tr').first().waitFor();
    const { scroll, client } = await table.evaluate((t) => ({ scroll: t.parentElement.scrollWidth, client: t.parentElement.clientWidth }));
    assert.ok(scroll <= client, `the table is ${scroll} pixels wide in a box of ${client}`);
    await page.context().close();
  });
});

describe('the charts', () => {
  test('follow the window’s width, and let go when they leave the page', async () => {
    const page = await signIn(browser, server.url, ico.users.board);
    const burnUp = page.getByRole('region', { name: 'Budget', exact: true }).locator('.chart .uplot');
    await burnUp.locator('canvas').waitFor();
    const width = async () => (await burnUp.boundingBox()).width;
    // Every chart inside its holder, which spans the chart's container.
    const fitted = () =>
      page.waitForFunction(() =>
        [...document.querySelectorAll('.chart')].every((holder) => {
          const chart = holder.querySelector('.uplot');
          return !chart || chart.getBoundingClientRect().right <= holder.getBoundingClientRect().right + 0.5;
        }),
      );
    const wide = await width();
    await page.setViewportSize({ width: 640, height: 900 });
    await fitted();
    const narrow = await width();
    assert.ok(narrow < wide && narrow <= 640 - 48, `the burn-up is ${narrow}px wide in a 640px window (${wide}px in 1280px)`);
    await screenshot(page, 'board-overview-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction((w) => document.querySelector('.chart .uplot').getBoundingClientRect().width === w, wide);

    // Another practice's SPC chart replaces the ICO's, which is let go.
    await openQuality(page);
    const first = await page.getByTestId('spc-chart').locator('.chart').elementHandle();
    await page.getByLabel('Chart for').selectOption({ index: 1 });
    await page.waitForFunction((holder) => !holder.isConnected && holder.childElementCount === 0, first);
    await page.getByTestId('spc-chart').locator('canvas').waitFor();
    await page.context().close();
  });
});

// Checks the text on show, with every <details> open, and then the text of each element that
// takes keyboard focus while it has it (what focus changes, not what was found already); returns
// the failures as "page: element 'words': ratio ...".
async function contrastOf(page, name) {
  await page.waitForFunction(() => document.querySelector('h1') && !document.querySelector('[aria-busy]'));
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const samples = await page.evaluate(textSamples);
  assert.ok(samples.length >= 5, `${name}: only ${samples.length} pieces of text on show`);
  const failures = new Map(contrastFailures(samples).map((f) => [describeFailure(f), `${name}: ${describeFailure(f)}`]));
  await page.evaluate(() => {
    window.contrastSeen = new WeakSet();
    document.activeElement?.blur();
  });
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    // Tab leaves the last control for the browser (the body) and comes round to the first.
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return '';
      if (window.contrastSeen.has(element)) return null;
      window.contrastSeen.add(element);
      return `${element.tagName.toLowerCase()}${[...element.classList].map((c) => `.${c}`).join('')}`;
    });
    if (focused === null) break; // round to the first control again
    if (focused === '') continue;
    for (const failure of contrastFailures(await page.evaluate(textSamples, ':focus'))) {
      const key = describeFailure(failure);
      if (!failures.has(key)) failures.set(key, `${name}, focus on ${focused}: ${key}`);
    }
  }
  return [...failures.values()];
}

describe('contrast', () => {
  test('all text meets WCAG AA on every page, and with keyboard focus', async () => {
    const failures = [];
    const signInPage = await openApp(browser, server.url);
    await signInPage.getByLabel('Username').fill(ico.users.board.username);
    await signInPage.getByLabel('Password').fill('Not the password 1');
    await signInPage.getByRole('button', { name: 'Sign in' }).click();
    await signInPage.getByRole('alert').waitFor();
    failures.push(...(await contrastOf(signInPage, 'sign in')));
    await signInPage.context().close();

    // The clinical lead sees every page but the audit log, and the lists of patients; the
    // commissioner's pages carry suppressed counts; the administrator has the audit log.
    const practice = ico.practices[0];
    for (const [role, extra] of [
      ['clinical_lead', [`#/case-finding/${practice}`, `#/pathways/${practice}`]],
      ['commissioner', []],
      ['administrator', []],
    ]) {
      const page = await signIn(browser, server.url, ico.users[role]);
      const links = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').evaluateAll((list) => list.map((a) => a.getAttribute('href')));
      for (const address of [...links, ...extra]) {
        await page.goto(`/${address}`);
        await page.locator('main h1').waitFor();
        failures.push(...(await contrastOf(page, `${role} ${address}`)));
      }
      await page.context().close();
    }
    assert.deepEqual(failures, []);
  });
});

describe('signing out', () => {
  test('ends the session and returns to the sign-in form', async () => {
    const page = await signIn(browser, server.url, ico.users.board);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Continuum' }).waitFor();
    assert.equal((await apiGet(page, '/api/session')).status, 401);
    await page.reload();
    await page.getByLabel('Username').waitFor();
    await page.context().close();
  });
});
