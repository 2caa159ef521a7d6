// DuckDB peer for the first analysis: activity and cost by practice x month x setting, computed
// from the same interchange CSV files Continuum imported.
//   node duckdb_activity.mjs DATA_DIR OUT_CSV
// Prints one JSON line of timings (medians of warm runs) and writes the result cells as CSV in
// the same layout as `continuum activity --csv`, so run.sh can check that the figures agree.
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';

const [dataDir, outCsv] = process.argv.slice(2);
const runs = 10;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed(sql) {
  const times = [];
  let result;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    result = await db.runAndReadAll(sql);
    if (i > 0) times.push(performance.now() - t0);  // the first run warms up
  }
  return { ms: median(times), result };
}

let t0 = performance.now();
await db.run(`CREATE TABLE activity AS SELECT * FROM read_csv('${dataDir}/activity.csv', header = true,
  columns = {'event_id': 'BIGINT', 'patient_id': 'BIGINT', 'date': 'DATE', 'setting': 'VARCHAR',
             'provider_id': 'VARCHAR', 'specialty': 'VARCHAR', 'diagnosis': 'VARCHAR',
             'procedure': 'VARCHAR', 'length_of_stay': 'INTEGER', 'quantity': 'INTEGER',
             'cost': 'DECIMAL(18,2)'})`);
await db.run(`CREATE TABLE registrations AS SELECT * FROM read_csv('${dataDir}/registrations.csv',
  header = true, columns = {'patient_id': 'BIGINT', 'practice_id': 'VARCHAR', 'start_date': 'DATE',
  'start_reason': 'VARCHAR', 'end_date': 'DATE', 'end_reason': 'VARCHAR'})`);
const loadMs = performance.now() - t0;

// From the base tables: attribute each event to the practice of the day, then group.
const fromBase = await timed(`
  SELECT r.practice_id AS practice, strftime(a.date, '%Y-%m') AS ym, a.setting AS setting,
         count(*) AS events, sum(a.quantity) AS quantity,
         coalesce(sum(a.cost), 0) AS cost, count(*) FILTER (WHERE a.cost IS NULL) AS uncosted
  FROM activity a JOIN registrations r
    ON a.patient_id = r.patient_id AND a.date >= r.start_date
   AND a.date <= coalesce(r.end_date, DATE '9999-12-31')
  GROUP BY ALL`);

// Like for like with Continuum's columns: the practice of the day is stored with each event.
await db.run(`CREATE TABLE attributed AS
  SELECT r.practice_id AS practice, a.date, a.setting, a.quantity, a.cost
  FROM activity a JOIN registrations r
    ON a.patient_id = r.patient_id AND a.date >= r.start_date
   AND a.date <= coalesce(r.end_date, DATE '9999-12-31')`);
const attributed = await timed(`
  SELECT practice, strftime(date, '%Y-%m') AS ym, setting, count(*) AS events,
         sum(quantity) AS quantity, coalesce(sum(cost), 0) AS cost,
         count(*) FILTER (WHERE cost IS NULL) AS uncosted
  FROM attributed GROUP BY ALL`);

const rows = fromBase.result.getRowObjects();
const lines = rows.map((r) => [r.practice, r.ym, r.setting, r.events, r.quantity,
  Number(r.cost.toString()).toFixed(2), r.uncosted].join(','));
lines.sort();
writeFileSync(outCsv, lines.join('\n') + '\n');
console.log(JSON.stringify({ load_ms: loadMs, from_base_ms: fromBase.ms,
                             attributed_ms: attributed.ms, cells: rows.length }));
