/**
 * Ten million ownership rows, generated inside DuckDB by a deterministic expression and written to Parquet, read
 * back through the warehouse SQL; Node generates the same rows from the same expression and counts them in one
 * streaming pass, and the core's own functions (adjacencyValue, pairFlagsOf) turn those counts into the
 * reference. Counts equal exactly, rates and intervals to 1e-12, for all 380 ordered pairs; the pair flags (a
 * forced bundle, a prerequisite and a subset planted among the rows) and the honest counts (pass-through owners
 * at or below 20% of a price list left out) equal too.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adjacencyValue, MEASURES, type OwnerCounts } from "../../core/adjacency";
import { pairFlagsOf } from "../../core/integrity/flags";
import { DEFAULT_PAIR_RULES } from "../../core/integrity/rules";
import { DUCKDB } from "../../core/sql/dialect";
import { pairsQuery } from "../../core/sql/ownership";
import type { TableSource } from "../../core/sql/mapping";
import type { AdjacencyFacts } from "../../core/tabs/adjacency-facts";
import { dayFromYmd } from "../../core/values";
import { DuckDb, fileSource } from "../../cli/duckdb";
import { adjacencyFromSql } from "../../cli/engine-ownership";
import { compareAdjacencyFacts, near, same } from "./compare";

const ROWS = 10_000_000;
const ROWS_PER_ACCOUNT = 5;
const PRODUCTS = 20;
const AS_OF = dayFromYmd(2026, 11, 1);
const DAY0 = dayFromYmd(2020, 1, 1);
const name = (p: number): string => `P${String(p).padStart(2, "0")}`;
const price = (p: number): number => 2000 + 150 * p;

/**
 * Row i: account a = i div 5, k = i mod 5. Rows k < 4: product (7a + 3k² + a div 3 + a div 1000) mod 15. Row 4 is
 * the first row's companion: P15 + p₀ when p₀ < 5, started the same day (p₀ 0, 1: forced bundles), 30 days later
 * (2, 3: prerequisites) or 10 days either side (4: a subset); else an ordinary product. Start: day a mod 500 from
 * 2020-01-01, plus 7k for k 1–3 (none when a mod 13 = 0; after the as-of date when k = 3 and a mod 17 = 0).
 * Cancelled when k > 0 and (a + k) mod 7 = 0; ended 2020-01-01 when (a·k) mod 11 = 5. ARR ((31a + 17k) mod 50) × 100.
 */
const GENERATOR = `
  SELECT 'A' || CAST(a AS VARCHAR) AS account, 'P' || lpad(CAST(p AS VARCHAR), 2, '0') AS product,
    CASE WHEN k > 0 AND (a + k) % 7 = 0 THEN 'cancelled' ELSE 'active' END AS status,
    CASE WHEN (a * k) % 11 = 5 THEN DATE '2020-01-01' END AS end_date,
    DATE '2020-01-01' + CAST(s AS INTEGER) AS start_date,
    CAST(((31 * a + 17 * k) % 50) * 100 AS DOUBLE) AS arr
  FROM (
    SELECT a, k,
      CASE WHEN k < 4 THEN b WHEN p0 < 5 THEN 15 + p0 ELSE (p0 + 3) % 15 END AS p,
      CASE WHEN k = 0 THEN s0
           WHEN k = 4 THEN CASE WHEN p0 < 2 THEN s0 WHEN p0 < 4 THEN s0 + 30 WHEN p0 = 4 THEN s0 + (a % 3 - 1) * 10 ELSE s0 + 40 END
           WHEN a % 13 = 0 THEN NULL WHEN k = 3 AND a % 17 = 0 THEN 2600 ELSE s0 + 7 * k END AS s
    FROM (SELECT a, k, (7 * a + 3 * k * k + a // 3 + a // 1000) % 15 AS b, (7 * a + a // 3 + a // 1000) % 15 AS p0, a % 500 AS s0
          FROM (SELECT i // ${ROWS_PER_ACCOUNT} AS a, i % ${ROWS_PER_ACCOUNT} AS k FROM range(${ROWS}) t(i))))`;

/** The same rows in Node, counted as core/ownership.ts reads them, in one pass: the Adjacency tab's facts. */
function reference(): AdjacencyFacts {
  const P = PRODUCTS;
  const accounts = ROWS / ROWS_PER_ACCOUNT;
  const asOf = AS_OF - DAY0;
  const rawCounts = new Int32Array(P * P);
  const honestCounts = new Int32Array(P * P);
  const order = { dated: new Int32Array(P * P), sameDay: new Int32Array(P * P), bLater: new Int32Array(P * P) };
  const owners = new Int32Array(P);
  const honestOwners = new Int32Array(P);
  const counted = new Uint8Array(P);
  const arr = new Float64Array(P);
  const start = new Float64Array(P);
  const held: number[] = [];
  const pass: boolean[] = [];
  for (let a = 0; a < accounts; a++) {
    counted.fill(0);
    arr.fill(0);
    start.fill(NaN);
    const p0 = (7 * a + Math.floor(a / 3) + Math.floor(a / 1000)) % 15;
    const s0 = a % 500;
    for (let k = 0; k < ROWS_PER_ACCOUNT; k++) {
      const p = k < 4 ? (7 * a + 3 * k * k + Math.floor(a / 3) + Math.floor(a / 1000)) % 15 : p0 < 5 ? 15 + p0 : (p0 + 3) % 15;
      const s = k === 0 ? s0 : k === 4 ? (p0 < 2 ? s0 : p0 < 4 ? s0 + 30 : p0 === 4 ? s0 + ((a % 3) - 1) * 10 : s0 + 40) : a % 13 === 0 ? NaN : k === 3 && a % 17 === 0 ? 2600 : s0 + 7 * k;
      if ((k > 0 && (a + k) % 7 === 0) || (a * k) % 11 === 5 || s > asOf) continue;
      counted[p] = 1;
      arr[p] += ((31 * a + 17 * k) % 50) * 100;
      if (!(s >= start[p])) start[p] = s;
    }
    held.length = 0;
    pass.length = 0;
    for (let p = 0; p < P; p++) {
      if (!counted[p] || !(arr[p] > 0)) continue;
      held.push(p);
      pass.push(arr[p] <= DEFAULT_PAIR_RULES.pass_through_share * price(p));
    }
    for (let x = 0; x < held.length; x++) {
      owners[held[x]]++;
      if (!pass[x]) honestOwners[held[x]]++;
      for (let y = 0; y < held.length; y++) {
        if (x === y) continue;
        const k = held[x] * P + held[y];
        rawCounts[k]++;
        if (!pass[x] && !pass[y]) honestCounts[k]++;
        const sx = start[held[x]];
        const sy = start[held[y]];
        if (Number.isNaN(sx) || Number.isNaN(sy)) continue;
        order.dated[k]++;
        if (sx === sy) order.sameDay[k]++;
        else if (sy > sx) order.bLater[k]++;
      }
    }
  }
  for (let p = 0; p < P; p++) {
    rawCounts[p * P + p] = owners[p];
    honestCounts[p * P + p] = honestOwners[p];
  }
  const products = Array.from({ length: P }, (_, p) => name(p));
  const raw: OwnerCounts = { products, ownerCounts: owners, accounts: { length: accounts } };
  const honest: OwnerCounts = { products, ownerCounts: honestOwners, accounts: { length: accounts } };
  let passThrough = 0;
  for (let p = 0; p < P; p++) passThrough += owners[p] - honestOwners[p];
  return { raw, rawCounts, honest, honestCounts, flags: pairFlagsOf(raw, rawCounts, order, DEFAULT_PAIR_RULES), passThrough };
}

let db: DuckDb;
let src: TableSource;
let ref: AdjacencyFacts;
beforeAll(async () => {
  db = await DuckDb.open();
  const dir = mkdtempSync(join(tmpdir(), "xsell-10m-"));
  const file = join(dir, "ownership.parquet");
  await db.run(`COPY (${GENERATOR}) TO '${file}' (FORMAT parquet)`);
  const [{ n }] = await db.all(`SELECT COUNT(*) AS n FROM read_parquet('${file}')`);
  expect(n).toBe(ROWS);
  src = await fileSource(db, "big", file, {}, false);
  ref = reference();
}, 120_000);
afterAll(() => db.dispose());

describe("warehouse SQL on ten million ownership rows", () => {
  it("equals a streaming count in Node through the core's measures, for every pair", async () => {
    const rows = await db.all(pairsQuery(DUCKDB, src, { asOf: AS_OF, minAccounts: 5 }));
    expect(rows).toHaveLength(PRODUCTS * (PRODUCTS - 1));
    const column = { attach: "attach", lift: "lift", count: "pair_count", support: "support", ci_low: "ci_low", ci_high: "ci_high", accounts: "product_accounts" } as const;
    let compared = 0;
    for (const r of rows) {
      const a = Number(String(r.product).slice(1));
      const b = Number(String(r.next_product).slice(1));
      same(r.both_accounts, ref.rawCounts[a * PRODUCTS + b], `both ${r.product} → ${r.next_product}`);
      for (const m of MEASURES) {
        const v = adjacencyValue(ref.raw, ref.rawCounts, m, a, b, 5);
        if (m === "count" || m === "accounts") same(r[column[m]], v, `${m} ${r.product} → ${r.next_product}`);
        else near(r[column[m]], v, `${m} ${r.product} → ${r.next_product}`);
        compared++;
      }
    }
    expect(compared).toBe(380 * 7);
    // the data is not degenerate: the 15 ordinary products' pairs are co-owned by tens of thousands of accounts
    expect(rows.filter((r) => (r.both_accounts as number) > 10_000).length).toBeGreaterThan(80);
  }, 120_000);

  it("gives the Adjacency tab's facts: raw and honest counts, pass-through and the planted flags", async () => {
    const prices = join(mkdtempSync(join(tmpdir(), "xsell-10m-prices-")), "prices.csv");
    writeFileSync(prices, ["Product,Price", ...Array.from({ length: PRODUCTS }, (_, p) => `${name(p)},${price(p)}`)].join("\n"));
    const started = Date.now();
    const sql = await adjacencyFromSql(db, src, AS_OF, "ownership.parquet", await fileSource(db, "prices", prices));
    const seconds = (Date.now() - started) / 1000;
    expect(compareAdjacencyFacts(sql, ref)).toBe(380);
    const planted = (kind: string, a: number, b: number): boolean => ref.flags.some((f) => f.kind === kind && f.a === a && f.b === b);
    expect(planted("Forced bundle", 0, 15) && planted("Forced bundle", 1, 16)).toBe(true);
    expect(planted("Prerequisite", 2, 17) && planted("Prerequisite", 3, 18)).toBe(true);
    expect(planted("Subset", 4, 19)).toBe(true);
    expect(ref.passThrough).toBeGreaterThan(100_000);
    console.log(`10M rows: the Adjacency tab's facts (owners, pairs, evidence, pass-through) from DuckDB in ${seconds.toFixed(1)} s`);
  }, 180_000);
});
