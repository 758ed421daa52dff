/**
 * `xsell score` and the CLI's reading flags: it reads what `report` reads (CSV or xlsx, a model file, --map,
 * --date-order), prints the column report to stderr first, and every command answers --help.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";
import { modelTable } from "../../core/model";

const EXPORTS = join(__dirname, "..", "fixtures", "exports");
let dir: string;
let out: string[];
let err: string[];
let stderr: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-score-"));
  out = [];
  err = [];
  stderr = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation(((s: string) => {
    stderr.push(String(s));
    return true;
  }) as typeof process.stderr.write);
});
afterEach(() => vi.restoreAllMocks());

describe("xsell score", () => {
  it("reads a US Salesforce export (M/D/YYYY, footers) and prints the column report before the ranking", async () => {
    expect(await main(["score", join(EXPORTS, "01-salesforce-report-csv", "input.csv"), "--as-of", "2026-06-30", "--top", "3"])).toBe(0);
    const report = stderr.join("");
    expect(report).toMatch(/input\.csv: \d+ rows; \d+ of \d+ columns used/);
    expect(report).toMatch(/Number of Seats\s+Licenses\s+numbers/);
    expect(report).toMatch(/Customer Since\s+Start Date\s+dates, month first/);
    expect(report).toContain("ignored as a footer");
    expect(report).toContain("read as UTF-8, comma-delimited");
    expect(out.join("\n")).toMatch(/^ {3}1 {2}\S/m);
    expect(err).toEqual([]);
  });

  it("reads an xlsx and a model file, exactly as report does", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Accounts").addRows([["Account", "NPS", "Funding"], ["A", 80, "Yes"], ["B", 10, "No"]]);
    await book.xlsx.writeFile(join(dir, "book.xlsx"));
    const model = new ExcelJS.Workbook();
    model.addWorksheet("Model").addRows(modelTable("t", "expansion-100") as ExcelJS.CellValue[][]);
    await model.xlsx.writeFile(join(dir, "model.xlsx"));
    expect(await main(["score", join(dir, "book.xlsx"), "--model", join(dir, "model.xlsx"), "--as-of", "2026-11-01"])).toBe(0);
    // expansion-100: NPS > 0 earns 10, Funding yes earns 8 → A 18; B: NPS 10 > 0 → 10
    expect(out.join("\n")).toMatch(/1 {2}A +18 {2}Low/);
    expect(out.join("\n")).toMatch(/2 {2}B +10 {2}Low/);
  });

  it("maps a column with --map and reads unproven dates day first with --date-order dmy", async () => {
    const csv = "Account,Seats Bought,Active Users,Renewal Date\nA,10,9,01/12/2026\n";
    writeFileSync(join(dir, "a.csv"), csv);
    // as of 2026-05-31: read month first, 01/12/2026 is 12 January 2026 (past: no renewal points); day first it is 1 December, more than six months ahead (+10)
    expect(await main(["score", join(dir, "a.csv"), "--map", "Seats Bought=Licenses", "--as-of", "2026-05-31"])).toBe(0);
    expect(out.join("\n")).toMatch(/A +20 /);
    expect(out.join("\n")).toContain("Renewal 4 mo 19 d ago ≤ 6 +0");
    out = [];
    expect(await main(["score", join(dir, "a.csv"), "--map", "Seats Bought=Licenses", "--date-order", "dmy", "--as-of", "2026-05-31"])).toBe(0);
    expect(out.join("\n")).toMatch(/A +30 /); // 1 December 2026 is more than 6 months after 31 May 2026
    expect(stderr.join("")).toMatch(/Seats Bought\s+Licenses\s+numbers\s+10\s+mapped by you/);
  });

  it("refuses a header-only file with one plain line and exit code 2", async () => {
    writeFileSync(join(dir, "h.csv"), "Account,NPS\n");
    expect(await main(["score", join(dir, "h.csv")])).toBe(2);
    expect(err).toEqual(["xsell: h.csv has a header row but no data rows"]);
  });
});

describe("--help on every command", () => {
  it.each([["report"], ["score"], ["demo"]])("xsell %s --help prints that command's usage and exits 0", async (cmd) => {
    expect(await main([cmd, "--help"])).toBe(0);
    expect(out.join("\n")).toContain(`xsell ${cmd}`);
    expect(err).toEqual([]);
  });
  it("xsell --help lists every command and no internal labels", async () => {
    expect(await main(["--help"])).toBe(0);
    const text = out.join("\n");
    for (const cmd of ["report", "score", "demo"]) expect(text).toContain(`xsell ${cmd}`);
    expect(text).not.toMatch(/seed \d/i);
  });
});
