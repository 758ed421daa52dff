/** `xsell report` and `xsell demo` end to end in-process: inputs in, workbook out, read back with ExcelJS. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";
import { writeReport } from "../../cli/commands/report";
import { PhaseProgress } from "../../cli/progress";
import { writeBigInputs } from "../../examples/big-inputs";
import { XSELL_SCORE } from "../../core/functions";

const EX = join(__dirname, "..", "..", "examples");
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xsell-cli-"));
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const sampleArgs = (o: string): string[] => [join(EX, "accounts.csv"), "--ownership", join(EX, "ownership.csv"), "--retention", join(EX, "retention.csv"), "--prices", join(EX, "prices.csv"), "--as-of", "2026-11-01", "--out", o];

describe("xsell report on the sample data", () => {
  it("writes every tab and the input data", async () => {
    const o = join(dir, "report.xlsx");
    expect(await main(["report", ...sampleArgs(o)])).toBe(0);
    expect(out.join("\n")).toContain("Wrote");
    expect(err).toEqual([]);
    const wb = await open(o);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Scorecard", "Whitespace", "Adjacency", "Retention", "Scenario", "Data", "Data - Ownership", "Data - Retention", "Data - Prices"]);
    const sc = wb.getWorksheet("Scorecard")!;
    expect((sc.getRow(1).values as unknown[]).slice(0, 10)).toEqual([undefined, "Account", "Score", "Band", "Top reasons", "Next best product", "Propensity", "Expected ARR", "Triggers", "Coverage"]);
    expect(sc.getCell("A2").value).toBe("Aperture Insurance");
    expect(sc.getCell("B2").value).toBe(100);
    expect(sc.getCell("F2").numFmt).toBe("0%");
    expect(sc.autoFilter).toBe("A1:I401");
    expect(sc.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    expect(sc.getCell("B1").note).toContain("Expansion-readiness score");
    const ws = wb.getWorksheet("Whitespace")!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => `${c.ref} ${c.rules[0].type} ${c.rules[0].formulae?.join() ?? ""}`)).toEqual(['B2:I401 expression B2="owned"', "B2:I401 colorScale "]);
    expect(ws.getCell("J2").value).toEqual({ formula: "SUM(B2:I2)" });
    const scen = wb.getWorksheet("Scenario")!;
    expect(scen.getCell("B14").value).toEqual({ formula: "B3*B4" });
    expect(scen.getCell("B3").value).toBe(400);
    const data = wb.getWorksheet("Data")!;
    expect(data.rowCount).toBe(401);
    expect(data.getCell("A1").value).toBe("Account");
    // types kept: examples/accounts.csv row 2 is Sterling Insurance, ARR 21800, Start Date 2021-10-09, Engagement Change 8%
    expect(data.getCell("D2").value).toBe(21800);
    expect(data.getCell("H2").value).toEqual(new Date(Date.UTC(2021, 9, 9)));
    expect(data.getCell("H2").numFmt).toBe("yyyy-mm-dd");
    expect(data.getCell("Q2").value).toBeCloseTo(0.08, 10);
    expect(data.getColumn(1).width).toBeGreaterThan(8);
    const prices = wb.getWorksheet("Data - Prices")!;
    expect(prices.getCell("A2").value).toBe("CRM");
    expect(prices.getCell("B2").value).toBe(24000);
  });

  it("demo writes out/xsell-demo.xlsx (here: --out) and prints the summary", async () => {
    const o = join(dir, "demo.xlsx");
    expect(await main(["demo", "--out", o])).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Accounts scored: 400");
    // the top five are the Scorecard's largest expected ARRs, largest first (not the first five rows)
    const sc = (await open(o)).getWorksheet("Scorecard")!;
    const head = (sc.getRow(1).values as unknown[]).map(String);
    const expectedCol = head.indexOf("Expected ARR");
    const best: number[] = [];
    sc.eachRow((r, i) => void (i > 1 && typeof r.getCell(expectedCol).value === "number" && best.push(r.getCell(expectedCol).value as number)));
    best.sort((x, y) => y - x);
    const printed = [...text.matchAll(/^ {2}\d\. .*\$([\d,]+) expected ARR\)$/gm)].map((m) => Number(m[1].replace(/,/g, "")));
    expect(printed).toEqual(best.slice(0, 5).map(Math.round));
    expect(text).toMatch(/NRR 101\.4%, GRR 89\.5%/);
    expect(text).toContain("Attach rates that are no cross-sell choice (marked on the Adjacency tab): 6 prerequisites, 1 subset");
    expect(text).toContain("  Knowledge Base → Service Desk: prerequisite, 68 accounts");
    // the validation line prints the Validation tab's own AUC and backtest cells (found by their labels)
    const val = (await open(o)).getWorksheet("Validation")!;
    const byLabel = new Map<string, unknown[]>();
    val.eachRow((r) => void byLabel.set(String(r.getCell(1).value), (r.values as unknown[]).slice(1)));
    const [auc, low, high] = byLabel.get("AUC")!.slice(1, 4) as number[];
    expect(text).toContain(`Validation against last year's expansion: AUC ${auc.toFixed(3)} (95% CI ${low.toFixed(3)}–${high.toFixed(3)}; 0.5 = chance)`);
    expect(auc).toBeGreaterThan(0.7);
    const [model, popularity, random] = byLabel.get("Hit rate@1")!.slice(1, 4) as number[];
    const p1 = (n: number): string => `${(n * 100).toFixed(1)}%`;
    expect(text).toContain(`hit rate@1 by expected ARR: next product ${p1(model)}, popularity ${p1(popularity)}, random ${p1(random)}`);
    expect(existsSync(o)).toBe(true);
  });

  it("takes --tabs, a model preset, and sheet names inside an xlsx input", async () => {
    const book = new ExcelJS.Workbook();
    const acc = book.addWorksheet("Accounts");
    acc.addRows([["Account", "NPS", "Funding"], ["A", 80, "Yes"], ["B", 10, "No"]]);
    const own = book.addWorksheet("Holdings");
    own.addRows([["Account", "Product"], ["A", "CRM"], ["B", "CRM"], ["B", "BI"]]);
    const src = join(dir, "book.xlsx");
    await book.xlsx.writeFile(src);
    const o = join(dir, "r.xlsx");
    expect(await main(["report", src, "--ownership", "Holdings", "--tabs", "scorecard,adjacency", "--model", "expansion-100", "--out", o])).toBe(0);
    const wb = await open(o);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Scorecard", "Adjacency", "Data", "Data - Ownership"]);
    expect(wb.getWorksheet("Scorecard")!.getCell("A2").value).toBe("A");
    expect(wb.getWorksheet("Scorecard")!.getCell("B2").value).toBe(18); // expansion-100: NPS > 0 +10, Funding +8
  });
});

describe("messy inputs", () => {
  it("reads renamed headers, percent strings, blank rows, Excel dates and duplicate accounts like the core does", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Export");
    ws.addRows([
      ["Customer Name", "Seats", "Active Seats", "Net Promoter Score", "Customer Since", "Support Level", "Hiring Signal", "Feature Usage", "Contract End", "Exec Sponsor", "Plan Usage"],
      ["Acme", "1,200", "900", "45", new Date(Date.UTC(2020, 0, 15)), "low", "y", 3, new Date(Date.UTC(2028, 5, 30)), "Dana", "82%"],
      [],
      ["Globex", 50, 10, "n/a", new Date(Date.UTC(2026, 9, 1)), "High", "no", "no", new Date(Date.UTC(2026, 11, 1)), "", "40%"],
      ["Acme", "1,200", "100", "20", new Date(Date.UTC(2020, 0, 15)), "Medium", "", 0, new Date(Date.UTC(2028, 5, 30)), "", "10%"],
    ]);
    const src = join(dir, "messy.xlsx");
    await book.xlsx.writeFile(src);
    const o = join(dir, "messy-report.xlsx");
    expect(await main(["report", src, "--tabs", "scorecard", "--as-of", "2026-11-01", "--out", o])).toBe(0);
    const sc = (await open(o)).getWorksheet("Scorecard")!;
    // Acme row 1: seats 75% +20, NPS 45 +15, tenure +10, support low +10, hiring +10, features +15, renewal +10, champion +10 = 100
    expect([sc.getCell("A2").value, sc.getCell("B2").value]).toEqual(["Acme", 100]);
    // duplicate Acme row scores on its own: seats 8% +0, NPS 20 +0, tenure +10, support +10, renewal +10 = 30
    // Globex: NPS unreadable, tenure 1 mo, high support, renewal in 1 mo: 0
    const rest = [3, 4].map((r) => [sc.getCell(`A${r}`).value, sc.getCell(`B${r}`).value]);
    expect(rest).toEqual([["Acme", 30], ["Globex", 0]]);
    expect(sc.getCell("G1").value).toBe("Triggers"); // no prices: no Expected ARR column
    expect(String(sc.getCell("G2").value)).toContain("Usage 82% of plan ≥ 75%");
    expect(String(sc.getCell("D4").value)).not.toContain("NPS"); // no points from an unreadable NPS
    // the same answers as the function catalog on the same cells
    const core = XSELL_SCORE([["Account", "NPS"], ["A", "45"]], null, null, "2026-11-01");
    expect(core).toEqual([["Score"], [15]]);
  });

  it("writes hostile text as text in the workbook", async () => {
    const src = join(dir, "hostile.csv");
    writeFileSync(src, 'Account,NPS\n"=HYPERLINK(""http://evil.example"",""x"")",50\n+cmd,10\n');
    const o = join(dir, "h.xlsx");
    expect(await main(["report", src, "--tabs", "scorecard", "--out", o])).toBe(0);
    const sc = (await open(o)).getWorksheet("Scorecard")!;
    expect(sc.getCell("A2").value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(sc.getCell("A3").value).toBe("+cmd");
    expect((await open(o)).getWorksheet("Data")!.getCell("A2").value).toBe('=HYPERLINK("http://evil.example","x")');
  });
});

describe("bad input: one clear message, exit code 2, no file left behind", () => {
  const cases: [string, (d: string) => string[], RegExp][] = [
    ["a missing file", (d) => ["report", join(d, "nope.csv"), "--out", join(d, "o.xlsx")], /^xsell: cannot read .*nope\.csv: no such file$/],
    ["an unreadable sheet", (d) => ["report", join(d, "book.xlsx"), "--ownership", "Nope", "--out", join(d, "o.xlsx")], /^xsell: cannot read sheet "Nope" of .*book\.xlsx: it has "Accounts"$/],
    ["a corrupt workbook", (d) => ["report", join(d, "fake.xlsx"), "--out", join(d, "o.xlsx")], /^xsell: cannot read .*fake\.xlsx: not a readable \.xlsx workbook/],
    ["no recognized columns", (d) => ["report", join(d, "odd.csv"), "--out", join(d, "o.xlsx")], /^xsell: \/.*\/odd\.csv: none of its columns is one the readiness-100 model reads; expected headers such as Active Users, .*\(found "Colour", "Size"\); map yours with --map/],
    ["an unknown tab", (d) => ["report", join(EX, "accounts.csv"), "--tabs", "pivot", "--out", join(d, "o.xlsx")], /^xsell: --tabs: unknown tab "pivot"/],
    ["a bad date", (d) => ["report", join(EX, "accounts.csv"), "--as-of", "tomorrow", "--out", join(d, "o.xlsx")], /^xsell: --as-of: "tomorrow" is not a date/],
    ["a tab without its input", (d) => ["report", join(EX, "accounts.csv"), "--tabs", "whitespace", "--out", join(d, "o.xlsx")], /^xsell: Whitespace: needs the ownership table$/],
    ["a missing --out", () => ["report", join(EX, "accounts.csv")], /^xsell: report needs --out <report\.xlsx>$/],
    ["no arguments", () => ["report"], /^xsell: report needs <accounts\.csv\|\.xlsx> and --out <report\.xlsx>: xsell report <accounts\.csv\|\.xlsx> --out <report\.xlsx> \[options\]$/],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Accounts").addRows([["Account", "NPS"], ["A", 50]]);
    await book.xlsx.writeFile(join(dir, "book.xlsx"));
    writeFileSync(join(dir, "fake.xlsx"), "this is not a zip");
    writeFileSync(join(dir, "odd.csv"), "Colour,Size\nred,3\n");
    const before = readdirSync(dir).sort();
    expect(await main(args(dir))).toBe(2);
    expect(err.length).toBe(1);
    expect(err[0]).toMatch(message);
    expect(err[0]).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("refuses to replace an existing workbook unless --force", async () => {
    const o = join(dir, "keep.xlsx");
    writeFileSync(o, "precious");
    expect(await main(["report", ...sampleArgs(o)])).toBe(2);
    expect(err[0]).toBe(`xsell: ${o} already exists; pass --force to replace it`);
    expect(await main(["report", ...sampleArgs(o), "--force"])).toBe(0);
    expect((await open(o)).worksheets.length).toBe(9);
  });
});

describe("help and progress", () => {
  it("prints help", async () => {
    expect(await main(["--help"])).toBe(0);
    expect(out[0]).toContain("xsell report <accounts.csv|.xlsx> --out <report.xlsx>");
  });
  it("draws a bar per phase on a terminal for inputs over 50,000 rows, each redrawn on its own line, and nothing otherwise", () => {
    const writes: string[] = [];
    const tty = { isTTY: true, columns: 80, write: (s: string) => writes.push(s) };
    const p = new PhaseProgress(tty, 60_000, ["reading", "computing", "writing"]);
    p.update(0, 1, 4, "1 of 4 MB");
    p.update(0, 1, 4, "1 of 4 MB"); // unchanged: not redrawn
    p.update(1, 1, 2, "Scorecard");
    p.update(2, 50, 100, "Scorecard: 50 of 100 rows");
    p.update(1, 2, 2, "Whitespace");
    p.done();
    expect(writes[0]).toMatch(/^\rreading   \[#+-+\]  25% 1 of 4 MB\x1b\[K$/);
    expect(writes[1]).toMatch(/^\n\rcomputing \[#+-+\]  50% Scorecard\x1b\[K$/);
    expect(writes[2]).toMatch(/^\n\rwriting   \[#+-+\]  50% Scorecard: 50 of 100 rows\x1b\[K$/);
    // back up one line to the computing bar, redraw it, come back down
    expect(writes[3]).toMatch(/^\x1b\[1A\rcomputing \[#+\] 100% Whitespace\x1b\[K\x1b\[1B$/);
    expect(writes[4]).toBe("\n");
    expect(writes).toHaveLength(5);
    const quiet: string[] = [];
    new PhaseProgress({ isTTY: false, write: (s: string) => quiet.push(s) }, 60_000, ["reading"]).update(0, 1, 2);
    new PhaseProgress({ isTTY: true, write: (s: string) => quiet.push(s) }, 1_000, ["reading"]).update(0, 1, 2);
    expect(quiet).toEqual([]);
  });

  it("prints the column reports above the bars: the bars are cleared, the text goes where they stood, and they are drawn again under it", () => {
    const screen = new Screen();
    const p = new PhaseProgress(screen, 60_000, ["reading", "computing", "writing"]);
    p.update(0, 1, 4, "1 of 4 MB");
    p.update(2, 1, 2, "Data - Ownership: 1 of 2 rows");
    p.above(() => screen.write("accounts.csv: 3 rows of data\n  A  Account\n"));
    p.update(0, 2, 4, "2 of 4 MB");
    expect(screen.lines.map((l) => l.replace(/\[[#-]+\]/, "[bar]"))).toEqual([
      "accounts.csv: 3 rows of data",
      "  A  Account",
      "reading   [bar]  50% 2 of 4 MB",
      "",
      "writing   [bar]  50% Data - Ownership: 1 of 2 rows",
    ]);
    // off a terminal the text is written as it is
    const quiet: string[] = [];
    new PhaseProgress({ isTTY: false, write: (s: string) => quiet.push(s) }, 60_000, ["reading"]).above(() => quiet.push("text\n"));
    expect(quiet).toEqual(["text\n"]);
  });

  it("on a terminal, a large report's column reports stand on lines of their own, above its bars", async () => {
    const inputs = writeBigInputs(join(dir, "big"), 20_000);
    const screen = new Screen();
    await writeReport({ accounts: inputs.accounts, ownership: inputs.ownership, retention: inputs.retention, asOf: "2026-11-01", out: join(dir, "big.xlsx"), keepSpecs: false, progress: screen, log: (t) => screen.write(`${t}\n`) });
    const reports = screen.lines.filter((l) => / rows of data;/.test(l));
    expect(reports).toHaveLength(3);
    for (const line of reports) expect(line).toMatch(/^\/.*\.csv: [\d,]+ rows of data;/);
    // the three bars end the screen, each on its line, every phase complete (then the line the run ends on)
    expect(screen.lines.at(-1)).toBe("");
    const bars = screen.lines.slice(-4, -1);
    expect(bars.map((l) => l.slice(0, 9))).toEqual(["reading  ", "computing", "writing  "]);
    for (const bar of bars) expect(bar).toContain("100%");
  }, 60_000);

  it("leaves the Data tabs out with --data none, and refuses another value", async () => {
    const o = join(dir, "lean.xlsx");
    expect(await main(["report", join(EX, "accounts.csv"), "--ownership", join(EX, "ownership.csv"), "--as-of", "2026-11-01", "--data", "none", "--out", o])).toBe(0);
    expect((await open(o)).worksheets.map((w) => w.name)).toEqual(["Scorecard", "Whitespace", "Adjacency", "Scenario"]);
    expect(out.join("\n")).not.toContain("input data");
    expect(await main(["report", join(EX, "accounts.csv"), "--data", "all", "--out", join(dir, "x.xlsx")])).toBe(2);
    expect(err.join("\n")).toContain('--data: "all" is not copy');
  });
});

/** A terminal's screen, for what PhaseProgress draws: lines, the cursor, \r, \n and the ANSI moves it uses. */
class Screen {
  readonly isTTY = true;
  readonly columns = 120;
  lines: string[] = [""];
  private row = 0;
  private col = 0;
  write(s: string): boolean {
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      const esc = c === "\x1b" ? /^\x1b\[(\d*)([ABJK])/.exec(s.slice(i)) : null;
      if (esc) {
        const n = Number(esc[1] || 1);
        if (esc[2] === "A") this.row = Math.max(0, this.row - n);
        else if (esc[2] === "B") this.row = Math.min(this.lines.length - 1, this.row + n);
        else if (esc[2] === "K") this.lines[this.row] = this.lines[this.row].slice(0, this.col);
        else this.lines = [...this.lines.slice(0, this.row), this.lines[this.row].slice(0, this.col)];
        i += esc[0].length - 1;
      } else if (c === "\r") this.col = 0;
      else if (c === "\n") {
        this.row++;
        this.col = 0;
        if (this.row === this.lines.length) this.lines.push("");
      } else {
        const line = this.lines[this.row].padEnd(this.col);
        this.lines[this.row] = line.slice(0, this.col) + c + line.slice(this.col + 1);
        this.col++;
      }
    }
    return true;
  }
}
