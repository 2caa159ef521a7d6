// DuckDB peer for the first analysis: activity and cost by practice x month x setting, computed
// from the same interchange CSV files Continuum imported.
//   node duckdb_activity.mjs DATA_DIR OUT_CSV
// Prints one JSON line of timings (medians of warm runs) and writes the result cells as CSV in
// the same layout as `continuum activity --csv`, so run.sh can check that the figures agree.
import { writeFileSync } from 'node:fs';
import { attributedEvents, connect, loadActivity, timed } from './duckdb_common.mjs';

const [dataDir, outCsv] = process.argv.slice(2);
const db = await connect();
const loadMs = await loadActivity(db, dataDir);

// From the base tables: attribute each event to the practice of the day, then group.
const fromBase = await timed(db, `
  SELECT practice, strftime(date, '%Y-%m') AS ym, setting, count(*) AS events,
         sum(quantity) AS quantity, coalesce(sum(cost), 0) AS cost,
         count(*) FILTER (WHERE cost IS NULL) AS uncosted
  FROM (${attributedEvents}) GROUP BY ALL`);

// Like for like with Continuum's columns: the practice of the day is stored with each event.
await db.run(`CREATE TABLE attributed AS ${attributedEvents}`);
const attributed = await timed(db, `
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
