// How long each page of the web app takes to be usable on a workspace (the demo's, in make
// bench): for each page and a role that sees it, the page is loaded afresh in Debian's Chromium
// (the app's files, the session, the page's API answers, the page drawn) until its heading is on
// screen and no section is still loading; five loads, the median and the slowest. Prints one JSON
// line and exits 1 if a median is over a second.
//
//   node bench/page_times.mjs demo/workspace.db [contract.json [scenario.json]]
//
// Runs the binary CONTINUUM_BIN (default build/continuum); adds a user per role it signs in as.

import { execFileSync } from 'node:child_process';
import { launch, signIn } from '../web/tests/browser.mjs';
import { kBinary, kRepository, startServer } from '../web/tests/continuum.mjs';

const [workspace, contract, scenario] = process.argv.slice(2);
if (!workspace) throw new Error('usage: node bench/page_times.mjs WORKSPACE [CONTRACT [SCENARIO]]');
const kLoads = 5;
const kBudgetMs = 1000;

// The pages, each with a role that sees it (the clinical roles see patients; the commissioner
// the comparison under disclosure control).
const kPages = [
  ['overview', 'board'],
  ['quality', 'clinical_lead'],
  ['risk', 'clinical_lead'],
  ['finance', 'board'],
  ['pathways', 'care_coordinator'],
  ['case-finding', 'clinical_lead'],
  ['voice', 'care_coordinator'],
  ['comparison', 'commissioner'],
  ['users', 'administrator'],
  ['audit', 'administrator'],
];

// Each user is bound to the organisation their role serves: the workspace's first ICO, or its
// commissioner.
const [ico, commissioner] = execFileSync('sqlite3', [
  workspace,
  "SELECT org_id, parent_id FROM organisations WHERE kind = 'ico' ORDER BY org_id LIMIT 1",
]).toString().trim().split('|');
const organisationOf = (role) => (role === 'administrator' ? [] : ['--organisation', role === 'commissioner' ? commissioner : ico]);

const password = `page-times-${process.pid}-not-secret`;
const users = {};
for (const role of new Set(kPages.map(([, role]) => role))) {
  const username = `bench_${role}`;
  const run = (command) =>
    execFileSync(kBinary, ['user', command, username, ...(command === 'add' ? ['--role', role, ...organisationOf(role)] : []), '--password-stdin', '--workspace', workspace], {
      cwd: kRepository,
      input: `${password}\n`,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  try {
    run('add');
  } catch {
    run('passwd');
  }
  users[role] = { username, password };
}

const options = [];
if (contract) options.push('--contract', contract);
if (scenario) options.push('--scenario', scenario);
const server = await startServer(workspace, options);
const browser = await launch();
const times = {};
let slow = false;
try {
  const sessions = {};
  for (const [path, role] of kPages) {
    sessions[role] ??= await signIn(browser, server.url, users[role]);
    const page = sessions[role];
    const loads = [];
    for (let k = 0; k < kLoads; ++k) {
      await page.goto('about:blank');
      const start = performance.now();
      await page.goto(`${server.url}/#/${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, { timeout: 60_000 });
      loads.push(performance.now() - start);
    }
    loads.sort((a, b) => a - b);
    const median = loads[Math.floor(kLoads / 2)];
    times[path] = { role, median_ms: Math.round(median), slowest_ms: Math.round(loads[kLoads - 1]) };
    slow ||= median > kBudgetMs;
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(JSON.stringify(times));
process.exit(slow ? 1 : 0);
