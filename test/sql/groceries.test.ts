/**
 * Groceries (9,835 baskets × 169 items, the reference data of association-rule mining) as long ownership: the
 * warehouse SQL on DuckDB equals the core for all 28,392 ordered pairs and the baskets' whitespace, and the
 * published figures for {other vegetables} → {whole milk} (support 0.0748, confidence 0.3868, lift 1.5136).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOwnership, type Ownership } from "../../core/ownership";
import { pairsQuery } from "../../core/sql/ownership";
import { DUCKDB } from "../../core/sql/dialect";
import type { TableSource } from "../../core/sql/mapping";
import { dayFromYmd, type CellValue } from "../../core/values";
import { DuckDb, fileSource } from "../../cli/duckdb";
import { adjacencyFacts } from "../../core/tabs/adjacency-facts";
import { adjacencyFromSql } from "../../cli/engine-ownership";
import { compareAdjacencyFacts, comparePairs, compareWhitespace } from "./compare";

const DIR = "/work/shared/datasets/groceries";
const AS_OF = dayFromYmd(2026, 11, 1);

let db: DuckDb;
let own: Ownership;
let src: TableSource;
let grid: CellValue[][];

beforeAll(async () => {
  const labels = readFileSync(join(DIR, "Groceries.labels"), "utf8").split(/\r?\n/).filter(Boolean).map((l) => l.split("\t")[1]);
  grid = [["Account", "Product"]];
  readFileSync(join(DIR, "Groceries.data"), "utf8").split(/\r?\n/).filter(Boolean).forEach((line, b) => {
    line.split("\t").forEach((flag, i) => {
      // a cell counts the item's lines in the basket (1 to 7): bought at all is owned
      if (Number(flag) > 0) grid.push([`basket ${b + 1}`, labels[i]]);
    });
  });
  const csv = join(mkdtempSync(join(tmpdir(), "xsell-groceries-")), "ownership.csv");
  writeFileSync(csv, grid.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(",")).join("\n"));
  own = readOwnership("t", grid, AS_OF);
  db = await DuckDb.open();
  src = await fileSource(db, "groceries", csv);
});
afterAll(() => db.dispose());

describe("warehouse SQL on Groceries, against the core", () => {
  it("every ordered pair's seven measures, at min 1 and at min 50", { timeout: 120_000 }, async () => {
    expect(own.accounts.length).toBe(9835);
    expect(own.products.length).toBe(169);
    expect(await comparePairs(db, src, own, 1)).toBe(169 * 168 * 7);
    await comparePairs(db, src, own, 50);
  });

  it("the Adjacency tab's facts: every pair's raw and honest counts and the flags (baskets have no Start Dates: subsets)", async () => {
    const memory = adjacencyFacts("t", { ownership: grid, asOf: AS_OF });
    expect(compareAdjacencyFacts(await adjacencyFromSql(db, src, AS_OF, "groceries"), memory)).toBe(169 * 168);
    expect(memory.flags.every((f) => f.kind === "Subset")).toBe(true);
  }, 120_000);

  it("the published rule {other vegetables} → {whole milk}", async () => {
    const rows = await db.all(pairsQuery(DUCKDB, src, { asOf: AS_OF, minAccounts: 1 }));
    const rule = rows.find((r) => r.product === "other vegetables" && r.next_product === "whole milk")!;
    expect(rule.support as number).toBeCloseTo(0.0748, 4);
    expect(rule.attach as number).toBeCloseTo(0.3868, 4);
    expect(rule.lift as number).toBeCloseTo(1.5136, 4);
  });

  it("every tenth basket's whitespace propensities and sources (165,000 cells), and every basket's next item", async () => {
    expect(await compareWhitespace(db, src, own, undefined, 10)).toBeGreaterThan(984 * 160 + 9835);
  }, 180_000);
});
