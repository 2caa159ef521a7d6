// The real Continuum for the browser tests: a small generated ICO, one user for each role,
// and `continuum serve` on a free port of 127.0.0.1.
//
//   const ico = await prepareIco(folder);     // { workspace, practices, controlPractices, users }
//   const programme = prepareProgramme(folder);   // two commissioners: { workspace, icosOf, users }
//   const server = await startServer(ico.workspace, ['--contract', kContract, '--scenario', kScenario]);
//   ... server.url ...
//   await server.stop();

import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const kRepository = fileURLToPath(new URL('../..', import.meta.url));
// CONTINUUM_BIN names another build of the binary (make test passes $(BUILD)/continuum).
export const kBinary = path.resolve(kRepository, process.env.CONTINUUM_BIN ?? 'build/continuum');

// The demo's risk-share contract; the generated ICO is ZICO1, as the demo's is.
export const kContract = path.join(kRepository, 'data', 'contracts', 'nelson_vale.json');
// The demo's savings scenario, which the Finance page applies to that contract.
export const kScenario = path.join(kRepository, 'data', 'scenarios', 'nelson_vale_savings.json');

export const kRoles = [
  'administrator',
  'board',
  'clinical_lead',
  'practice_clinician',
  'care_coordinator',
  'commissioner',
  'evaluator',
];

export function continuum(args, input) {
  return execFileSync(kBinary, args, {
    cwd: kRepository,
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
}

// Generates 6,000 patients in 3 practices, and 2 control practices the commissioner contracts
// outside the ICO, into `folder`; imports them into folder/w.db and adds one user per role (named
// after it); the practice clinician belongs to the ICO's first practice. `practices` are the
// ICO's member practices only, `controlPractices` the commissioner's others.
// The generated ICO, whose answers the tests fetch under /api/icos/ZICO1/.
export const kIco = 'ZICO1';

export function prepareIco(folder) {
  continuum(['generate', '--patients', '6000', '--practices', '3', '--control-practices', '2', '--out', folder]);
  const workspace = path.join(folder, 'w.db');
  continuum(['import', folder, '--workspace', workspace]);
  const { practices, controlPractices, commissioner, icos } = practicesOf(path.join(folder, 'organisations.csv'));
  if (icos.length !== 1 || icos[0] !== kIco) throw new Error(`expected the one ICO ${kIco}, generated ${icos}`);
  // Each user serves the organisation their role does: the ICO, its first practice, the commissioner.
  const kOrganisationOf = { board: kIco, clinical_lead: kIco, care_coordinator: kIco, practice_clinician: practices[0], commissioner };
  const users = {};
  for (const role of kRoles) users[role] = addUser(workspace, role.replace(/_/g, '-'), role, kOrganisationOf[role]);
  return { workspace, practices, controlPractices, users };
}

// Adds a user of `role` serving `organisation` (none for an administrator or an evaluator).
export function addUser(workspace, username, role, organisation) {
  const user = { username, password: `Browser test ${role} 2025`, role };
  continuum(
    ['user', 'add', username, '--role', role, ...(organisation ? ['--organisation', organisation] : []), '--password-stdin', '--workspace', workspace],
    `${user.password}\n`,
  );
  return user;
}

// A programme of two commissioners for the Oversight page: 3 ICOs of 2 practices and 2,000
// patients, each commissioner with one control practice, into `folder` (folder/w.db). The
// generator gives ZQ1 the ICOs ZICO1 and ZICO2 and ZQ2 the ICO ZICO3; ZICO1 and ZICO2 have the
// contracts of docs/oversight.md's example stored, ZICO3 none. Users: the commissioner's analyst
// of ZQ1, the evaluator and ZICO1's board. `icosOf` maps each commissioner to its ICOs.
export function prepareProgramme(folder) {
  continuum(['generate', '--icos', '3', '--commissioners', '2', '--control-practices', '1', '--patients', '2000', '--practices', '2', '--out', folder]);
  const workspace = path.join(folder, 'w.db');
  continuum(['import', folder, '--workspace', workspace]);
  const rows = readFileSync(path.join(folder, 'organisations.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const icosOf = {};
  for (const [id, , kind, parent] of rows) if (kind === 'ico') (icosOf[parent] ??= []).push(id);
  if (icosOf.ZQ1?.join() !== 'ZICO1,ZICO2' || icosOf.ZQ2?.join() !== 'ZICO3') throw new Error(`unexpected programme: ${JSON.stringify(icosOf)}`);
  for (const contract of [kContract, path.join(kRepository, 'tests', 'cases', 'oversight', 'abbotsmere.json')])
    continuum(['contract', 'add', contract, '--workspace', workspace]);
  const users = {
    commissioner: addUser(workspace, 'analyst-zq1', 'commissioner', 'ZQ1'),
    evaluator: addUser(workspace, 'evaluator', 'evaluator'),
    board: addUser(workspace, 'board-zico1', 'board', 'ZICO1'),
  };
  return { workspace, icosOf, users };
}

// From the generated organisations.csv: the practices whose parent is an ICO, and the control
// practices, whose parent is the commissioner.
function practicesOf(file) {
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const ofKind = (kind) => new Set(rows.filter((r) => r[2] === kind).map((r) => r[0]));
  const [icos, commissioners] = [ofKind('ico'), ofKind('commissioner')];
  const practicesUnder = (parents) => rows.filter((r) => r[2] === 'practice' && parents.has(r[3])).map((r) => r[0]);
  return {
    practices: practicesUnder(icos),
    controlPractices: practicesUnder(commissioners),
    commissioner: [...commissioners][0],
    icos: [...icos],
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Starts `continuum serve` (with `options`, such as --contract FILE) and waits until it answers;
// fails with its output if it stops first. It serves this tree's web/dist, not the one of the
// tree the binary was built from (CONTINUUM_BIN may name another tree's build).
export async function startServer(workspace, options = []) {
  const port = await freePort();
  const web = path.join(kRepository, 'web', 'dist');
  const child = spawn(kBinary, ['serve', '--workspace', workspace, '--port', String(port), '--web', web, ...options], {
    cwd: kRepository,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 200))]);
    if (code !== undefined) throw new Error(`continuum serve stopped (exit ${code}):\n${output}`);
    try {
      await fetch(`${url}/api/session`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`continuum serve did not answer on port ${port} within 60 s:\n${output}`);
      }
    }
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
      if (stopped === 'timeout') child.kill('SIGKILL');
    },
  };
}
