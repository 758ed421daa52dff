/**
 * The warehouse SQL run on DuckDB, compared with the core on the same data: counts exactly, rates and intervals
 * to 1e-12. Each comparison reads the core's own functions (not a copy of their arithmetic) as the reference.
 */
import { expect } from "vitest";
import { adjacencyValue, coOwnership, MEASURES, type Measure } from "../../core/adjacency";
import { movements, resolveWindow, flowsRetention, flowsWindow, type PeriodKind } from "../../core/history/movements";
import type { History } from "../../core/history/read";
import type { Ownership } from "../../core/ownership";
import { retentionSummary, type RetentionSummary } from "../../core/retention";
import { DUCKDB } from "../../core/sql/dialect";
import type { TableSource } from "../../core/sql/mapping";
import { flowsQuery, movementsQuery } from "../../core/sql/movements";
import { nextProductQuery, pairsQuery, whitespaceQuery } from "../../core/sql/ownership";
import { retentionAccountsQuery, retentionSummaryQuery } from "../../core/sql/retention";
import { flowsWindowDays } from "../../core/sql";
import { accountPropensities, gapScratch, nthGap, propensities } from "../../core/whitespace";
import type { DuckDb, SqlRow, SqlValue } from "../../cli/duckdb";
import type { AdjacencyFacts } from "../../core/tabs/adjacency-facts";

/** Equal to 1e-12, relative to the larger magnitude (absolute below 1); null for the core's blank. */
export function near(actual: SqlValue, expected: number | null, what: string): void {
  if (expected === null || Number.isNaN(expected)) {
    if (actual !== null) expect(actual, what).toBeNull();
    return;
  }
  // expect() only on a mismatch: a million cells compare in milliseconds
  if (typeof actual === "number" && Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected))) return;
  expect(actual, what).toBe(expected);
}

/** Strict equality, expect() only on a mismatch. */
export function same(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) expect(actual, what).toBe(expected);
}

const SQL_MEASURE: Record<Measure, string> = { attach: "attach", lift: "lift", count: "pair_count", support: "support", ci_low: "ci_low", ci_high: "ci_high", accounts: "product_accounts" };

/** Every ordered pair's seven measures; returns how many values were compared. */
export async function comparePairs(db: DuckDb, src: TableSource, own: Ownership, minAccounts: number): Promise<number> {
  const rows = await db.all(pairsQuery(DUCKDB, src, { asOf: own.asOf, minAccounts }));
  const P = own.products.length;
  expect(rows.length).toBe(P * (P - 1));
  const counts = coOwnership(own);
  const index = new Map(own.products.map((p, i) => [p, i]));
  let n = 0;
  for (const r of rows) {
    const a = index.get(String(r.product))!;
    const b = index.get(String(r.next_product))!;
    expect(a, `product ${r.product}`).toBeDefined();
    expect(b, `product ${r.next_product}`).toBeDefined();
    expect(r.both_accounts).toBe(counts[a * P + b]);
    expect(r.next_product_accounts).toBe(own.ownerCounts[b]);
    for (const m of MEASURES) {
      const v = adjacencyValue(own, counts, m, a, b, minAccounts);
      const what = `${m} ${own.products[a]} → ${own.products[b]}`;
      if (m === "count" || m === "accounts") expect(r[SQL_MEASURE[m]], what).toBe(m === "accounts" ? own.ownerCounts[a] : v);
      else near(r[SQL_MEASURE[m]], v, what);
      n++;
    }
  }
  // the same order: products as first seen in the table
  expect(rows.filter((_, i) => i % (P - 1) === 0).map((r) => r.product)).toEqual(own.products);
  return n;
}

/**
 * Whitespace propensities and sources for every account and product (or every `every`-th account, to keep the rows
 * fetched from DuckDB few), and the next product of every account (with prices, by expected ARR).
 */
export async function compareWhitespace(db: DuckDb, src: TableSource, own: Ownership, prices?: { source: TableSource; values: Float64Array }, every = 1): Promise<number> {
  const params = { asOf: own.asOf, minAccounts: 1 };
  const pr = propensities(own, 1);
  const P = own.products.length;
  const byAccount = new Map<string, SqlRow[]>();
  const picked = own.accounts.filter((_, a) => a % every === 0);
  const query = whitespaceQuery(DUCKDB, src, params, prices?.source).replace(/;\s*$/, "");
  const sql = every === 1 ? query : `SELECT * FROM (${query}) w WHERE account IN (${picked.map((n) => `'${n.replace(/'/g, "''")}'`).join(", ")})`;
  for (const r of await db.all(sql)) {
    const list = byAccount.get(String(r.account)) ?? [];
    list.push(r);
    byAccount.set(String(r.account), list);
  }
  expect(byAccount.size).toBeLessThanOrEqual(picked.length);
  const owned = new Int32Array(P);
  const prop = new Float64Array(P);
  const source = new Int32Array(P);
  let n = 0;
  for (let a = 0; a < own.accounts.length; a += every) {
    accountPropensities(pr, a, owned, prop, source);
    const rows = byAccount.get(own.accounts[a]) ?? [];
    const gaps = [...Array(P).keys()].filter((p) => source[p] !== -2);
    same(rows.length, gaps.length, `gaps of ${own.accounts[a]}`);
    rows.forEach((r, k) => {
      const p = gaps[k];
      same(r.product, own.products[p], `gap ${k} of ${own.accounts[a]}`);
      near(r.propensity, prop[p], `propensity ${own.accounts[a]} ${own.products[p]}`);
      same(r.source_product, source[p] < 0 ? null : own.products[source[p]], `source ${own.accounts[a]} ${own.products[p]}`);
      if (prices) near(r.expected_arr, Number.isNaN(prices.values[p]) ? null : prop[p] * prices.values[p], `expected ARR ${own.accounts[a]} ${own.products[p]}`);
      n++;
    });
  }
  const next = new Map((await db.all(nextProductQuery(DUCKDB, src, params, prices?.source))).map((r) => [String(r.account), r]));
  const scratch = gapScratch(P);
  for (let a = 0; a < own.accounts.length; a++) {
    const gap = nthGap(pr, prices?.values ?? null, a, 1, scratch);
    const r = next.get(own.accounts[a]);
    if (!gap) {
      expect(r).toBeUndefined();
      continue;
    }
    same(r?.next_product, own.products[gap.product], `next product of ${own.accounts[a]}`);
    near(r!.propensity, gap.propensity, `next propensity ${own.accounts[a]}`);
    n++;
  }
  return n;
}

const SUMMARY_FIELDS: [keyof RetentionSummary, string][] = [
  ["startArr", "start_arr"], ["expansion", "expansion"], ["crossSell", "cross_sell"], ["upsell", "upsell"], ["contraction", "contraction"], ["churn", "churn"],
  ["cohortEndArr", "cohort_end_arr"], ["newArr", "new_arr"], ["endArr", "end_arr"], ["nrr", "nrr"], ["grr", "grr"], ["logoChurn", "logo_churn"],
  ["grrMulti", "grr_multi"], ["grrSingle", "grr_single"],
];
const SUMMARY_COUNTS: [keyof RetentionSummary, string][] = [["accountsAtStart", "accounts_at_start"], ["accountsChurned", "accounts_churned"], ["multiAccounts", "multi_accounts"], ["singleAccounts", "single_accounts"], ["newAccounts", "new_accounts"]];

export async function compareRetention(db: DuckDb, src: TableSource, grid: unknown): Promise<number> {
  const core = retentionSummary("t", grid);
  const [row] = await db.all(retentionSummaryQuery(DUCKDB, src));
  for (const [k, c] of SUMMARY_FIELDS) near(row[c], core[k] as number, k);
  for (const [k, c] of SUMMARY_COUNTS) expect(row[c], k).toBe(core[k]);
  const accounts = new Map((await db.all(retentionAccountsQuery(DUCKDB, src))).map((r) => [String(r.account), r]));
  expect(accounts.size).toBe(core.accounts.length);
  for (const a of core.accounts) {
    const r = accounts.get(a.name)!;
    near(r.start_arr, a.start, `${a.name} start`);
    near(r.end_arr, a.end, `${a.name} end`);
    expect(r.movement, a.name).toBe(a.movement);
    if (core.byProduct) expect(r.products_at_start, a.name).toBe(a.productsAtStart);
  }
  return SUMMARY_FIELDS.length + SUMMARY_COUNTS.length + core.accounts.length * 4;
}

const BRIDGE: [string, string][] = [["opening", "opening"], ["new", "new_amount"], ["reactivation", "reactivation"], ["expansion", "expansion"], ["contraction", "contraction"], ["churn", "churn"], ["closing", "closing"]];
const BRIDGE_COUNTS: [string, string][] = [["openingCustomers", "opening_customers"], ["newCustomers", "new_customers"], ["reactivatedCustomers", "reactivated_customers"], ["churnedCustomers", "churned_customers"], ["closingCustomers", "closing_customers"]];

/** The movements bridge over the history's whole window and the flows over the trailing year. */
export async function compareMovements(db: DuckDb, src: TableSource, h: History, kind: PeriodKind, asOf: number): Promise<number> {
  const core = movements(h, resolveWindow("t", h, kind, null, null, asOf));
  const rows = await db.all(movementsQuery(DUCKDB, src, { kind, asOf, from: null, to: null }));
  expect(rows.length).toBe(core.length);
  let n = 0;
  core.forEach((c, i) => {
    const r = rows[i];
    expect(r.period_start, `period ${i}`).toBe(c.day);
    expect(r.closing_day, `period ${i}`).toBe(c.closingDay);
    for (const [k, col] of BRIDGE) near(r[col], (c as unknown as Record<string, number>)[k], `${k} in period ${i}`);
    for (const [k, col] of BRIDGE_COUNTS) expect(r[col], `${k} in period ${i}`).toBe((c as unknown as Record<string, number>)[k]);
    n += BRIDGE.length + BRIDGE_COUNTS.length;
  });
  const flows = flowsRetention("t", h, flowsWindow("t", kind, null, null, asOf));
  const [f] = await db.all(flowsQuery(DUCKDB, src, { kind, asOf, ...flowsWindowDays(kind, asOf) }));
  for (const k of ["nrr", "grr", "opening", "expansion", "contraction", "churn", "closing"] as const) near(f[k], flows[k], `flows ${k}`);
  near(f.new_amount, flows.new, "flows new");
  near(f.reactivation, flows.reactivation, "flows reactivation");
  expect(f.periods).toBe(flows.periods);
  expect(f.opening_day).toBe(flows.openingDay);
  expect(f.closing_day).toBe(flows.closingDay);
  expect(f.opening_customers).toBe(flows.openingCustomers);
  expect(f.churned_customers).toBe(flows.churnedCustomers);
  return n + 14;
}

/**
 * The Adjacency tab's facts from the warehouse SQL against those counted in memory: products and owners, raw and
 * honest pair counts exactly, the same flags (kind, pair, evidence sentence), the same pass-through count, and
 * every pair's attach rate, lift and Wilson interval from them to 1e-12 (raw and honest). Returns the pairs compared.
 */
export function compareAdjacencyFacts(sql: AdjacencyFacts, memory: AdjacencyFacts, minAccounts = 5): number {
  expect(sql.raw.products).toEqual(memory.raw.products);
  expect(sql.raw.accounts.length).toBe(memory.raw.accounts.length);
  expect([...sql.raw.ownerCounts]).toEqual([...memory.raw.ownerCounts]);
  expect([...sql.honest.ownerCounts]).toEqual([...memory.honest.ownerCounts]);
  expect(sql.passThrough).toBe(memory.passThrough);
  expect(sql.flags).toEqual(memory.flags);
  const P = memory.raw.products.length;
  let pairs = 0;
  for (let a = 0; a < P; a++) {
    for (let b = 0; b < P; b++) {
      if (a === b) continue;
      const k = a * P + b;
      same(sql.rawCounts[k], memory.rawCounts[k], `both ${a} → ${b}`);
      same(sql.honestCounts[k], memory.honestCounts[k], `honest both ${a} → ${b}`);
      for (const m of MEASURES) {
        near(adjacencyValue(sql.raw, sql.rawCounts, m, a, b, minAccounts), adjacencyValue(memory.raw, memory.rawCounts, m, a, b, minAccounts), `raw ${m} ${a} → ${b}`);
        near(adjacencyValue(sql.honest, sql.honestCounts, m, a, b, minAccounts), adjacencyValue(memory.honest, memory.honestCounts, m, a, b, minAccounts), `honest ${m} ${a} → ${b}`);
      }
      pairs++;
    }
  }
  return pairs;
}
