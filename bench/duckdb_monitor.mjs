// DuckDB peer for costing and the monthly monitor: every event of the demo priced at the default
// tariff (unit cost x quantity plus excess bed days beyond the trim point), then the ICO's spend
// summed by month, and by month and setting, provider and member practice, from April 2022 to
// September 2024 (the two earlier years and the months to date), from the same CSV files.
//   node duckdb_monitor.mjs DATA_DIR TARIFF_CSV
// Prints one JSON line: timings (medians of warm runs) and the spend to date in pence, which
// run.sh checks against `continuum monitor --reprice`.
import { DuckDBInstance } from '@duckdb/node-api';

const [dataDir, tariffCsv] = process.argv.slice(2);
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

await db.run(`CREATE TABLE activity AS SELECT * FROM read_csv('${dataDir}/activity.csv', header = true,
  columns = {'event_id': 'BIGINT', 'patient_id': 'BIGINT', 'date': 'DATE', 'setting': 'VARCHAR',
             'provider_id': 'VARCHAR', 'specialty': 'VARCHAR', 'diagnosis': 'VARCHAR',
             'procedure': 'VARCHAR', 'length_of_stay': 'INTEGER', 'quantity': 'INTEGER',
             'cost': 'DECIMAL(18,2)'})`);
await db.run(`CREATE TABLE registrations AS SELECT * FROM read_csv('${dataDir}/registrations.csv',
  header = true, columns = {'patient_id': 'BIGINT', 'practice_id': 'VARCHAR', 'start_date': 'DATE',
  'start_reason': 'VARCHAR', 'end_date': 'DATE', 'end_reason': 'VARCHAR'})`);
await db.run(`CREATE TABLE organisations AS SELECT * FROM read_csv('${dataDir}/organisations.csv',
  header = true, all_varchar = true)`);
await db.run(`CREATE TABLE tariff AS
  SELECT setting, CAST(round(unit_cost * 100) AS BIGINT) AS unit_pence, trim_point,
         CAST(round(coalesce(excess_bed_day_cost, 0) * 100) AS BIGINT) AS excess_pence
  FROM read_csv('${tariffCsv}', header = true,
    columns = {'kind': 'VARCHAR', 'setting': 'VARCHAR', 'specialty': 'VARCHAR', 'group': 'VARCHAR',
               'provider': 'VARCHAR', 'unit_cost': 'DECIMAL(18,2)', 'trim_point': 'INTEGER',
               'excess_bed_day_cost': 'DECIMAL(18,2)', 'factor': 'DOUBLE', 'source': 'VARCHAR'})
  WHERE kind = 'price'`);
// Like for like with Continuum's columns, which hold each event's practice of the day.
await db.run(`CREATE TABLE attributed AS
  SELECT a.*, r.practice_id AS practice FROM activity a JOIN registrations r
    ON a.patient_id = r.patient_id AND a.date >= r.start_date
   AND a.date <= coalesce(r.end_date, DATE '9999-12-31')`);

const monitorSql = (events) => `
  WITH priced AS (
    SELECT e.date, e.setting, e.provider_id, e.practice,
           t.unit_pence * e.quantity + CASE WHEN e.length_of_stay > t.trim_point
             THEN t.excess_pence * (e.length_of_stay - t.trim_point) ELSE 0 END AS cost
    FROM ${events} e JOIN tariff t ON e.setting = t.setting
    WHERE e.practice IN (SELECT org_id FROM organisations WHERE parent_id = 'ZICO1')
      AND e.date BETWEEN DATE '2022-04-01' AND DATE '2024-09-30')
  SELECT strftime(date, '%Y-%m') AS ym, setting, provider_id, practice, sum(cost) AS cost
  FROM priced GROUP BY GROUPING SETS ((ym), (ym, setting), (ym, provider_id), (ym, practice))`;

const attributed = await timed(monitorSql('attributed'));
const fromBase = await timed(monitorSql(`(SELECT a.*, r.practice_id AS practice
  FROM activity a JOIN registrations r ON a.patient_id = r.patient_id AND a.date >= r.start_date
   AND a.date <= coalesce(r.end_date, DATE '9999-12-31'))`));
let toDate = 0n;
for (const r of attributed.result.getRowObjects())
  if (r.setting === null && r.provider_id === null && r.practice === null && r.ym >= '2024-04')
    toDate += BigInt(r.cost.toString());
console.log(JSON.stringify({ attributed_ms: attributed.ms, from_base_ms: fromBase.ms,
                             actual_to_date_pence: toDate.toString() }));
