// Browser tests of the Evaluation page (#/evaluation) against the real server, on a programme of
// two commissioners (ZQ1: ZICO1 and ZICO2; ZQ2: ZICO3) with an analysis plan for ZICO1 stored in
// the workspace (`continuum evaluate add`): the evaluator reads each outcome's estimate, and the
// page's figures are those `continuum evaluate --plan --json` prints on the same workspace (to the
// 4 significant figures disclosure control leaves); ZQ2's analyst, whose commissioner does not
// contract ZICO1, is refused it.
// Run from web/ after `npx vite build`: node --test tests/  (make test runs them).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiGet, launch, navigation, screenshot, signIn } from './browser.mjs';
import { addUser, continuum, startServer } from './continuum.mjs';

const kPlan = {
  name: 'ZICO1: did it work?',
  pilots: [{ ico: 'ZICO1', start: '2023-04-01' }],
  periods: { from: '2022-04-01', to: '2025-03-31', months: 3 },
  comparison: { caliper: 10, matches: 2 },
  outcomes: ['emergency_admissions', 'cost_per_head', 'ae_attendances'],
  estimator: { replicates: 199 },
  case_management: { min_age: 65, min_emergency_admissions: 2 },
};

const significant = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 });

let folder, workspace, planFile, users, server, browser;

before(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'continuum-evaluation-'));
  continuum(['generate', '--icos', '3', '--commissioners', '2', '--control-practices', '4', '--patients', '6000', '--practices', '2', '--out', folder]);
  workspace = path.join(folder, 'w.db');
  continuum(['import', folder, '--workspace', workspace]);
  planFile = path.join(folder, 'zico1_plan.json');
  writeFileSync(planFile, JSON.stringify(kPlan));
  continuum(['evaluate', 'add', planFile, '--workspace', workspace]);
  users = {
    evaluator: addUser(workspace, 'evaluator', 'evaluator'),
    own: addUser(workspace, 'analyst-zq1', 'commissioner', 'ZQ1'),
    other: addUser(workspace, 'analyst-zq2', 'commissioner', 'ZQ2'),
    board: addUser(workspace, 'board-zico1', 'board', 'ZICO1'),
  };
  server = await startServer(workspace);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function openEvaluation(page) {
  await page.getByRole('link', { name: 'Evaluation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Evaluation' }).waitFor();
}

describe('the Evaluation page', () => {
  test('shows the evaluator the figures continuum evaluate --plan prints on the same workspace', async () => {
    const page = await signIn(browser, server.url, users.evaluator);
    assert.ok((await navigation(page)).includes('Evaluation'));
    await openEvaluation(page);
    await page.getByTestId('evaluation-pilots').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('main [aria-busy]'));
    // The independent path: the command line on the same workspace and plan file.
    const cli = JSON.parse(continuum(['evaluate', '--plan', planFile, '--workspace', workspace, '--json']));
    assert.equal(await page.getByLabel('Analysis plan').locator('option:checked').textContent(), `${kPlan.name} (ZICO1)`);
    let compared = 0;
    for (const outcome of cli.outcomes) {
      const summary = page.getByTestId(`summary-${outcome.outcome}`);
      assert.equal((await summary.textContent()).trim(), outcome.summary);
      if (outcome.not_estimated) continue;
      const shown = (await page.getByTestId(`estimate-${outcome.outcome}`).textContent()).trim();
      assert.equal(shown, significant.format(outcome.programme.estimate), outcome.outcome);
      const table = page.getByRole('table', { name: `Estimates: ${outcome.title} (${outcome.unit})` });
      const interval = (await table.locator('tbody tr').first().locator('td').nth(1).textContent()).trim();
      assert.equal(interval, `${significant.format(outcome.programme.ci_low)} to ${significant.format(outcome.programme.ci_high)}`);
      ++compared;
    }
    assert.ok(compared >= 2, `only ${compared} outcomes estimated`);
    // The balance table names each characteristic the plan matched on, with flagged SMDs.
    const balance = page.getByRole('table', { name: /^Balance of the practices/ });
    assert.equal(await balance.locator('tbody tr').count(), cli.balance.length);
    assert.equal(await balance.locator('strong', { hasText: 'imbalanced' }).count(), cli.balance.filter((b) => b.imbalanced).length);
    // Case management: the rate ratios the command line prints, the group sizes rounded to 5.
    const managed = cli.case_management;
    assert.ok(managed.outcomes.length > 0);
    for (const o of managed.outcomes) {
      const shown = (await page.getByTestId(`case-management-${o.outcome}`).textContent()).trim();
      assert.equal(shown, significant.format(o.rate_ratio), o.outcome);
    }
    const rule = await page.getByTestId('case-management-rule').textContent();
    assert.ok(rule.includes(`about ${(Math.round(managed.cases / 5) * 5).toLocaleString('en-GB')} patients`), rule);
    await page.getByTestId('disclosure').waitFor();
    await screenshot(page, 'evaluation');
    await page.close();
  });

  test('refuses a commissioner whose ICOs are not the plan pilots, and shows the board no such page', async () => {
    const page = await signIn(browser, server.url, users.other);
    await openEvaluation(page);
    await page.getByTestId('no-plan').waitFor();
    const { body: list } = await apiGet(page, '/api/evaluations');
    assert.deepEqual(list.plans, []);
    // The plan's id, as the evaluator's list has it, asked for directly.
    const evaluator = await signIn(browser, server.url, users.evaluator);
    const { body: all } = await apiGet(evaluator, '/api/evaluations');
    const { status } = await apiGet(page, `/api/evaluations/${all.plans[0].id}`);
    assert.equal(status, 403);
    const board = await signIn(browser, server.url, users.board);
    assert.ok(!(await navigation(board)).includes('Evaluation'));
    assert.equal((await apiGet(board, '/api/evaluations')).status, 403);
    const own = await signIn(browser, server.url, users.own);
    const { body: mine } = await apiGet(own, '/api/evaluations');
    assert.deepEqual(mine.plans.map((p) => p.name), [kPlan.name]);
    for (const p of [page, evaluator, board, own]) await p.close();
  });
});
