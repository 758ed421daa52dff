/**
 * `xsell report --engine duckdb` builds the Retention and Adjacency tabs from DuckDB's aggregates, and the
 * per-account tabs from ownership DuckDB reduced to one row per account and product, equal, cell by cell (numbers
 * to 1e-12), to what the core builds from the tables; only the cohort triangle (not computed by the engine) is
 * left out, and the tabs it cannot build the same are left out with the reason.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Block, SheetSpec } from "../../core/tabs";
import { writeReport, type ReportOptions } from "../../cli/commands/report";
import { main } from "../../cli/main";
import { DuckDb, fileRelation } from "../../cli/duckdb";

const dir = mkdtempSync(join(tmpdir(), "xsell-engine-"));
const base = (out: string, extra: Partial<ReportOptions> = {}): ReportOptions => ({
  accounts: "examples/accounts.csv",
  ownership: "examples/ownership.csv",
  prices: "examples/prices.csv",
  subscriptions: "examples/subscriptions.csv",
  asOf: "2026-11-01",
  tabs: ["whitespace", "adjacency", "retention"],
  out: join(dir, out),
  ...extra,
});

function sameCells(actual: Block, expected: Block, where: string, formulasMoved: boolean): number {
  expect(actual.cells.length, where).toBe(expected.cells.length);
  let n = 0;
  actual.cells.forEach((row, r) => {
    expect(row.length, `${where} row ${r}`).toBe(expected.cells[r].length);
    row.forEach((v, c) => {
      const e = expected.cells[r][c];
      if (typeof v === "number" && typeof e === "number") {
        if (!(Math.abs(v - e) <= 1e-12 * Math.max(1, Math.abs(e)))) expect(v, `${where} R${r}C${c}`).toBe(e);
      } else if (formulasMoved && typeof v === "object" && v !== null && typeof e === "object" && e !== null) {
        // a formula pointing at cells that moved with a section left out: a formula still, at another address
      } else if (JSON.stringify(v) !== JSON.stringify(e)) expect(v, `${where} R${r}C${c}`).toEqual(e);
      n++;
    });
  });
  return n;
}

/** Blocks matched by their row and first cell (columns may shift where a section is left out). */
function compareSpecs(engine: SheetSpec, memory: SheetSpec, leftOut?: RegExp): number {
  const key = (b: Block): string => `${b.row}|${JSON.stringify(b.cells[0]?.[0] ?? null)}`;
  const byKey = new Map(memory.blocks.map((b) => [key(b), b]));
  let n = 0;
  for (const b of engine.blocks) {
    const m = byKey.get(key(b));
    expect(m, `${engine.name}: block at row ${b.row} starting ${JSON.stringify(b.cells[0]?.[0])}`).toBeDefined();
    n += sameCells(b, m!, `${engine.name} block ${key(b)}`, leftOut !== undefined);
    byKey.delete(key(b));
  }
  // what the engine leaves out is only what it says it leaves out
  for (const b of byKey.values()) expect(JSON.stringify(b.cells).slice(0, 200), `${memory.name}: block only in memory`).toMatch(leftOut ?? /^$/);
  return n;
}

describe("xsell report --engine duckdb", () => {
  it("builds the Retention tab equal to the in-memory report on the sample, from the history alone and with a retention table", async () => {
    for (const retention of [undefined, "examples/retention.csv"]) {
      const memory = await writeReport(base(`m-${retention ? 1 : 0}.xlsx`, { retention, tabs: ["retention"] }));
      const logs: string[] = [];
      const engine = await writeReport(base(`e-${retention ? 1 : 0}.xlsx`, { retention, tabs: ["retention"], engine: "duckdb", log: (t) => logs.push(t) }));
      expect(engine.tabs.map((t) => t.kind)).toEqual(["retention"]);
      const cells = compareSpecs(engine.tabs[0].spec!, memory.tabs[0].spec!, /Revenue cohorts by quarter|Cohort|cohort start/);
      expect(cells).toBeGreaterThan(400 * 5);
      expect(logs.join("\n")).toMatch(/examples\/subscriptions\.csv: read by DuckDB \(Account, Product, MRR, Start Date, End Date, Status\)/);
    }
  }, 120_000);

  it("builds every other tab equal to the in-memory report (Adjacency from DuckDB's counts, the per-account tabs from its reduced ownership); leaves out the Timing tab saying why, and refuses it when asked for by name", async () => {
    const logs: string[] = [];
    const memory = await writeReport(base("m2.xlsx", { tabs: undefined }));
    const engine = await writeReport(base("e2.xlsx", { tabs: undefined, engine: "duckdb", log: (t) => logs.push(t) }));
    expect(engine.tabs.map((t) => t.kind)).toEqual(memory.tabs.map((t) => t.kind).filter((k) => k !== "timing"));
    for (const t of engine.tabs) if (t.kind !== "retention") expect(t.spec, t.kind).toEqual(memory.tabs.find((m) => m.kind === t.kind)!.spec);
    expect(logs.join("\n")).toContain("Timing tab left out: the Timing tab reads the subscription history in memory");
    await expect(writeReport(base("e3.xlsx", { tabs: ["timing"], engine: "duckdb" }))).rejects.toThrow("--tabs timing with --engine duckdb: the Timing tab reads the subscription history in memory");
  }, 180_000);

  it("reads ownership and prices from Parquet: Adjacency from DuckDB's counts, Whitespace, Scorecard and Scenario from its reduced rows, equal to the in-memory report", async () => {
    const db = await DuckDb.open();
    const parquet = (name: string): string => join(dir, `${name}.parquet`);
    for (const t of ["ownership", "prices"]) await db.run(`COPY (SELECT * FROM ${fileRelation(`examples/${t}.csv`)}) TO '${parquet(t)}' (FORMAT parquet)`);
    db.dispose();
    const tabs: ReportOptions["tabs"] = ["scorecard", "whitespace", "adjacency", "scenario"];
    const memory = await writeReport(base("m-pq.xlsx", { tabs, subscriptions: undefined }));
    const logs: string[] = [];
    const engine = await writeReport(base("e-pq.xlsx", { tabs, subscriptions: undefined, ownership: parquet("ownership"), prices: parquet("prices"), engine: "duckdb", log: (t) => logs.push(t) }));
    expect(engine.tabs.map((t) => t.kind)).toEqual(memory.tabs.map((t) => t.kind));
    for (const t of engine.tabs) expect(t.spec, t.kind).toEqual(memory.tabs.find((m) => m.kind === t.kind)!.spec);
    // the honest matrix is there: the sample's six prerequisites and its subset, in cells and notes
    const adjacency = JSON.stringify(engine.tabs.find((t) => t.kind === "adjacency")!.spec);
    expect(adjacency).toContain("Prerequisite");
    expect(adjacency).toContain("Subset");
    expect(logs.join("\n")).toMatch(/ownership\.parquet: read by DuckDB \(Account, Product, ARR, Start Date\)/);
    expect(logs.join("\n")).toMatch(/ownership\.parquet: 400 accounts × 8 products; the Adjacency tab from DuckDB's counts, the per-account tabs from its \d[\d,]* account-product rows/);
  }, 180_000);

  it("leaves out the per-account tabs, saying why, when ownership holds more accounts than a sheet", async () => {
    const db = await DuckDb.open();
    const big = join(dir, "big-ownership.parquet");
    await db.run(`COPY (SELECT 'A' || CAST(i AS VARCHAR) AS Account, CASE WHEN i % 3 = 0 THEN 'CRM' WHEN i % 3 = 1 THEN 'Analytics' ELSE 'CPQ' END AS Product FROM range(1048577) t(i)) TO '${big}' (FORMAT parquet)`);
    db.dispose();
    const logs: string[] = [];
    const engine = await writeReport(base("e-big.xlsx", { tabs: undefined, subscriptions: undefined, ownership: big, engine: "duckdb", log: (t) => logs.push(t) }));
    expect(engine.tabs.map((t) => t.kind)).toEqual(["adjacency"]);
    const why = "ownership holds 1,048,577 accounts, more than a sheet's 1,048,576 rows, so the per-account tabs are not built from it; xsell sql's xsell_whitespace and xsell_next_product give them in the warehouse";
    for (const title of ["Scorecard", "Whitespace", "Scenario"]) expect(logs).toContain(`${title} tab left out: ${why}`);
    const owners = engine.tabs[0].spec!.blocks.find((b) => b.cells[0]?.[0] === "Raw: owned ↓ / next →")!;
    expect(owners.cells.slice(1).map((r) => r.at(-1))).toEqual([349526, 349526, 349525]);
    await expect(writeReport(base("e-big2.xlsx", { tabs: ["whitespace"], subscriptions: undefined, ownership: big, engine: "duckdb" }))).rejects.toThrow(`--tabs whitespace with --engine duckdb: ${why}`);
  }, 180_000);

  it("refuses an unknown engine and a file without the columns it needs", async () => {
    expect(await main(["report", "examples/accounts.csv", "--out", join(dir, "x.xlsx"), "--engine", "spark"])).toBe(2);
    await expect(writeReport(base("e5.xlsx", { subscriptions: "examples/prices.csv", tabs: ["retention"], engine: "duckdb" }))).rejects.toThrow(/examples\/prices\.csv: no column read as Account ID or Account, MRR or ARR, Start Date \(found "Product", "Price"\)/);
  });
});
