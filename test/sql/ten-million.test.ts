/**
 * Ten million ownership rows, generated inside DuckDB by a deterministic expression and written to Parquet, read
 * back through the warehouse SQL; Node generates the same rows from the same expression and counts them in one
 * streaming pass (a bitmask per account), and the core's own measure (adjacencyValue) turns those counts into the
 * reference. Counts equal exactly, rates and intervals to 1e-12, for all 380 ordered pairs.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adjacencyValue, MEASURES } from "../../core/adjacency";
import { DUCKDB } from "../../core/sql/dialect";
import { pairsQuery } from "../../core/sql/ownership";
import { dayFromYmd } from "../../core/values";
import { DuckDb, fileSource } from "../../cli/duckdb";
import { near, same } from "./compare";

const ROWS = 10_000_000;
const ROWS_PER_ACCOUNT = 5;
const PRODUCTS = 20;
const AS_OF = dayFromYmd(2026, 11, 1);
const name = (p: number): string => `P${String(p).padStart(2, "0")}`;

/**
 * Row i: account i div 5; product (7a + 3k² + a div 3 + a div 1000) mod 20 (k = i mod 5; repeats within an
 * account merge); cancelled when (a + k) mod 7 = 0; ended 2020-01-01 when (a·k) mod 11 = 5, else open.
 */
const GENERATOR = `
  SELECT 'A' || CAST(a AS VARCHAR) AS account, 'P' || lpad(CAST(p AS VARCHAR), 2, '0') AS product,
    CASE WHEN (a + k) % 7 = 0 THEN 'cancelled' ELSE 'active' END AS status,
    CASE WHEN (a * k) % 11 = 5 THEN DATE '2020-01-01' END AS end_date
  FROM (SELECT a, k, (7 * a + 3 * k * k + a // 3 + a // 1000) % ${PRODUCTS} AS p
        FROM (SELECT i // ${ROWS_PER_ACCOUNT} AS a, i % ${ROWS_PER_ACCOUNT} AS k FROM range(${ROWS}) t(i)))`;

function nodeCounts(): { ownerCounts: Int32Array; counts: Int32Array; accounts: number } {
  const accounts = ROWS / ROWS_PER_ACCOUNT;
  const masks = new Uint32Array(accounts);
  for (let i = 0; i < ROWS; i++) {
    const a = Math.floor(i / ROWS_PER_ACCOUNT);
    const k = i % ROWS_PER_ACCOUNT;
    if ((a + k) % 7 === 0 || (a * k) % 11 === 5) continue;
    masks[a] |= 1 << ((7 * a + 3 * k * k + Math.floor(a / 3) + Math.floor(a / 1000)) % PRODUCTS);
  }
  const ownerCounts = new Int32Array(PRODUCTS);
  const counts = new Int32Array(PRODUCTS * PRODUCTS);
  const owned = new Int32Array(PRODUCTS);
  for (let a = 0; a < accounts; a++) {
    const m = masks[a];
    if (m === 0) continue;
    let n = 0;
    for (let p = 0; p < PRODUCTS; p++) if ((m >>> p) & 1) owned[n++] = p;
    for (let x = 0; x < n; x++) {
      ownerCounts[owned[x]]++;
      counts[owned[x] * PRODUCTS + owned[x]]++;
      for (let y = 0; y < n; y++) if (x !== y) counts[owned[x] * PRODUCTS + owned[y]]++;
    }
  }
  return { ownerCounts, counts, accounts };
}

let db: DuckDb;
beforeAll(async () => {
  db = await DuckDb.open();
});
afterAll(() => db.dispose());

describe("warehouse SQL on ten million ownership rows", () => {
  it("equals a streaming count in Node through the core's measures, for every pair", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "xsell-10m-")), "ownership.parquet");
    await db.run(`COPY (${GENERATOR}) TO '${file}' (FORMAT parquet)`);
    const [{ n }] = await db.all(`SELECT COUNT(*) AS n FROM read_parquet('${file}')`);
    expect(n).toBe(ROWS);
    const src = await fileSource(db, "big", file, {}, false);
    const rows = await db.all(pairsQuery(DUCKDB, src, { asOf: AS_OF, minAccounts: 5 }));
    expect(rows).toHaveLength(PRODUCTS * (PRODUCTS - 1));
    const ref = nodeCounts();
    const stats = { products: Array.from({ length: PRODUCTS }, (_, p) => name(p)), ownerCounts: ref.ownerCounts, accounts: { length: ref.accounts } };
    const column = { attach: "attach", lift: "lift", count: "pair_count", support: "support", ci_low: "ci_low", ci_high: "ci_high", accounts: "product_accounts" } as const;
    let compared = 0;
    for (const r of rows) {
      const a = Number(String(r.product).slice(1));
      const b = Number(String(r.next_product).slice(1));
      same(r.both_accounts, ref.counts[a * PRODUCTS + b], `both ${r.product} → ${r.next_product}`);
      for (const m of MEASURES) {
        const v = adjacencyValue(stats, ref.counts, m, a, b, 5);
        if (m === "count" || m === "accounts") same(r[column[m]], v, `${m} ${r.product} → ${r.next_product}`);
        else near(r[column[m]], v, `${m} ${r.product} → ${r.next_product}`);
        compared++;
      }
    }
    expect(compared).toBe(380 * 7);
    // the data is not degenerate: most pairs are co-owned, by tens of thousands of accounts
    expect(rows.filter((r) => (r.both_accounts as number) > 10_000).length).toBeGreaterThan(100);
  }, 120_000);
});
