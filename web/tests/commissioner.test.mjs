// Browser tests of the Oversight page (#/commissioner) against the real server, on a programme of
// two commissioners (prepareProgramme): a commissioner's analyst sees their own ICOs side by
// side with the server's figures, segments, history and alerts, and downloads the CSV; the
// evaluator chooses among the commissioners; a board member has no such page.
// Run from web/ after `npx vite build`: node --test tests/  (make test runs them).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiGet, launch, navigation, screenshot, signIn } from './browser.mjs';
import { prepareProgramme, startServer } from './continuum.mjs';

// How the pages show a count withheld by disclosure control, and a figure not shown (src/format.ts).
const kWithheld = 'suppressed (a count of 1 to 7, or one that would tell such a count)';
const kWithheldValue = 'suppressed (it rests on a suppressed count)';
const kNotShown = '–not shown';
const kCsvHeader = 'ico,month,measure,value,lower,upper,numerator,denominator,score,segment,band,alert';

const whole = new Intl.NumberFormat('en-GB');
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthName = (month) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
const money = (pence) => pounds.format(pence / 100);

let folder, programme, server, browser;

before(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'continuum-oversight-'));
  programme = prepareProgramme(folder);
  server = await startServer(programme.workspace);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function waitForOversight(page, month) {
  await page.getByRole('heading', { level: 2, name: month ? `Segments, ${monthName(month)}` : /^Segments, / }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('main [aria-busy]'));
}

async function openOversight(page) {
  await page.getByRole('link', { name: 'Oversight' }).click();
  await waitForOversight(page);
}

async function oversightOf(page, commissioner, month) {
  const { status, body } = await apiGet(page, `/api/commissioners/${commissioner}/oversight${month ? `?month=${month}` : ''}`);
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

const text = async (locator) => (await locator.textContent()).trim();
const segmentText = (segment) => (segment === null ? 'not segmented' : `segment ${segment}`);

// Every count the server sent is rounded to 5 or withheld (null).
function checkCounts(oversight) {
  const counts = [];
  for (const ico of oversight.icos) {
    for (const m of ico.months) {
      counts.push(m.registered);
      for (const t of [m.turnover_month, m.turnover_year_to_date]) counts.push(t.joined, t.left);
    }
    for (const p of ico.pathways) counts.push(p.numerator, p.denominator);
  }
  for (const n of counts) assert.ok(n === null || n % 5 === 0, `${n} is neither rounded to 5 nor suppressed`);
}

// The page's month against the server's answer: the ICOs and no others, each one's segment,
// override, band, reasons, finance, list size and quality, the history and the alerts.
async function checkMonth(page, oversight) {
  const { month } = oversight;
  await waitForOversight(page, month);
  assert.equal(await text(page.getByRole('heading', { level: 1 })), `${oversight.commissioner.name} (${oversight.commissioner.id})`);
  assert.equal(oversight.disclosure, 'controlled');
  await page.getByTestId('disclosure').waitFor();
  checkCounts(oversight);

  const finance = page.getByRole('table', { name: `Finance of each ICO, ${monthName(month)}` });
  const quality = page.getByRole('table', { name: `Quality indicators of each ICO, ${monthName(month)}` });
  const columns = await quality.locator('tr[data-row] td').evaluateAll((cells) => [...new Set(cells.map((td) => td.dataset.ico))]);
  assert.deepEqual(columns, oversight.icos.map((ico) => ico.id));
  // Without any contract, one line says so instead of the finance table.
  const anyContract = oversight.icos.some((ico) => ico.months.find((x) => x.month === month).finance);
  assert.equal(await page.getByTestId('no-contracts').count(), anyContract ? 0 : 1);
  const lists = page.getByRole('table', { name: `List size and turnover of each ICO, ${monthName(month)}` });
  const segments = page.getByRole('table', { name: `Segment of each ICO, ${monthName(month)}` });
  for (const ico of oversight.icos) {
    const m = ico.months.find((x) => x.month === month);
    const s = m.segment;
    assert.equal(await text(page.getByTestId(`segment-${ico.id}`)), segmentText(s.segment));
    assert.equal(
      await text(page.getByTestId(`override-${ico.id}`)),
      s.financial_override ? `Applied: segment ${s.segment_before_override} held to ${s.segment}` : 'No',
    );
    assert.equal(await text(page.getByTestId(`band-${ico.id}`)), m.finance ? m.finance.band.label : 'no contract');
    assert.equal(await segments.locator(`tr[data-ico="${ico.id}"] .reasons li`).count(), s.reasons.length);

    const cell = (table, row) => table.locator(`tr[data-row="${row}"] td[data-ico="${ico.id}"]`);
    const f = m.finance;
    if (anyContract) {
      assert.equal(await text(cell(finance, 'contract')), ico.contract ? ico.contract.name : 'No contract');
      assert.equal(await text(cell(finance, 'forecast')), f ? money(f.forecast_pence) : kNotShown);
      assert.equal(await text(cell(finance, 'budget')), f ? money(f.budget_pence) : kNotShown);
      assert.equal(await text(cell(finance, 'forecast-95')), f ? `${money(f.forecast_95_pence[0])} to ${money(f.forecast_95_pence[1])}` : kNotShown);
    }
    if (f) {
      const net = f.net_payment_pence;
      assert.equal(await text(cell(finance, 'net-payment')), net === 0 ? 'None' : `${money(Math.abs(net))} ${net > 0 ? 'to the ICO' : 'from the ICO'}`);
    }
    assert.equal(await text(cell(lists, 'registered')), m.registered === null ? kWithheld : whole.format(m.registered));
    assert.equal(await text(cell(lists, 'turnover_month-joined')), m.turnover_month.joined === null ? kWithheld : whole.format(m.turnover_month.joined));

    // A value resting on a withheld count reads "suppressed", never 0; any other is shown.
    for (const q of m.quality) {
      const value = cell(quality, q.indicator).locator('.value');
      if (q.value === null && (q.numerator === null || q.denominator === null)) assert.equal(await text(value), kWithheldValue);
      else if (q.value !== null) assert.doesNotMatch(await text(value), /suppressed|^–/);
    }
  }

  // The history: a row per month of the year, each ICO's segment and band as the server has them.
  const history = page.getByRole('table', { name: 'Segment and corridor band of each ICO by month' });
  const months = oversight.icos[0].months.map((m) => m.month);
  assert.equal(await history.locator('tbody tr').count(), months.length);
  for (const ico of oversight.icos) {
    for (const m of ico.months) {
      const shown = await text(history.locator(`tr[data-month="${m.month}"] td[data-ico="${ico.id}"]`));
      const band = m.finance ? m.finance.band.label : 'no contract';
      assert.ok(shown.startsWith(`${segmentText(m.segment.segment)} ${band}`), `${ico.id} ${m.month}: ${shown}`);
    }
  }

  // The alerts of the month, one line each, and those of the year.
  const now = oversight.icos.flatMap((ico) => ico.months.find((x) => x.month === month).alerts.map((a) => ({ ico, a })));
  if (now.length === 0) await page.getByTestId('no-alerts').waitFor();
  else assert.equal(await page.getByTestId('alerts').locator('li').count(), now.length);
  for (const { ico, a } of now.filter((x) => x.a.kind !== 'special_cause')) {
    const words = a.kind === 'band' ? `Corridor band changed from ${a.from} to ${a.to}` : `Segment changed from ${a.from} to ${a.to}`;
    await page.getByTestId('alerts').locator(`li[data-ico="${ico.id}"]`, { hasText: words }).first().waitFor();
  }
  const year = oversight.icos.flatMap((ico) => ico.months.flatMap((m) => m.alerts));
  if (year.length > 0) {
    const rows = page.getByRole('table', { name: `Alerts from ${monthName(oversight.first_month)} to ${monthName(month)}, newest first` }).locator('tbody tr');
    assert.equal(await rows.count(), Math.min(year.length, 50));
  }
}

describe('the Oversight page', () => {
  test('a commissioner’s analyst sees their own ICOs side by side, segments, history and alerts, and downloads the CSV', async () => {
    const page = await signIn(browser, server.url, programme.users.commissioner);
    assert.ok((await navigation(page)).includes('Oversight'));
    const { status, body: list } = await apiGet(page, '/api/commissioners');
    assert.equal(status, 200);
    assert.deepEqual(list.commissioners.map((c) => c.id), ['ZQ1']);
    await openOversight(page);
    const oversight = await oversightOf(page, 'ZQ1');
    assert.deepEqual(oversight.icos.map((ico) => ico.id), programme.icosOf.ZQ1);
    await page.waitForURL(new RegExp(`#/commissioner/ZQ1/${oversight.month}$`));
    assert.equal(await page.getByLabel('Commissioner', { exact: true }).count(), 0, 'one commissioner: no chooser');
    await checkMonth(page, oversight);
    for (const other of programme.icosOf.ZQ2) assert.equal(await page.locator('main').getByText(other).count(), 0, `${other} is not ZQ1’s`);
    await screenshot(page, 'commissioner-oversight');
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.ok((await page.evaluate(() => document.scrollingElement.scrollWidth)) <= 1280, 'the page fits a 1,280-pixel screen');

    // The months on offer are those the data cover, newest first.
    const options = await page.getByLabel('Month', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.equal(options[0], oversight.data_months.to);
    assert.equal(options.at(-1), oversight.data_months.from);

    // The CSV is the server's, for the month on show.
    const link = page.getByRole('link', { name: 'Download CSV of the oversight report' });
    assert.equal(await link.getAttribute('href'), `/api/commissioners/ZQ1/oversight.csv?month=${oversight.month}`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    assert.equal(lines[0], kCsvHeader);
    assert.ok(lines.length > oversight.icos.length, 'a line per measure of each ICO');
    assert.deepEqual([...new Set(lines.slice(1).map((line) => line.split(',')[0]))].sort(), programme.icosOf.ZQ1);

    // The month before, from the keyboard: the address follows, the figures are that month's, and
    // a reload keeps it.
    const earlier = options[options.indexOf(oversight.month) + 1];
    await page.getByLabel('Month', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(new RegExp(`#/commissioner/ZQ1/${earlier}$`));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'month', 'focus stays on the month chooser');
    await checkMonth(page, await oversightOf(page, 'ZQ1', earlier));
    await page.reload();
    await waitForOversight(page, earlier);
    assert.equal(await page.getByLabel('Month', { exact: true }).inputValue(), earlier);

    // Another commissioner's report is refused.
    for (const answer of ['oversight', 'oversight.csv']) assert.equal((await apiGet(page, `/api/commissioners/ZQ2/${answer}`)).status, 403);
    await page.context().close();
  });

  test('the Selection section shows each ICO’s measures of cherry-picking and the alerts as the server sends them', async () => {
    const page = await signIn(browser, server.url, programme.users.commissioner);
    await openOversight(page);
    const { status, body: selection } = await apiGet(page, '/api/commissioners/ZQ1/selection');
    assert.equal(status, 200, JSON.stringify(selection));
    assert.equal(selection.disclosure, 'controlled');
    const section = page.getByTestId('selection');
    await section.getByTestId('selection-measures').waitFor({ timeout: 60_000 });
    assert.equal(await text(section.getByRole('heading', { level: 2 })), 'Selection');
    assert.deepEqual([...new Set(selection.measures.map((m) => m.ico))], programme.icosOf.ZQ1);
    const rows = section.locator('tbody tr');
    assert.equal(await rows.count(), selection.measures.length);
    for (const m of selection.measures) {
      const cells = await section.getByTestId(`selection-${m.ico}-${m.measure}`).locator('td').allTextContents();
      assert.notEqual(cells[0], m.measure, `${m.measure} has a title for people`);
      if (m.withheld !== undefined) assert.match(cells[1], /^suppressed/, m.measure);
      else if (!m.estimated) assert.ok(cells[1].toLowerCase().startsWith(m.not_estimated.slice(0, 20).toLowerCase()), `${m.measure}: ${cells[1]}`);
      else {
        assert.equal(cells[1], m.effect.toPrecision(3));
        assert.equal(cells[2], `${m.ci_low.toPrecision(3)} to ${m.ci_high.toPrecision(3)}`);
        assert.equal(cells[3], m.q_value.toPrecision(2));
      }
      assert.equal(cells[4], m.alert ? 'Alert' : '', m.measure);
    }
    const alerts = section.getByTestId('selection-alerts');
    if (selection.alerts.length === 0) assert.match(await text(alerts), /^No alert/);
    else assert.equal(await alerts.locator('li').count(), selection.alerts.length);
  });

  test('the evaluator chooses the commissioner, and sees its ICOs alone', async () => {
    const page = await signIn(browser, server.url, programme.users.evaluator);
    const { body: list } = await apiGet(page, '/api/commissioners');
    assert.deepEqual(list.commissioners.map((c) => c.id), ['ZQ1', 'ZQ2']);
    await openOversight(page);
    const chooser = page.getByLabel('Commissioner', { exact: true });
    assert.equal(await chooser.locator('option').count(), 2);
    await chooser.selectOption('ZQ2');
    const oversight = await oversightOf(page, 'ZQ2');
    await page.waitForURL(new RegExp(`#/commissioner/ZQ2/${oversight.month}$`));
    assert.deepEqual(oversight.icos.map((ico) => ico.id), programme.icosOf.ZQ2);
    await checkMonth(page, oversight);
    await screenshot(page, 'evaluator-oversight');
    await page.context().close();
  });

  test('a board member has no Oversight page, and the server refuses it', async () => {
    const page = await signIn(browser, server.url, programme.users.board);
    assert.ok(!(await navigation(page)).includes('Oversight'));
    await page.goto('/#/commissioner/ZQ1');
    await page.waitForURL(/#\/overview$/);
    for (const answer of ['oversight', 'oversight.csv']) assert.equal((await apiGet(page, `/api/commissioners/ZQ1/${answer}`)).status, 403);
    await page.context().close();
  });
});
