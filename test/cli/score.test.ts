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
  it("keeps a name whose quoted field holds a line break on its one line, in the ranking and in the column report", async () => {
    const file = join(dir, "breaks.csv");
    writeFileSync(file, 'Account,Licenses,Active Users,NPS\r\n"Sterling Insurance\r\n(parent)",100,90,50\r\nAcme,100,10,10\r\n');
    expect(await main(["score", file, "--as-of", "2026-06-30"])).toBe(0);
    const ranking = out.join("\n").split("\n");
    // 90 of 100 seats active (> 50%: 20) and NPS 50 (> 40: 15) = 35; Acme 0
    expect(ranking.find((l) => l.includes("Sterling"))).toMatch(/^ {3}1 {2}Sterling Insurance \(parent\) +35 {2}Low/);
    expect(ranking.some((l) => l.startsWith("(parent)"))).toBe(false);
    // the sample cell, cut to its column's 20 characters, on the Account column's line
    const report = stderr.join("").split("\n");
    expect(report.find((l) => l.includes("Sterling"))).toMatch(/^ {2}A +Account +Account +text +Sterling Insurance …$/);
    expect(report.some((l) => l.trimStart().startsWith("(parent)"))).toBe(false);
  });

  it("reads a US Salesforce export (M/D/YYYY, footers) and prints the column report before the ranking", async () => {
    expect(await main(["score", join(EXPORTS, "01-salesforce-report-csv", "input.csv"), "--as-of", "2026-06-30", "--top", "3"])).toBe(0);
    const report = stderr.join("");
    expect(report).toMatch(/input\.csv: 16 rows of data; \d+ of \d+ columns used/);
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
    expect(err).toEqual([`xsell: ${join(dir, "h.csv")} has a header row but no data rows`]);
  });
});

describe("mistakes a new user made, each refused in one line or read right", () => {
  it.each([
    ["an empty --as-of (an unset shell variable)", ["--as-of", ""], "xsell: --as-of is empty; give a date such as 2026-11-01, or leave the option out for today"],
    ["an --as-of that could be either order", ["--as-of", "04/05/2026"], 'xsell: --as-of: "04/05/2026" could be either day or month first; write it as 2026-04-05 or 2026-05-04'],
    ["a mistyped preset", ["--model", "readiness100"], 'xsell: --model: "readiness100" is neither a preset (readiness-100, expansion-100) nor a file'],
    ["a column mapped twice", ["--map", "Seats Used=Active Users", "--map", "Seats Used=NPS"], 'xsell: --map: "Seats Used" is mapped twice (Active Users and NPS); a column is read as one field'],
    ["a field switched off until nothing is left", ["--map", "NPS="], /^xsell: \/.*\/a\.csv: none of its columns is one the readiness-100 model reads/],
  ])("%s", async (_name, flags, message) => {
    writeFileSync(join(dir, "a.csv"), "Account,Seats Used,NPS\nA,5,50\n");
    expect(await main(["score", join(dir, "a.csv"), ...(flags as string[])])).toBe(2);
    expect(err).toHaveLength(1);
    if (typeof message === "string") expect(err[0]).toBe(message);
    else expect(err[0]).toMatch(message);
  });
  it("refuses a price list given as the account table", async () => {
    writeFileSync(join(dir, "prices.csv"), "Product,Price\nCRM,100\nBI,50\n");
    expect(await main(["score", join(dir, "prices.csv")])).toBe(2);
    expect(err[0]).toMatch(/^xsell: \/.*\/prices\.csv: none of its columns is one the readiness-100 model reads/);
  });
  it("reads an unambiguous slash --as-of, and German thousands in a tab file with dotted dates", async () => {
    // 1.500 seats and 1.000 active users in a file that writes dates 31.12.2025: 1500 and 1000, ratio 67% > 50%
    writeFileSync(join(dir, "de.tsv"), "Kunde\tLizenzen\tAktive Nutzer\tKunde seit\nA\t1.500\t1.000\t31.12.2025\nB\t2.000\t500\t01.02.2020\nC\t900\t100\t15.06.2024\n");
    expect(await main(["score", join(dir, "de.tsv"), "--as-of", "06/30/2026"])).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Seats 67% > 50% +20");
    expect(text).toContain("Seats 25% ≤ 50% +0");
    // --decimal point says otherwise: 1.500 is 1.5 and 1.000 is 1, still 67%; 2.000 is 2 and 500 active users is 25,000%
    out = [];
    expect(await main(["score", join(dir, "de.tsv"), "--as-of", "2026-06-30", "--decimal", "point"])).toBe(0);
    expect(out.join("\n")).toContain("Seats 25000% > 50% +20");
  });
  it("says which accounts are not in the ownership table", async () => {
    writeFileSync(join(dir, "acc.csv"), "Account,NPS\nAcme Corp,50\nBeta Inc,10\n");
    writeFileSync(join(dir, "own.csv"), "Account,Product\nAcme Corporation,CRM\nBeta Inc,BI\n");
    expect(await main(["report", join(dir, "acc.csv"), "--ownership", join(dir, "own.csv"), "--as-of", "2026-06-30", "--out", join(dir, "r.xlsx")])).toBe(0);
    expect(stderr.join("")).toContain(`${join(dir, "acc.csv")} × ${join(dir, "own.csv")}: 1 of 2 accounts are not in the ownership table (matched by name, ignoring case and spaces), e.g. "Acme Corp": they get no next product or gap trigger`);
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
