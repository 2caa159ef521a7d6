// DuckDB peer for the quality indicators: every definition in data/indicators/ evaluated in SQL
// for the demo ICO's member practices and each whole month of data, from the same interchange
// CSV files Continuum imported. The SQL is written from the definitions, one template a kind of
// denominator: patients measured on each month's last day (their registers, exclusions and the
// records in the look-back window), registered person-time (with the count expected at the ICO's
// rates by five-year age band and sex over the last financial year), events (a ratio of two
// kinds, or admissions followed by another within days of discharge) and deaths.
//   node duckdb_quality.mjs DATA_DIR INDICATOR_DIR OUT_CSV
// Prints one JSON line of timings (load, and the medians of warm runs) and writes
// `indicator,practice,month,numerator,denominator,expected` rows in the layout of
// `quality_benchmark --results`, so that run.sh can check that the figures agree.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { attributedEvents, connect, loadActivity, timed } from './duckdb_common.mjs';

const [dataDir, indicatorDir, outCsv] = process.argv.slice(2);
const ico = 'ZICO1';
// Indicators of survey responses are left out on both sides: their responses are recorded
// through the server's voice form, and the demo's files hold none.
const indicators = readdirSync(indicatorDir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(`${indicatorDir}/${f}`, 'utf8')))
  .filter((ind) => !ind.denominator.responses);

const db = await connect();
const t0 = performance.now();
await loadActivity(db, dataDir);
const read = (table, columns) => db.run(`CREATE TABLE ${table} AS SELECT * FROM
  read_csv('${dataDir}/${table}.csv', header = true, columns = {${columns}})`);
await read('organisations', `'org_id': 'VARCHAR', 'name': 'VARCHAR', 'kind': 'VARCHAR',
  'parent_id': 'VARCHAR'`);
await read('patients', `'patient_id': 'BIGINT', 'nhs_number': 'VARCHAR', 'birth_date': 'DATE',
  'sex': 'VARCHAR', 'lsoa': 'VARCHAR', 'imd_decile': 'INTEGER'`);
await read('conditions', `'patient_id': 'BIGINT', 'condition': 'VARCHAR', 'onset_date': 'DATE',
  'resolved_date': 'DATE'`);
await read('observations', `'patient_id': 'BIGINT', 'date': 'DATE', 'kind': 'VARCHAR',
  'value': 'VARCHAR'`);
await read('deaths', `'patient_id': 'BIGINT', 'date': 'DATE', 'place': 'VARCHAR',
  'preferred_place': 'VARCHAR'`);
const loadMs = performance.now() - t0;
// Like for like with Continuum's columns, which hold each event's practice of the day.
const t1 = performance.now();
await db.run(`CREATE TABLE attributed AS ${attributedEvents}`);
const attributeMs = performance.now() - t1;

const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const list = (xs) => xs.map(quote).join(', ');

// A list of code patterns as a predicate on `column`, dots ignored: an exact code, a prefix
// ending in *, or a range of prefixes of one length (C00-C97).
function codeMatch(column, patterns) {
  const bare = `replace(${column}, '.', '')`;
  return `(${patterns.map((p) => {
    const x = p.replaceAll('.', '');
    if (x.includes('-')) {
      const [low, high] = x.split('-');
      return `left(${bare}, ${low.length}) BETWEEN ${quote(low)} AND ${quote(high)}
              AND length(${bare}) >= ${low.length}`;
    }
    return x.endsWith('*') ? `starts_with(${bare}, ${quote(x.slice(0, -1))})` : `${bare} = ${quote(x)}`;
  }).join(' OR ')})`;
}

function eventFilter(alias, f) {
  const terms = [];
  if (f.settings) terms.push(`${alias}.setting IN (${list(f.settings)})`);
  for (const column of ['diagnosis', 'procedure', 'specialty', 'medicine'])
    if (f[column]) terms.push(codeMatch(`${alias}.${column}`, f[column]));
  return terms.length ? terms.join(' AND ') : 'true';
}

// A day as the number yyyymmdd; the difference of two, // 10000, is an age in completed years.
const dayKey = (day) => `(year(${day}) * 10000 + month(${day}) * 100 + day(${day}))`;
const ageOn = (birth, day) => `((${dayKey(day)} - ${dayKey(birth)}) // 10000)`;
const never = `DATE '9999-12-31'`;
const monthOf = (day) => `CAST(date_trunc('month', ${day}) AS DATE)`;
const ages = (c) => [c.age_min ?? 0, c.age_max ?? 200];

// What every indicator stands on: the whole months of data, the ICO's member practices, the
// period compared (the last financial year of the data), each patient on a member list on each
// month's last day, the registers they are on that day, and registered person-days.
const common = `
span AS (SELECT min(date) AS data_start, max(date) AS data_end FROM activity),
months AS (
  SELECT ms, CAST(ms + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS me FROM (
    SELECT CAST(unnest(generate_series(
      CASE WHEN day(data_start) = 1 THEN data_start
           ELSE date_trunc('month', data_start) + INTERVAL 1 MONTH END,
      CASE WHEN data_end = last_day(data_end) THEN date_trunc('month', data_end)
           ELSE date_trunc('month', data_end) - INTERVAL 1 MONTH END,
      INTERVAL 1 MONTH)) AS DATE) AS ms FROM span)),
bounds AS (SELECT min(ms) AS first_day, max(me) AS last_day FROM months),
period AS (
  SELECT start, CAST(start + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE) AS stop FROM (
    SELECT make_date(year(data_end) - CAST(month(data_end) < 4 AS INTEGER), 4, 1) AS start
    FROM span)),
practices AS (SELECT org_id AS member FROM organisations
              WHERE kind = 'practice' AND parent_id = ${quote(ico)}),
listed AS (
  SELECT r.patient_id, r.practice_id AS practice, r.start_date, p.sex, ${dayKey('p.birth_date')} AS born,
         -- The last day on the list: the registration's end, or the day of death when that
         -- comes first (the day of death is a day on the list, docs/data-model.md).
         least(coalesce(r.end_date, ${never}), coalesce(d.date, ${never})) AS last
  FROM registrations r JOIN practices ON member = r.practice_id
  JOIN patients p ON p.patient_id = r.patient_id LEFT JOIN deaths d ON d.patient_id = r.patient_id),
month_ends AS (SELECT ms, me, ${dayKey('me')} AS key FROM months),
snapshot AS MATERIALIZED (
  SELECT l.patient_id, l.practice, m.ms, m.me AS ref, l.start_date, (m.key - l.born) // 10000 AS age
  FROM month_ends m JOIN listed l ON l.start_date <= m.me AND l.last >= m.me),
registers AS MATERIALIZED (
  SELECT c.patient_id, m.me AS ref, c.condition, c.onset_date AS onset
  FROM months m JOIN conditions c ON c.onset_date <= m.me
   AND coalesce(c.resolved_date - 1, ${never}) >= m.me),
person_days AS MATERIALIZED (
  SELECT l.practice, m.ms, l.sex, least(greatest((m.key - l.born) // 10000, 0), 100) AS age,
         sum(least(l.last, m.me) - greatest(l.start_date, m.ms) + 1) AS days
  FROM month_ends m JOIN listed l ON l.start_date <= m.me AND l.last >= m.ms
  GROUP BY ALL)`;

// Every member practice in every month the indicator reports, with its counts or zeros.
const cells = (id, counts, reported = 'true', rate = false) => `
  SELECT ${quote(id)} AS indicator, pr.member AS practice, strftime(m.ms, '%Y-%m') AS ym,
         coalesce(c.numerator, 0) AS numerator,
         ${rate ? 'coalesce(c.denominator, 0.0)' : 'CAST(coalesce(c.denominator, 0) AS DOUBLE)'}
           AS denominator,
         ${rate ? 'coalesce(c.expected, 0.0)' : 'CAST(NULL AS DOUBLE)'} AS expected
  FROM practices pr CROSS JOIN months m CROSS JOIN span
  LEFT JOIN (${counts}) c ON c.practice = pr.member AND c.ms = m.ms
  WHERE ${reported}`;

// Patients on the last day of each month: the cohort, its exclusions, and whether every
// criterion holds (the latest record of its kind on or before the day, within the window).
function patientsSql(ind, n) {
  const c = ind.denominator.patients;
  const criteria = ind.numerator.all_of;
  const lookBack = Math.max(...criteria.map((k) => k.within_days),
    c.with_record ? c.with_record.within_days : 0, c.exclude_care_adjusted ? 365 : 0);
  const [ageMin, ageMax] = ages(c);
  // Per patient and day: on a register of the cohort, since when, and on an excluded one.
  const inList = (xs) => (xs ? `condition IN (${list(xs)})` : 'false');
  const flags = `f${n}`, cohort = `c${n}`;
  const ctes = [`${flags} AS (SELECT patient_id, ref, bool_or(${inList(c.registers)}) AS listed,
    min(onset) FILTER (WHERE ${inList(c.registers)}) AS since,
    bool_or(${inList(c.exclude_registers)}) AS excluded
    FROM registers WHERE ${inList(c.registers)} OR ${inList(c.exclude_registers)} GROUP BY ALL)`];
  const where = [`s.age BETWEEN ${ageMin} AND ${ageMax}`, `s.ref - ${lookBack} + 1 >= data_start`];
  if (c.registers) where.push(`${flags}.listed`);
  if (c.exclude_registered_under_days)
    where.push(`s.ref - s.start_date + 1 >= ${c.exclude_registered_under_days}`);
  if (c.exclude_diagnosed_under_days)
    where.push(`s.ref - ${flags}.since + 1 >= ${c.exclude_diagnosed_under_days}`);
  where.push(`${flags}.excluded IS NOT TRUE`);
  // A personalised care adjustment for one of the cohort's registers in the last 365 days.
  if (c.exclude_care_adjusted) {
    where.push(`NOT EXISTS (SELECT 1 FROM observations o WHERE o.patient_id = s.patient_id
      AND o.kind = 'care_adjustment' AND o.value IN (${list(c.registers)})
      AND o.date <= s.ref AND o.date > s.ref - 365)`);
  }
  // Only patients whose record shows an observation of the kind within the window (respondents).
  if (c.with_record) {
    const w = c.with_record;
    where.push(`EXISTS (SELECT 1 FROM observations o WHERE o.patient_id = s.patient_id
      AND o.kind = ${quote(w.observation)} AND o.date <= s.ref AND o.date > s.ref - ${w.within_days}
      ${w.values ? `AND o.value IN (${list(w.values)})` : ''})`);
  }
  ctes.push(`${cohort} AS (SELECT s.patient_id, s.practice, s.ms, s.ref FROM snapshot s
    LEFT JOIN ${flags} ON ${flags}.patient_id = s.patient_id AND ${flags}.ref = s.ref, span
    WHERE ${where.join('\n      AND ')})`);
  // Each criterion's records, one a day, each with the month-ends on which it is the latest.
  const records = [], joins = [], met = [];
  criteria.forEach((k, j) => {
    const r = `r${n}_${j}`;
    const measured = k.latest_at_most !== undefined || k.latest_at_least !== undefined;
    const rows = k.prescription
      ? `SELECT patient_id, date FROM activity a WHERE ${codeMatch('a.medicine', k.prescription)}`
      : `SELECT patient_id, date FROM observations WHERE kind = ${quote(k.observation)}
         ${k.values ? `AND value IN (${list(k.values)})` : ''}`;
    // A measurement's latest value of the day is the last the file lists (rowid keeps its order).
    const daily = measured
      ? `SELECT patient_id, date, arg_max(CAST(value AS FLOAT), rowid) AS value FROM observations
         WHERE kind = ${quote(k.observation)} GROUP BY ALL`
      : `SELECT DISTINCT patient_id, date FROM (${rows})`;
    records.push(`${r} AS (SELECT r.*, m.me AS ref FROM (SELECT *,
        lead(date) OVER (PARTITION BY patient_id ORDER BY date) AS next FROM (${daily})) r
      JOIN months m ON m.me >= r.date AND m.me < coalesce(r.next, ${never}))`);
    joins.push(`LEFT JOIN ${r} ON ${r}.patient_id = s.patient_id AND ${r}.ref = s.ref`);
    met.push(`${r}.date > s.ref - ${k.within_days}`);
    if (k.latest_at_most !== undefined) met.push(`${r}.value <= ${k.latest_at_most}`);
    if (k.latest_at_least !== undefined) met.push(`${r}.value >= ${k.latest_at_least}`);
  });
  return {
    ctes: [...ctes, ...records],
    sql: cells(ind.id, `
      SELECT s.practice, s.ms, count(*) AS denominator,
             count(*) FILTER (WHERE ${met.join(' AND ')}) AS numerator
      FROM ${cohort} s ${joins.join('\n      ')}
      GROUP BY ALL`, `m.me - ${lookBack} + 1 >= span.data_start`),
  };
}

// Events of the numerator over registered person-years, with the count expected at the ICO's
// rates by five-year band (to 90 and over) and sex over the period (indirect standardisation).
function personTimeSql(ind, n) {
  const [ageMin, ageMax] = ages(ind.denominator.person_time);
  const events = `e${n}`, years = `y${n}`, rates = `s${n}`;
  return {
    ctes: [
      `${events} AS (SELECT a.practice, ${monthOf('a.date')} AS ms, p.sex,
         least(${ageOn('p.birth_date', 'a.date')} // 5, 18) AS band
       FROM events a JOIN practices ON member = a.practice
       JOIN patients p ON p.patient_id = a.patient_id, bounds
       WHERE ${eventFilter('a', ind.numerator.events)}
         AND a.date BETWEEN first_day AND last_day
         AND ${ageOn('p.birth_date', 'a.date')} BETWEEN ${ageMin} AND ${ageMax})`,
      `${years} AS (SELECT practice, ms, least(age // 5, 18) AS band, sex, sum(days) / 365.25 AS years
       FROM person_days WHERE age BETWEEN ${ageMin} AND ${Math.min(ageMax, 100)} GROUP BY ALL)`,
      `${rates} AS (SELECT band, sex, coalesce(o.observed / y.years, 0) AS rate FROM
         (SELECT band, sex, sum(years) AS years FROM ${years}, period
          WHERE ms BETWEEN period.start AND period.stop GROUP BY ALL) y
         LEFT JOIN (SELECT band, sex, count(*) AS observed FROM ${events}, period
          WHERE ms BETWEEN period.start AND period.stop GROUP BY ALL) o USING (band, sex))`,
    ],
    sql: cells(ind.id, `
      SELECT y.practice, y.ms, sum(y.years) AS denominator,
             sum(y.years * coalesce(s.rate, 0)) AS expected, any_value(c.numerator) AS numerator
      FROM ${years} y LEFT JOIN ${rates} s USING (band, sex)
      LEFT JOIN (SELECT practice, ms, count(*) AS numerator FROM ${events} GROUP BY ALL) c
        USING (practice, ms)
      GROUP BY ALL`, 'true', true),
  };
}

// A ratio of two kinds of event, counted in the month they fall in.
function ratioSql(ind) {
  return {
    ctes: [],
    sql: cells(ind.id, `
      SELECT a.practice, ${monthOf('a.date')} AS ms,
             count(*) FILTER (WHERE ${eventFilter('a', ind.numerator.events)}) AS numerator,
             count(*) FILTER (WHERE ${eventFilter('a', ind.denominator.events)}) AS denominator
      FROM events a JOIN practices ON member = a.practice, bounds
      WHERE a.date BETWEEN first_day AND last_day GROUP BY ALL`),
  };
}

// Admissions by month of discharge, with the practice of the day of admission; the numerator
// those followed by a matching event from the day of discharge to `within_days` after it that
// came after the admission: a later day than its start, or (a same-day discharge) a later
// event_id. Months whose discharges cannot be followed that long are left out.
function followedSql(ind) {
  const d = ind.denominator.events, f = ind.numerator.followed_by;
  const alive = d.discharged_alive ? 'AND (dd.date IS NULL OR dd.date > x.discharge)' : '';
  return {
    ctes: [],
    sql: cells(ind.id, `
      SELECT x.practice, ${monthOf('x.discharge')} AS ms, count(*) AS denominator,
             count(*) FILTER (WHERE x.followed) AS numerator
      FROM (SELECT a.patient_id, a.practice, a.date + coalesce(a.length_of_stay, 0) AS discharge,
                   EXISTS (SELECT 1 FROM activity f
                     WHERE f.patient_id = a.patient_id AND (f.date > a.date OR f.event_id > a.event_id)
                       AND ${eventFilter('f', f)}
                       AND f.date BETWEEN a.date + coalesce(a.length_of_stay, 0)
                                      AND a.date + coalesce(a.length_of_stay, 0) + ${f.within_days})
                     AS followed
            FROM events a JOIN practices ON member = a.practice
            WHERE ${eventFilter('a', d)}) x
      LEFT JOIN deaths dd ON dd.patient_id = x.patient_id, bounds
      WHERE x.discharge BETWEEN first_day AND last_day ${alive}
      GROUP BY ALL`, `m.me + ${f.within_days} <= span.data_end`),
  };
}

// Deaths by month of death, with the practice of the day.
function deathsSql(ind) {
  const place = ind.numerator.place;
  const met = place === 'preferred' ? 'd.place = d.preferred_place' : `d.place IN (${list(place)})`;
  const recorded = ind.denominator.deaths.preferred_place_recorded
    ? 'AND d.preferred_place IS NOT NULL' : '';
  return {
    ctes: [],
    sql: cells(ind.id, `
      SELECT r.practice_id AS practice, ${monthOf('d.date')} AS ms, count(*) AS denominator,
             count(*) FILTER (WHERE ${met}) AS numerator
      FROM deaths d JOIN registrations r ON r.patient_id = d.patient_id
       AND d.date >= r.start_date AND (r.end_date IS NULL OR d.date <= r.end_date)
      JOIN practices ON member = r.practice_id, bounds
      WHERE d.date BETWEEN first_day AND last_day ${recorded}
      GROUP BY ALL`),
  };
}

const parts = indicators.map((ind, n) => {
  const kind = Object.keys(ind.denominator)[0];
  if (kind === 'patients') return patientsSql(ind, n);
  if (kind === 'person_time') return personTimeSql(ind, n);
  if (kind === 'deaths') return deathsSql(ind);
  return ind.numerator.followed_by ? followedSql(ind) : ratioSql(ind);
});
// `events` is each event with the practice of the day: the table made at load (like for like
// with Continuum's columns), or attributed from the base tables within the query.
const sql = (events) => `WITH events AS ${events}, ${[common, ...parts.flatMap((p) => p.ctes)].join(',\n')}
${parts.map((p) => p.sql).join('\nUNION ALL\n')}`;

const run = await timed(db, sql('(SELECT * FROM attributed)'));
const fromBase = await timed(db, sql(`MATERIALIZED (${attributedEvents})`));
const fixed = (x) => Number(x).toFixed(9);
const csv = (result) => result.getRowObjects().map((r) => {
  const rate = r.expected !== null;
  return [r.indicator, r.practice, r.ym, r.numerator,
    rate ? fixed(r.denominator) : Number(r.denominator).toFixed(0),
    rate ? fixed(r.expected) : ''].join(',');
}).sort().join('\n') + '\n';
writeFileSync(outCsv, csv(run.result));
console.log(JSON.stringify({ load_ms: loadMs, attribute_ms: attributeMs, attributed_ms: run.ms,
                             from_base_ms: fromBase.ms }));
