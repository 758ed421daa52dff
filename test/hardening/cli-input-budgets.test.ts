/**
 * The CLI reads files, not sheets: a long ownership table of a million accounts is about 3 million rows, so a CSV is
 * held to BUDGETS.cliInputRows (10 million data rows), while a host's range keeps a sheet's height. A tab of the
 * CLI's .xlsx is held to an Excel sheet's rows, while a host's tab keeps Sheets' 10 million cells.
 */
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DelimitedParser } from "../../cli/csv";
import { main } from "../../cli/main";
import { readDelimitedFile } from "../../cli/readers";
import { checkOutputSize, checkTabExtent } from "../../core/budgets";
import { XSELL_SCORE } from "../../core/functions";
import { BUDGETS } from "../../core/limits";
import { readTable } from "../../core/table";
import type { CellValue } from "../../core/values";

describe("the CLI's input rows budget", () => {
  let dir: string;
  let err: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xsell-input-"));
    err = [];
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
    vi.spyOn(process.stderr, "write").mockImplementation((() => true) as typeof process.stderr.write);
  });
  afterEach(() => vi.restoreAllMocks());

  it("is ten million data rows, the default of the CSV parser, not a sheet's height", () => {
    expect(BUDGETS.cliInputRows).toBe(10_000_000);
    expect(Reflect.get(new DelimitedParser(",", "x.csv"), "maxDataRows")).toBe(BUDGETS.cliInputRows);
  });

  it("accepts an ownership file of more rows than a sheet holds (1,048,600 rows)", async () => {
    const accounts = join(dir, "accounts.csv");
    writeFileSync(accounts, "Account,NPS\n" + Array.from({ length: 1000 }, (_, i) => `A${i},${i % 100}`).join("\n") + "\n");
    const ownership = join(dir, "ownership.csv");
    const fd = openSync(ownership, "w");
    writeSync(fd, "Account,Product\n");
    const rows = 1_048_600;
    for (let from = 0; from < rows; from += 100_000) {
      let chunk = "";
      for (let i = from; i < Math.min(rows, from + 100_000); i++) chunk += `A${i % 1000},P${i % 7}\n`;
      writeSync(fd, chunk);
    }
    closeSync(fd);
    const out = join(dir, "out.xlsx");
    expect(await main(["report", accounts, "--ownership", ownership, "--tabs", "adjacency", "--data", "none", "--out", out, "--as-of", "2026-11-04"])).toBe(0);
    expect(err).toEqual([]);
    expect(existsSync(out)).toBe(true);
  }, 120_000);

  it("refuses the first row past the budget (lowered here) with one line naming the file, the line, the limit and --engine duckdb; exit 2", async () => {
    const accounts = join(dir, "accounts.csv");
    writeFileSync(accounts, "Account,NPS\nA,1\nB,2\n");
    const ownership = join(dir, "ownership.csv");
    writeFileSync(ownership, "Account,Product\n" + "A,P\n".repeat(1001));
    const budgets = BUDGETS as { cliInputRows: number };
    const real = budgets.cliInputRows;
    budgets.cliInputRows = 1000;
    try {
      const out = join(dir, "out.xlsx");
      expect(await main(["report", accounts, "--ownership", ownership, "--tabs", "adjacency", "--out", out, "--as-of", "2026-11-04"])).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toContain("ownership.csv: line 1,002 is past the rows budget: XSELL reads at most 1,000 data rows of a file in memory; split or total the file first, or read ownership, retention and subscriptions of any size with --engine duckdb");
      expect(err[0]).not.toContain("\n");
      expect(existsSync(out)).toBe(false);
    } finally {
      budgets.cliInputRows = real;
    }
    // exactly at the budget is read
    expect(readDelimitedFile(ownership, "ownership.csv", undefined, 1001).rows).toHaveLength(1002);
  });

  it("is passed to core reading, while a host's range keeps a sheet's height", () => {
    const rows: CellValue[][] = new Array(BUDGETS.rows + 2).fill(["A", 1]);
    rows[0] = ["Account", "NPS"];
    expect(() => XSELL_SCORE(rows)).toThrow("XSELL_SCORE: data has 1,048,577 data rows; XSELL reads at most 1,048,576 per table");
    expect(readTable("accounts.csv", rows, undefined, { maxRows: BUDGETS.cliInputRows }).rows).toHaveLength(BUDGETS.rows + 1);
    expect(() => readTable("accounts.csv", rows.slice(0, 12), undefined, { maxRows: 10 })).toThrow("accounts.csv: data has 11 data rows; XSELL reads at most 10 per file in memory");
  });
});

describe("the tab size budget by destination", () => {
  const grid = "a grid of 1,000,000 accounts × 20 products";
  it("lets the CLI's .xlsx hold an Excel sheet's rows (the million-account Whitespace tab: 22 million cells), a host 10 million cells", () => {
    expect(() => checkOutputSize("Whitespace", 1_000_002, 22, grid, "filter", "xlsx")).not.toThrow();
    expect(() => checkOutputSize("Whitespace", 1_000_002, 22, grid, "filter")).toThrow("Whitespace: a grid of 1,000,000 accounts × 20 products: 22,000,044 cells, more than the 10,000,000 one result may hold; filter");
    expect(() => checkOutputSize("Whitespace", BUDGETS.xlsxTabRows + 1, 22, grid, "filter", "xlsx")).toThrow("1,048,577 rows, more than the 1,048,576 an Excel sheet has; filter");
    expect(() => checkOutputSize("Whitespace", 10, BUDGETS.columns + 1, grid, "filter", "xlsx")).toThrow("16,385 columns, more than the 16,384 an Excel sheet has");
  });
  it("checks every built tab's extent for its destination", () => {
    const row = new Array(22).fill(0);
    const blocks = [{ cells: new Array(1_000_002).fill(row) }];
    expect(() => checkTabExtent("Whitespace", blocks, 1_000_002, "xlsx")).not.toThrow();
    expect(() => checkTabExtent("Whitespace", blocks, 1_000_002)).toThrow("Whitespace: the tab would hold 22,000,044 cells, more than the 10,000,000 one tab may hold");
    expect(() => checkTabExtent("Whitespace", blocks, BUDGETS.xlsxTabRows + 1, "xlsx")).toThrow("Whitespace: the tab would hold 1,048,577 rows, more than the 1,048,576 an Excel sheet has");
  });
});
