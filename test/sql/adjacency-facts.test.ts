/**
 * The Adjacency tab's counts and flags from the warehouse SQL on DuckDB (cli/engine-ownership.ts) equal those
 * counted in memory (core/tabs/adjacency-facts.ts) on the sample, with and without prices, and on a table made
 * to hold every flag: a forced bundle, a prerequisite, a subset, pass-through owners, an ARR that sums to 0, a
 * cancelled row, an ended row and a row starting after the as-of date.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayFromYmd, type CellValue } from "../../core/values";
import { adjacencyFacts } from "../../core/tabs/adjacency-facts";
import { DuckDb, fileSource } from "../../cli/duckdb";
import { adjacencyFromSql, ownershipRowsFromSql } from "../../cli/engine-ownership";
import { readOwnership, type Ownership } from "../../core/ownership";
import { readTableFile } from "../../cli/readers";
import { compareAdjacencyFacts } from "./compare";

const AS_OF = dayFromYmd(2026, 11, 1);
let db: DuckDb;
beforeAll(async () => {
  db = await DuckDb.open();
});
afterAll(() => db.dispose());

async function both(ownership: string, prices?: string) {
  const grid = (await readTableFile(ownership)).rows;
  const priceGrid = prices ? (await readTableFile(prices)).rows : undefined;
  const memory = adjacencyFacts("t", { ownership: grid, prices: priceGrid, asOf: AS_OF });
  const src = await fileSource(db, "ownership", ownership);
  const sql = await adjacencyFromSql(db, src, AS_OF, ownership, prices ? await fileSource(db, "prices", prices) : undefined);
  return { memory, sql };
}

const csv = (rows: CellValue[][]): string => {
  const file = join(mkdtempSync(join(tmpdir(), "xsell-flags-")), "ownership.csv");
  writeFileSync(file, rows.map((r) => r.map((c) => (c === null ? "" : String(c))).join(",")).join("\n"));
  return file;
};

/** Forced bundle, prerequisite, subset, pass-through, ARR summing to 0, cancelled, trial, ended, not yet started. */
function everyFlag(): CellValue[][] {
  const rows: CellValue[][] = [["Account", "Product", "ARR", "Start Date", "End Date", "Status"]];
  for (let i = 0; i < 40; i++) {
    const a = `Acct ${i}`;
    // Core and Core Add-on: bought as one (a forced bundle); Platform then Module, later (a prerequisite)
    rows.push([a, "Core", 10000, "2024-01-01", "", "active"]);
    if (i % 2 === 0) rows.push([a, "Core Add-on", i === 4 ? 1000 : 5000, "2024-01-01", "", ""]);
    if (i % 3 === 0) rows.push([a, "Platform", 20000, "2023-03-01", "", ""]);
    if (i % 6 === 0) rows.push([a, "Module", 3000, `2024-0${1 + (i % 9)}-15`, "", "Active"]);
    // Reports: every owner owns Core, no Start Dates (a subset)
    if (i % 4 === 1) rows.push([a, "Reports", 2000, "", "", ""]);
    if (i % 5 === 2) rows.push([a, "Extra", i === 7 ? 0 : 800, "2025-06-01", "", ""]);
    if (i % 7 === 3) rows.push([a, "Extra", 500, "2025-07-01", "", "cancelled"]);
    if (i % 8 === 5) rows.push([a, "Platform", 900, "2022-01-01", "2025-01-01", ""]);
    if (i % 9 === 6) rows.push([a, "Module", 900, "2027-01-01", "", ""]);
    if (i % 10 === 3) rows.push([a, i === 13 ? "Extra" : "Trial Only", "", "2026-10-01", "", "Trial"]);
  }
  rows.push(["Acct 99", "", "", "", "", ""]);
  return rows;
}

/** The same ownership: accounts, products, who owns what, summed ARR, earliest starts, trials. */
function sameOwnership(actual: Ownership, expected: Ownership): void {
  expect(actual.accounts).toEqual(expected.accounts);
  expect(actual.products).toEqual(expected.products);
  expect([...actual.ownerCounts]).toEqual([...expected.ownerCounts]);
  for (let p = 0; p < expected.products.length; p++) {
    expect([...actual.owners.ownersOf(p)], expected.products[p]).toEqual([...expected.owners.ownersOf(p)]);
    expect([...actual.trials.ownersOf(p)], `${expected.products[p]} trials`).toEqual([...expected.trials.ownersOf(p)]);
  }
  expect([...actual.arr].sort()).toEqual([...expected.arr].sort());
  expect([...actual.starts].sort()).toEqual([...expected.starts].sort());
}

describe("ownership reduced by DuckDB to one row per account and product reads as the file does", () => {
  it("on the sample, on a table with every way a row is not counted, and by Account ID with names", async () => {
    const byId: CellValue[][] = everyFlag().map((r, i) => (i === 0 ? ["Account ID", "Account Name", ...r.slice(1)] : [`ID-${String(r[0]).split(" ")[1]}`, r[0] === "Acct 3" ? "" : `${r[0]} Inc`, ...r.slice(1)]));
    for (const file of ["examples/ownership.csv", csv(everyFlag()), csv(byId)]) {
      const expected = readOwnership("t", (await readTableFile(file)).rows, AS_OF);
      const src = await fileSource(db, "ownership", file);
      const rows = await ownershipRowsFromSql(db, src, AS_OF, expected.accounts.length);
      expect(typeof rows).not.toBe("string");
      sameOwnership(readOwnership("t", rows, AS_OF), expected);
      // the made tables hold trials (listed apart) and a trial of a product the account also owns
      if (file !== "examples/ownership.csv") expect(expected.products.reduce((n, _, p) => n + expected.trials.count(p), 0)).toBe(4);
    }
  });

  it("says why when the accounts are more than a sheet holds", async () => {
    const src = await fileSource(db, "ownership", "examples/ownership.csv");
    expect(await ownershipRowsFromSql(db, src, AS_OF, 1000, 10_000_001)).toBe("ownership holds 10,000,001 owned account-products, more than the 10,000,000 rows read in memory, so the per-account tabs are not built from it; xsell sql's xsell_whitespace and xsell_next_product give them in the warehouse");
    expect(await ownershipRowsFromSql(db, src, AS_OF, 1_048_577)).toBe("ownership holds 1,048,577 accounts, more than a sheet's 1,048,576 rows, so the per-account tabs are not built from it; xsell sql's xsell_whitespace and xsell_next_product give them in the warehouse");
  });
});

describe("the Adjacency tab's facts from SQL equal the core's", () => {
  it("on the sample, without and with prices", async () => {
    for (const prices of [undefined, "examples/prices.csv"]) {
      const { memory, sql } = await both("examples/ownership.csv", prices);
      expect(compareAdjacencyFacts(sql, memory)).toBe(56);
      // the sample has six prerequisites and a subset, and no account pays 20% of list or less
      expect(memory.passThrough).toBe(prices ? 0 : null);
      expect(memory.flags.map((f) => f.kind)).toEqual([...Array(6).fill("Prerequisite"), "Subset"]);
    }
  });

  it("on a table holding every flag and every way a row is not counted", async () => {
    const rows = everyFlag();
    const prices = csv([["Product", "Price"], ["Core", 12000], ["Core Add-on", 6000], ["Platform", 20000], ["Module", 4000], ["Reports", 2500], ["Extra", 5000]]);
    const { memory, sql } = await both(csv(rows), prices);
    expect(compareAdjacencyFacts(sql, memory)).toBe(42);
    expect(new Set(memory.flags.map((f) => f.kind))).toEqual(new Set(["Forced bundle", "Prerequisite", "Subset"]));
    expect(memory.passThrough).toBeGreaterThan(0);
  });
});
