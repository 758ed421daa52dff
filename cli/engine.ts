/**
 * `xsell report --engine duckdb`: the ownership, retention and subscription tables are read by DuckDB where they
 * lie, CSV or Parquet of any size, and the warehouse SQL (core/sql) computes what the Adjacency and Retention tabs
 * need; only the aggregates come into memory, and the tab builders take them (TabInputs.precomputed) as they would
 * their own.
 */
import { divError } from "../core/errors";
import { flowsWindow, periodStart, type Flows, type MovementRow } from "../core/history/movements";
import type { Movement, RetentionSummary } from "../core/retention";
import { DUCKDB } from "../core/sql/dialect";
import { missingFields, type TableSource, type WarehouseTable } from "../core/sql/mapping";
import { flowsQuery, historySnapshotSource, movementsQuery } from "../core/sql/movements";
import { retentionAccountsQuery, retentionSummaryQuery } from "../core/sql/retention";
import { flowsWindowDays } from "../core/sql";
import type { Precomputed } from "../core/tabs/inputs";
import { isoFromDay, type CellValue } from "../core/values";
import { DuckDb, fileRelation, fileSource, type SqlRow } from "./duckdb";
import { adjacencyFromSql, ownershipRowsFromSql, PER_ACCOUNT_TABS } from "./engine-ownership";
import { CliError } from "./io";

export interface EngineFiles {
  readonly ownership?: string;
  readonly prices?: string;
  readonly retention?: string;
  readonly subscriptions?: string;
}

export interface EngineResult {
  readonly precomputed: Precomputed;
  /** Tabs that cannot be built from these aggregates, with the reason. */
  readonly unavailable: ReadonlyMap<string, string>;
  /** Ownership reduced to one row per account and product, for the per-account tabs (when its accounts fit a sheet). */
  readonly ownershipRows?: CellValue[][];
  /** A Parquet price list as a table (header row first): the per-account tabs read prices in memory. */
  readonly pricesRows?: CellValue[][];
}

/** A small Parquet table's rows as a table, header row first. */
async function parquetTable(db: DuckDb, path: string): Promise<CellValue[][]> {
  const relation = fileRelation(path);
  const header = (await db.all(`DESCRIBE SELECT * FROM ${relation}`)).map((c) => String(c.column_name));
  const rows = await db.rows(`SELECT * FROM ${relation}`, header.length);
  return [header, ...rows];
}

const num = (v: unknown): number => (typeof v === "number" ? v : NaN);

async function source(db: DuckDb, table: WarehouseTable, path: string, log?: (text: string) => void): Promise<TableSource> {
  const src = await fileSource(db, table, path);
  const missing = missingFields(table, src.col);
  if (missing.length > 0) {
    const found = (await db.all(`DESCRIBE ${DUCKDB.ident(table)}`)).map((c) => `"${String(c.column_name)}"`).filter((c) => c !== '"xsell_row"').slice(0, 10).join(", ");
    throw new CliError(`${path}: no column read as ${missing.join(", ")} (found ${found}); rename the header to one XSELL reads`);
  }
  const fields = Object.entries(src.col).map(([field, column]) => (column === DUCKDB.ident(field) ? field : `${column} as ${field}`));
  log?.(`${path}: read by DuckDB (${fields.join(", ")})`);
  return src;
}

function retentionFrom(summary: SqlRow, accounts: SqlRow[], byProduct: boolean, what: string): RetentionSummary {
  if (!(num(summary.start_arr) > 0)) throw new CliError(divError("Retention", `no account has Start ARR above 0 in ${what}, so the cohort is empty and NRR/GRR are undefined`).message);
  const n = (k: string): number => num(summary[k]);
  return {
    byProduct,
    startArr: n("start_arr"),
    expansion: n("expansion"),
    crossSell: byProduct ? n("cross_sell") : NaN,
    upsell: byProduct ? n("upsell") : NaN,
    contraction: n("contraction"),
    churn: n("churn"),
    cohortEndArr: n("cohort_end_arr"),
    newArr: n("new_arr"),
    endArr: n("end_arr"),
    nrr: n("nrr"),
    grr: n("grr"),
    accountsAtStart: n("accounts_at_start"),
    accountsChurned: n("accounts_churned"),
    logoChurn: n("logo_churn"),
    grrMulti: n("grr_multi"),
    grrSingle: n("grr_single"),
    multiAccounts: n("multi_accounts"),
    singleAccounts: n("single_accounts"),
    newAccounts: n("new_accounts"),
    accounts: accounts.map((r) => ({ name: String(r.account), start: num(r.start_arr), end: num(r.end_arr), movement: String(r.movement) as Movement, productsAtStart: byProduct ? num(r.products_at_start) : 0 })),
  };
}

function movementRow(r: SqlRow): MovementRow {
  return {
    day: num(r.period_start),
    closingDay: num(r.closing_day),
    opening: num(r.opening),
    new: num(r.new_amount),
    reactivation: num(r.reactivation),
    expansion: num(r.expansion),
    contraction: num(r.contraction),
    churn: num(r.churn),
    closing: num(r.closing),
    openingCustomers: num(r.opening_customers),
    newCustomers: num(r.new_customers),
    reactivatedCustomers: num(r.reactivated_customers),
    churnedCustomers: num(r.churned_customers),
    closingCustomers: num(r.closing_customers),
  };
}

/** Flows as core/history/movements.ts flowsRetention gives them, or its sentence when there are none. */
function flowsFrom(rows: readonly MovementRow[], f: SqlRow | undefined): Flows | string {
  if (rows.length === 0 || !f) return divError("Retention", "the window has no period, so retention over it is undefined").message;
  if (!(num(f.opening) > 0)) return divError("Retention", `nothing was active on ${isoFromDay(rows[0].day)}, the window's first day, so NRR and GRR by flows are undefined (their base is the opening amount)`).message;
  return {
    nrr: num(f.nrr),
    grr: num(f.grr),
    opening: num(f.opening),
    expansion: num(f.expansion),
    contraction: num(f.contraction),
    churn: num(f.churn),
    new: num(f.new_amount),
    reactivation: num(f.reactivation),
    closing: num(f.closing),
    periods: num(f.periods),
    openingDay: num(f.opening_day),
    closingDay: num(f.closing_day),
    openingCustomers: num(f.opening_customers),
    churnedCustomers: num(f.churned_customers),
  };
}

/** Reads the files through DuckDB and computes every aggregate the tabs need from them. */
export async function duckdbAggregates(files: EngineFiles, asOf: number, log?: (text: string) => void): Promise<EngineResult> {
  const db = await DuckDb.open();
  const unavailable = new Map<string, string>();
  const pre: { -readonly [K in keyof Precomputed]: Precomputed[K] } = {};
  let ownershipRows: CellValue[][] | undefined;
  let pricesRows: CellValue[][] | undefined;
  try {
    if (files.ownership) {
      const own = await source(db, "ownership", files.ownership, log);
      const prices = files.prices ? await source(db, "prices", files.prices, log) : undefined;
      if (files.prices && /\.(parquet|pq)$/i.test(files.prices)) pricesRows = await parquetTable(db, files.prices);
      pre.adjacency = await adjacencyFromSql(db, own, asOf, files.ownership, prices);
      const owned = pre.adjacency.raw.ownerCounts.reduce((sum, n) => sum + n, 0);
      const reduced = await ownershipRowsFromSql(db, own, asOf, pre.adjacency.raw.accounts.length, owned);
      if (typeof reduced === "string") for (const t of PER_ACCOUNT_TABS) unavailable.set(t, reduced);
      else {
        ownershipRows = reduced;
        log?.(`${files.ownership}: ${pre.adjacency.raw.accounts.length.toLocaleString("en-US")} accounts × ${pre.adjacency.raw.products.length.toLocaleString("en-US")} products; the Adjacency tab from DuckDB's counts, the per-account tabs from its ${(reduced.length - 1).toLocaleString("en-US")} account-product rows`);
      }
    }
    if (files.retention) {
      const ret = await source(db, "retention", files.retention, log);
      const [summary] = await db.all(retentionSummaryQuery(DUCKDB, ret));
      pre.retention = retentionFrom(summary, await db.all(retentionAccountsQuery(DUCKDB, ret)), ret.col.Product !== undefined, files.retention);
    }
    if (files.subscriptions) {
      const sub = await source(db, "subscriptions", files.subscriptions, log);
      const unit = sub.col.MRR !== undefined ? "MRR" : "ARR";
      const window = { kind: "month" as const, asOf, ...flowsWindowDays("month", asOf) };
      const movements = (await db.all(movementsQuery(DUCKDB, sub, window))).map(movementRow);
      const [f] = await db.all(flowsQuery(DUCKDB, sub, window));
      pre.history = { unit, flows: flowsFrom(movements, f), movements, snapshotFromIt: !files.retention };
      if (!files.retention) {
        // the snapshot side read from the history on the flows window's first and last day, as the tab does
        const w = flowsWindow("Retention", "month", null, null, asOf);
        const snap = historySnapshotSource(DUCKDB, sub, periodStart("month", w.first), Math.min(periodStart("month", w.last + 1), asOf), unit === "MRR" ? 12 : 1);
        const [summary] = await db.all(retentionSummaryQuery(DUCKDB, snap));
        pre.retention = retentionFrom(summary, await db.all(retentionAccountsQuery(DUCKDB, snap)), true, files.subscriptions);
      }
      unavailable.set("timing", "the Timing tab reads the subscription history in memory; run it without --engine");
    }
  } finally {
    db.dispose();
  }
  return { precomputed: pre, unavailable, ownershipRows, pricesRows };
}
