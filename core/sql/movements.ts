/**
 * Subscription movements in SQL, as core/history/movements.ts computes them (its header states the model): an
 * account's amount on day D is the sum of its rows with Start ≤ D < End; each period compares its first day with
 * the next period's (the last with as-of); New when the account was above 0 at no earlier period start since the
 * beginning of history, Reactivation when it was. Rows are kept as core/history/read.ts keeps them.
 *
 * A row is active on the start of period j exactly when s_idx ≤ j < e_idx, where s_idx is the first period
 * starting on or after its Start Date (likewise e_idx for End): so only period indices are compared, never dates,
 * and no dialect's date arithmetic is needed. The last closing day (as-of, or the next period's start) is a literal.
 */
import { OPEN_END } from "../history/read";
import { periodIndex, periodStart, type PeriodKind } from "../history/movements";
import { asDate, asDouble, dateLiteral, keyOf, lines, num, present, standing, textOf, withQuery } from "./expr";
import type { Dialect } from "./dialect";
import type { TableSource } from "./mapping";

export interface MovementParams {
  readonly kind: PeriodKind;
  readonly asOf: number;
  /** The window's first and last periods as days inside them; null: from the history's start / to as-of's period. */
  readonly from: number | null;
  readonly to: number | null;
}

/** The period index holding a date column, and whether the date is a period's first day. */
function periodOf(d: Dialect, kind: PeriodKind, x: string): { index: string; isFirstDay: string } {
  const y = d.datePart("YEAR", x);
  const m = d.datePart("MONTH", x);
  const day1 = `${d.datePart("DAY", x)} = 1`;
  if (kind === "month") return { index: `(${y} * 12 + ${m} - 1)`, isFirstDay: day1 };
  if (kind === "quarter") return { index: `(${y} * 4 + ${d.idiv(`${m} - 1`, "3")})`, isFirstDay: `${day1} AND ${m} IN (1, 4, 7, 10)` };
  return { index: y, isFirstDay: `${day1} AND ${m} = 1` };
}

/** The first day of period `j` (an integer column). */
function startOf(d: Dialect, kind: PeriodKind, index: string): string {
  const j = /^[\w.]+$/.test(index) ? index : `(${index})`;
  if (kind === "year") return d.makeDate(j, "1", "1");
  const per = kind === "month" ? 12 : 4;
  const y = d.idiv(j, String(per));
  const within = `${j} - ${per} * ${y}`;
  return d.makeDate(y, kind === "month" ? `${within} + 1` : `(${within}) * 3 + 1`, "1");
}

/** The subscription rows as read (every one with an account, a product, an amount and a Start Date), with their standing. */
function historyRows(d: Dialect, src: TableSource): string {
  const c = src.col;
  const key = c["Account ID"] ?? c.Account!;
  const name = c["Account ID"] !== undefined && c.Account !== undefined ? `COALESCE(NULLIF(${textOf(d, c.Account)}, ''), ${textOf(d, key)})` : textOf(d, key);
  const amount = c.MRR ?? c.ARR!;
  const start = asDate(c["Start Date"]!);
  const end = c["End Date"] ? asDate(c["End Date"]) : "CAST(NULL AS DATE)";
  const st = c.Status ? standing(d, c.Status) : "'none'";
  return lines(
    `SELECT ${keyOf(d, key)} AS account_key, ${name} AS account_name, ${keyOf(d, c.Product!)} AS product_key, ${textOf(d, c.Product!)} AS product_name,`,
    `  ${asDouble(d, amount)} AS amount, ${start} AS start_date, ${end} AS end_date, ${st} AS standing, ${src.order ?? "0"} AS row_order`,
    `FROM ${src.from}`,
    `WHERE ${present(d, key)} AND ${present(d, c.Product!)} AND ${amount} IS NOT NULL AND ${start} IS NOT NULL`,
  );
}

/** The rows core/history/read.ts keeps: paid (not trial or pending), placeable in time, ending on or after they start. */
const KEPT = "standing NOT IN ('trial', 'pending') AND NOT (standing = 'ended' AND end_date IS NULL) AND (end_date IS NULL OR end_date >= start_date) AND amount >= 0";

/**
 * The history read as the snapshot method's table, as the Retention tab does without one: each account × product's
 * amount on `startDay` and on `endDay` (× `factor`: 12 turns MRR into ARR), where either is above 0.
 */
export function historySnapshotSource(d: Dialect, src: TableSource, startDay: number, endDay: number, factor: number): TableSource {
  const on = (day: number): string => `start_date <= ${dateLiteral(day)} AND (end_date IS NULL OR ${dateLiteral(day)} < end_date)`;
  const times = factor === 1 ? "" : ` * ${factor}`;
  const from = lines(
    "(SELECT * FROM (",
    `  SELECT MIN(account_name) AS account, MIN(product_name) AS product, MIN(row_order) AS row_order,`,
    `    SUM(CASE WHEN ${on(startDay)} THEN amount${times} ELSE 0 END) AS start_arr,`,
    `    SUM(CASE WHEN ${on(endDay)} THEN amount${times} ELSE 0 END) AS end_arr`,
    `  FROM (${historyRows(d, src)}) r`,
    `  WHERE ${KEPT}`,
    "  GROUP BY account_key, product_key",
    ") g WHERE start_arr > 0 OR end_arr > 0) snapshot",
  );
  return { from, col: { Account: "account", Product: "product", "Start ARR": "start_arr", "End ARR": "end_arr" }, order: "row_order" };
}

/** The common table expressions ending in `bridge`: one row per period of the window. */
export function movementCtes(d: Dialect, src: TableSource, p: MovementParams): [string, string][] {
  const last = p.to !== null ? periodIndex(p.kind, p.to) : periodIndex(p.kind, p.asOf);
  const closingDay = Math.min(periodStart(p.kind, last + 1), p.asOf);
  const s = periodOf(d, p.kind, "start_date");
  const e = periodOf(d, p.kind, "end_date");
  const firstIdx = p.from !== null ? String(periodIndex(p.kind, p.from)) : `MIN(${s.index} - CASE WHEN ${s.isFirstDay} THEN 1 ELSE 0 END)`;
  const same = `ABS(v0 - v1) <= ${num(1e-12)} * GREATEST(v0, v1)`;
  const openEnd = periodIndex(p.kind, OPEN_END) + 1;
  return [
    ["sub_rows", historyRows(d, src)],
    ["sub_kept", lines("SELECT account_key, amount, start_date, end_date FROM sub_rows", `WHERE ${KEPT}`)],
    ["sub_idx", lines(
      `SELECT account_key, amount, start_date, end_date, ${s.index} + CASE WHEN ${s.isFirstDay} THEN 0 ELSE 1 END AS s_idx,`,
      `  CASE WHEN end_date IS NULL THEN ${openEnd} ELSE ${e.index} + CASE WHEN ${e.isFirstDay} THEN 0 ELSE 1 END END AS e_idx`,
      "FROM sub_kept WHERE amount > 0",
    )],
    ["bounds", lines(
      `SELECT first_p, ${last} AS last_p, LEAST(first_p, COALESCE(hist_p, first_p)) AS hist_first`,
      `FROM (SELECT ${firstIdx} AS first_p, MIN(${s.index}) AS hist_p FROM sub_kept) b`,
      "WHERE first_p IS NOT NULL",
    )],
    ["days", d.series("hist_first", "last_p", "bounds")],
    ["val", lines(
      "SELECT r.account_key, d.i AS j, SUM(r.amount) AS v",
      "FROM sub_idx r JOIN days d ON r.s_idx <= d.i AND d.i < r.e_idx",
      "GROUP BY r.account_key, d.i",
      "UNION ALL",
      `SELECT account_key, ${last + 1} AS j, SUM(amount) AS v`,
      `FROM sub_idx WHERE start_date <= ${dateLiteral(closingDay)} AND (end_date IS NULL OR ${dateLiteral(closingDay)} < end_date)`,
      "GROUP BY account_key",
    )],
    ["firsts", "SELECT account_key, MIN(j) AS first_j FROM val GROUP BY account_key"],
    ["steps", lines(
      "SELECT c.account_key, c.p, COALESCE(v0.v, 0) AS v0, COALESCE(v1.v, 0) AS v1, f.first_j",
      "FROM (SELECT DISTINCT account_key, p FROM (SELECT account_key, j AS p FROM val UNION ALL SELECT account_key, j - 1 AS p FROM val) u) c",
      "CROSS JOIN bounds",
      "JOIN firsts f ON f.account_key = c.account_key",
      "LEFT JOIN val v0 ON v0.account_key = c.account_key AND v0.j = c.p",
      "LEFT JOIN val v1 ON v1.account_key = c.account_key AND v1.j = c.p + 1",
      "WHERE c.p >= bounds.first_p AND c.p <= bounds.last_p",
    )],
    ["flows", lines(
      "SELECT p,",
      "  SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j > p THEN v1 ELSE 0 END) AS new_amount,",
      "  SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j < p THEN v1 ELSE 0 END) AS reactivation,",
      `  SUM(CASE WHEN v0 > 0 AND v1 > v0 AND NOT (${same}) THEN v1 - v0 ELSE 0 END) AS expansion,`,
      `  SUM(CASE WHEN v0 > 0 AND v1 > 0 AND v1 < v0 AND NOT (${same}) THEN v0 - v1 ELSE 0 END) AS contraction,`,
      "  SUM(CASE WHEN v0 > 0 AND v1 = 0 THEN v0 ELSE 0 END) AS churn,",
      "  SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j > p THEN 1 ELSE 0 END) AS new_customers,",
      "  SUM(CASE WHEN v0 = 0 AND v1 > 0 AND first_j < p THEN 1 ELSE 0 END) AS reactivated_customers,",
      "  SUM(CASE WHEN v0 > 0 AND v1 = 0 THEN 1 ELSE 0 END) AS churned_customers",
      "FROM steps GROUP BY p",
    )],
    ["totals", "SELECT j, SUM(v) AS total, COUNT(*) AS customers FROM val GROUP BY j"],
    ["windows", d.series("first_p", "last_p", "bounds")],
    ["bridge", lines(
      `SELECT w.i AS period, ${startOf(d, p.kind, "w.i")} AS period_start,`,
      `  CASE WHEN w.i = ${last} THEN ${dateLiteral(closingDay)} ELSE ${startOf(d, p.kind, "w.i + 1")} END AS closing_day,`,
      "  COALESCE(t0.total, 0) AS opening, COALESCE(f.new_amount, 0) AS new_amount, COALESCE(f.reactivation, 0) AS reactivation,",
      "  COALESCE(f.expansion, 0) AS expansion, COALESCE(f.contraction, 0) AS contraction, COALESCE(f.churn, 0) AS churn,",
      "  COALESCE(t1.total, 0) AS closing, COALESCE(t0.customers, 0) AS opening_customers, COALESCE(f.new_customers, 0) AS new_customers,",
      "  COALESCE(f.reactivated_customers, 0) AS reactivated_customers, COALESCE(f.churned_customers, 0) AS churned_customers,",
      "  COALESCE(t1.customers, 0) AS closing_customers",
      "FROM windows w",
      "LEFT JOIN flows f ON f.p = w.i",
      "LEFT JOIN totals t0 ON t0.j = w.i",
      "LEFT JOIN totals t1 ON t1.j = w.i + 1",
    )],
  ];
}

const BRIDGE_COLUMNS = "period_start, closing_day, opening, new_amount, reactivation, expansion, contraction, churn, closing, opening_customers, new_customers, reactivated_customers, churned_customers, closing_customers";

/** XSELL_MOVEMENTS: one row per period, every row bridging. */
export function movementsQuery(d: Dialect, src: TableSource, p: MovementParams): string {
  return withQuery(movementCtes(d, src, p), lines(`SELECT ${BRIDGE_COLUMNS}`, "FROM bridge", "ORDER BY period"));
}

/** XSELL_FLOWS: NRR and GRR by flows over the window (ChartMogul's), from the bridge; NULL when nothing opened it. */
export function flowsQuery(d: Dialect, src: TableSource, p: MovementParams): string {
  return withQuery(
    [
      ...movementCtes(d, src, p),
      ["window_flows", lines(
        "SELECT MIN(period) AS first_period, MAX(period) AS last_period, COUNT(*) AS periods, SUM(expansion) AS expansion, SUM(contraction) AS contraction,",
        "  SUM(churn) AS churn, SUM(new_amount) AS new_amount, SUM(reactivation) AS reactivation, SUM(churned_customers) AS churned_customers",
        "FROM bridge",
      )],
    ],
    lines(
      "SELECT o.opening AS opening, w.expansion, w.contraction, w.churn, w.new_amount, w.reactivation, c.closing AS closing,",
      "  CASE WHEN o.opening > 0 THEN (o.opening + w.expansion - w.contraction - w.churn) / o.opening END AS nrr,",
      "  CASE WHEN o.opening > 0 THEN (o.opening - w.contraction - w.churn) / o.opening END AS grr,",
      "  w.periods, o.period_start AS opening_day, c.closing_day, o.opening_customers, w.churned_customers",
      "FROM window_flows w",
      "JOIN bridge o ON o.period = w.first_period",
      "JOIN bridge c ON c.period = w.last_period",
    ),
  );
}
