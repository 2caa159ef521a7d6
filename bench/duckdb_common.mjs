// What the DuckDB peers share: an in-memory database, the interchange CSV files loaded as
// tables with their types, and warm timings as the median of repeated runs.
import { DuckDBInstance } from '@duckdb/node-api';

export const runs = 10;

export async function connect() {
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Runs `sql` runs + 1 times; the first run warms up and is not counted.
export async function timed(db, sql) {
  const times = [];
  let result;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    result = await db.runAndReadAll(sql);
    if (i > 0) times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

// Loads activity.csv and registrations.csv from `dataDir`; returns the milliseconds it took.
export async function loadActivity(db, dataDir) {
  const t0 = performance.now();
  await db.run(`CREATE TABLE activity AS SELECT * FROM read_csv('${dataDir}/activity.csv', header = true,
    columns = {'event_id': 'BIGINT', 'patient_id': 'BIGINT', 'date': 'DATE', 'setting': 'VARCHAR',
               'provider_id': 'VARCHAR', 'specialty': 'VARCHAR', 'diagnosis': 'VARCHAR',
               'procedure': 'VARCHAR', 'length_of_stay': 'INTEGER', 'quantity': 'INTEGER',
               'cost': 'DECIMAL(18,2)', 'medicine': 'VARCHAR'})`);
  await db.run(`CREATE TABLE registrations AS SELECT * FROM read_csv('${dataDir}/registrations.csv',
    header = true, columns = {'patient_id': 'BIGINT', 'practice_id': 'VARCHAR', 'start_date': 'DATE',
    'start_reason': 'VARCHAR', 'end_date': 'DATE', 'end_reason': 'VARCHAR'})`);
  return performance.now() - t0;
}

// Each event with the practice its patient was registered with on the day.
export const attributedEvents = `SELECT a.*, r.practice_id AS practice
  FROM activity a JOIN registrations r
    ON a.patient_id = r.patient_id AND a.date >= r.start_date
   AND a.date <= coalesce(r.end_date, DATE '9999-12-31')`;
