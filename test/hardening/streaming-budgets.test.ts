/**
 * Budgets on the CLI's streaming paths: the CSV reader stops at the first row past the rows budget (it does not
 * parse the rest of the file first), and text past Excel's 32,767 characters is cut with a note in Data sheets
 * and tabs alike, read back from the written xlsx.
 */
import { closeSync, mkdtempSync, openSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DelimitedParser } from "../../cli/csv";
import { readDelimitedFile } from "../../cli/readers";
import { BUDGETS } from "../../core/limits";
import { SpecBuilder } from "../../core/tabs/spec";
import { written } from "../cli/xlsx-written";

describe("the CSV rows budget while streaming", () => {
  it("refuses the first row past a (lowered) budget during the push, naming the line and the limit", () => {
    const p = new DelimitedParser(",", "accounts.csv", 3);
    p.push("Account,ARR\nA,1\nB,2\nC,3\n"); // header + 3 data rows: within
    expect(() => p.push("D,4\nE,5\n")).toThrow("accounts.csv: line 5 is past the rows budget: XSELL reads at most 3 data rows");
    const q = new DelimitedParser(",", "last.csv", 3);
    q.push("Account,ARR\nA,1\nB,2\nC,3\nD,4"); // the fourth data row has no line end: caught at end()
    expect(() => q.end()).toThrow("last.csv: line 5 is past the rows budget");
    const r = new DelimitedParser(",", "fits.csv", 3);
    r.push("Account,ARR\nA,1\nB,2\nC,3\n");
    expect(r.end()).toHaveLength(4);
  });

  it("stops reading a file of budget+1 rows followed by 24 MB more before reading past its first chunks", () => {
    // the budget lowered to a sheet's height so the test stays small (the real figure, ten million rows of a file, is
    // the parser's default: test/hardening/cli-input-budgets.test.ts)
    const budget = BUDGETS.rows;
    const path = join(mkdtempSync(join(tmpdir(), "xsell-rows-")), "huge.csv");
    const fd = openSync(path, "w");
    writeSync(fd, "Account\n" + "1\n".repeat(budget + 1));
    const tail = ("x".repeat(99) + "\n").repeat(10_000); // 1 MB
    for (let i = 0; i < 24; i++) writeSync(fd, tail);
    closeSync(fd);
    let read = 0;
    const t0 = performance.now();
    expect(() => readDelimitedFile(path, "huge.csv", (n) => (read += n), budget)).toThrow(`huge.csv: line ${(budget + 2).toLocaleString("en-US")} is past the rows budget: XSELL reads at most 1,048,576 data rows of a file`);
    const size = statSync(path).size;
    // the budget row lies in the first 8 MB chunk; the reader must not go on to the remaining 18 MB
    expect(read).toBeLessThanOrEqual(8 * 2 ** 20);
    expect(size - read).toBeGreaterThan(16 * 2 ** 20);
    expect(performance.now() - t0).toBeLessThan(60_000);
  }, 120_000);
});

describe("text past a cell's limit in the streaming writer", () => {
  it("cuts a Data sheet's long text to 32,767 characters ending with a note, and a tab's alike", async () => {
    const long = "a".repeat(40_000);
    const b = new SpecBuilder("Tab").block(0, 0, [["Text"], [long]]);
    const { book } = await written(async (w) => {
      await w.addDataSheet("Data", ["Account", "Notes"], [["Acme", long], ["Globex", "short"]], new Set());
      await w.addSpecSheet(b.finish());
    });
    for (const [sheet, ref] of [["Data", "B2"], ["Tab", "A2"]] as const) {
      const v = book.getWorksheet(sheet)!.getCell(ref).value as string;
      expect(v).toHaveLength(32_767);
      expect(v.startsWith("aaaa")).toBe(true);
      expect(v.endsWith(" … [cut: 40,000 characters, a cell holds 32,767]")).toBe(true);
    }
    expect(book.getWorksheet("Data")!.getCell("B3").value).toBe("short");
  });
});
