// DuckDB peer for costing and the monthly monitor: every event of the demo priced at the default
// tariff (unit cost x quantity plus excess bed days beyond the trim point), then the ICO's spend
// summed by month, and by month and setting, provider and member practice, from April 2022 to
// September 2024 (the two earlier years and the months to date), from the same CSV files.
//   node duckdb_monitor.mjs DATA_DIR TARIFF_CSV
// Prints one JSON line: timings (medians of warm runs) and the spend to date in pence, which
// run.sh checks against `continuum monitor --reprice`.
import { attributedEvents, connect, loadActivity, timed } from './duckdb_common.mjs';

const [dataDir, tariffCsv] = process.argv.slice(2);
const db = await connect();
await loadActivity(db, dataDir);
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
await db.run(`CREATE TABLE attributed AS ${attributedEvents}`);

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

const attributed = await timed(db, monitorSql('attributed'));
const fromBase = await timed(db, monitorSql(`(${attributedEvents})`));
let toDate = 0n;
for (const r of attributed.result.getRowObjects())
  if (r.setting === null && r.provider_id === null && r.practice === null && r.ym >= '2024-04')
    toDate += BigInt(r.cost.toString());
console.log(JSON.stringify({ attributed_ms: attributed.ms, from_base_ms: fromBase.ms,
                             actual_to_date_pence: toDate.toString() }));
