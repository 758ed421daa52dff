/**
 * The reading layer (core/read/, core/table.ts): per-column conventions decided by proof, the column report,
 * title and footer rows, IDs and names, and the errors that used to be zeros. Expected values by hand.
 */
import { describe, expect, it } from "vitest";
import { XSELL_COLUMNS, XSELL_EXPANSION_NEEDED, XSELL_EXPLAIN, XSELL_SCORE } from "../../core/functions";
import { dateText, dayOfDateText, decimalProof, numberText, parseNumberText } from "../../core/read/cells";
import { conventionsOfCulture, conventionsOfLocale } from "../../core/read/locale";
import { buildScorecard } from "../../core/tabs";
import { readTable } from "../../core/table";
import { joinNote, readOwnership } from "../../core/ownership";
import { readPrices } from "../../core/whitespace";
import { dayFromYmd, excelSerialFromDay, type CellValue } from "../../core/values";
import { thrown } from "../helpers";

const serial = (y: number, m: number, d: number): number => excelSerialFromDay(dayFromYmd(y, m, d));
const AS_OF = dayFromYmd(2026, 6, 30);

describe("numbers as exports write them", () => {
  it.each([
    ["24.328,80", ",", 24328.8], ["0,66", ",", 0.66], ["1.200.000", ",", 1200000], ["1 234,5", ",", 1234.5], ["1\u202f234,5", ",", 1234.5],
    ["1,234.5", ".", 1234.5], ["0.66", ".", 0.66], ["1,200,000", ".", 1200000], ["1'234.50", ".", 1234.5],
    ["$1,200.00", ".", 1200], ["USD 1,200", ".", 1200], ["€1.200,00", ",", 1200], ["243 288,80 €", ",", 243288.8],
    ["(500)", ".", -500], ["500-", ".", -500], ["-1.200,50", ",", -1200.5], ["45%", ".", 0.45], ["45 %", ",", 0.45],
  ])("%s reads as %d with a decimal %s", (text, decimal, value) => {
    const t = numberText(text)!;
    expect(parseNumberText(t, decimal as "," | ".")).toBeCloseTo(value, 10);
  });
  it("says what a value proves about its column's decimal separator", () => {
    expect(decimalProof("1.200")).toBeNull(); // 1.2 or 1200
    expect(decimalProof("1,200")).toBeNull();
    expect(decimalProof("0,200")).toBe(","); // a thousands group never starts with 0
    expect(decimalProof("12,5")).toBe(",");
    expect(decimalProof("1.2.3")).toBe("bad");
    expect(parseNumberText(numberText("1.200")!, ",")).toBe(1200);
    expect(parseNumberText(numberText("1.200")!, ".")).toBe(1.2);
    expect(parseNumberText(numberText("0,66")!, ".")).toBeNull(); // contradicts the column: unreadable, not 66
  });
});

describe("dates as exports write them", () => {
  it.each([
    ["2026-03-01", "mdy", [2026, 3, 1]], ["2025-04-03 14:22", "mdy", [2025, 4, 3]], ["2021-03-15T09:30:00Z", "dmy", [2021, 3, 15]],
    ["4/12/2028", "mdy", [2028, 4, 12]], ["4/12/2028", "dmy", [2028, 12, 4]], ["07.05.2026", "dmy", [2026, 5, 7]],
    ["Apr 3, 2025", "dmy", [2025, 4, 3]], ["3 Apr 2025", "mdy", [2025, 4, 3]], ["3-Apr-25", "mdy", [2025, 4, 3]], ["20250403", "mdy", [2025, 4, 3]],
    ["3. März 2025", "mdy", [2025, 3, 3]], ["3 avr. 2025", "mdy", [2025, 4, 3]], ["4/12/2028, 10:30 AM", "mdy", [2028, 4, 12]],
  ])("%s read %s is %j", (text, order, [y, m, d]) => {
    expect(dayOfDateText(dateText(text)!, order as "mdy" | "dmy")).toBe(dayFromYmd(y, m, d));
  });
  it("decides a column's order from the value that proves it", () => {
    const t = readTable("T", [["Account", "Renewal Date"], ["A", "04/05/2027"], ["B", "13/05/2027"]]);
    expect(t.report.columns[1].readAs).toBe("dates, day first");
    expect(t.report.columns[1].note).toContain('day first, as row 3 "13/05/2027" shows');
    expect(t.rows[0][1]).toBe(serial(2027, 5, 4));
  });
  it("follows the stated default when nothing proves the order, and says so", () => {
    const mdy = readTable("T", [["Account", "Renewal Date"], ["A", "04/05/2027"]]);
    expect(mdy.rows[0][1]).toBe(serial(2027, 4, 5));
    expect(mdy.report.columns[1].note).toContain("no value shows the day/month order");
    const dmy = readTable("T", [["Account", "Renewal Date"], ["A", "04/05/2027"]], undefined, { dateOrder: "dmy" });
    expect(dmy.rows[0][1]).toBe(serial(2027, 5, 4));
  });
  it("refuses a column whose values prove both orders, naming two cells", () => {
    expect(thrown(() => readTable("XSELL_SCORE", [["Account", "Renewal Date"], ["A", "13/04/2026"], ["B", "04/13/2026"]])).message).toBe(
      'XSELL_SCORE: column "Renewal Date" has dates in both orders: row 2 "13/04/2026" can only be day first, row 3 "04/13/2026" only month first; fix one of them',
    );
  });
  it("reads serials of a 1904-system workbook four years and a day later", () => {
    // 1904 serial 0 is 1904-01-01; 45000 in 1904 is 45000 + 1462 in the 1900 system
    const t = readTable("T", [["Account", "Start Date"], ["A", 45000]], undefined, { date1904: true });
    expect(t.rows[0][1]).toBe(46462);
  });
});

describe("the column report", () => {
  const grid: CellValue[][] = [
    ["Accounts with seats (title)", "", "", "", "", ""],
    ["Account Name", "Account ID", "Number of Seats", "Active Users (30d)", "Support Plan", "NPS"],
    ["Müller GmbH", "001A", "1,200", "900", "Premier", "n/a"],
    ["Acme", "001B", "100", "20", "Standard", "50"],
    ["Acme", "001B", "100", "20", "Standard", "50"],
    ["", "", "", "", "", ""],
    ["Grand Totals (3 records)", "", "", "", "", ""],
  ];
  it("spills what each column is read as, how, and what was ignored and why", () => {
    const out = XSELL_COLUMNS(grid);
    expect(out[0]).toEqual(["Column", "Header", "Used as", "Read as", "Sample", "Note"]);
    expect(out.slice(1, 7).map((r) => r.slice(0, 4))).toEqual([
      ["A", "Account Name", "Account", "text"],
      ["B", "Account ID", "Account ID", "text"],
      ["C", "Number of Seats", "Licenses", "numbers"],
      ["D", "Active Users (30d)", "Active Users", "numbers"],
      ["E", "Support Plan", "(ignored)", "text"],
      ["F", "NPS", "NPS", "numbers"],
    ]);
    expect(out[5][5]).toMatch(/^ignored: a support plan or tier is what was bought/);
    expect(out[6][5]).toBe('1 unreadable cell counted as missing (row 3 "n/a")');
    const table = out.filter((r) => r[1] === "(table)").map((r) => r[5]);
    expect(table).toEqual([
      "header row found at row 2; row 1 above it was skipped as a title",
      "1 line under the table ignored as a footer (row 7)",
      'accounts are named by "Account Name" and joined to other tables by "Account ID" when those carry IDs too',
      "1 row repeats an account listed above (row 5); each row is scored as it stands",
    ]);
  });
  it("reads a totals line with sums under the table as a footer, never as an account; an account named Total Wine stays one", () => {
    const head = ["Account", "ARR", "Licenses", "Active Users"];
    const accounts = [
      ["Acme", "40000", "100", "80"],
      ["Total Wine & More", "52000", "200", "50"],
    ];
    for (const label of ["Grand Total", "Total", "GRAND TOTAL", "Totals:", "Grand Totals (2 records)", "Subtotal"]) {
      const t = readTable("T", [head, ...accounts, [label, "92000", "300", "130"], ["Confidential", "", "", ""]]);
      expect(t.rows.filter((r) => r.length > 0).map((r) => r[0]), label).toEqual(["Acme", "Total Wine & More"]);
      expect(t.report.notes, label).toContain("2 lines under the table ignored as a footer (row 4, 5)");
      // XSELL_SCORE: nothing scored for the totals line (Acme 80/100 seats active > 50% → 20; Total Wine 50/200 → 0)
      expect(XSELL_SCORE([head, ...accounts, [label, "92000", "300", "130"]], null, null, "2026-06-30").map((r) => r[0]), label).toEqual(["Score", 20, 0, ""]);
    }
    // the last account's name starting with "Total" is an account, not a totals line
    const last = readTable("T", [head, ...accounts.slice().reverse()]);
    expect(last.rows.map((r) => r[0])).toEqual(["Total Wine & More", "Acme"]);
    expect(last.report.notes.join(" ")).not.toContain("footer");
    const wine = readTable("T", [head, accounts[0], accounts[1]]);
    expect(wine.rows.map((r) => r[0])).toEqual(["Acme", "Total Wine & More"]);
  });

  it("keeps function outputs aligned with the rows passed: blank beside the title, blank for the footer", () => {
    const scores = XSELL_SCORE(grid, null, null, "2026-06-30");
    // Müller: seats 900/1200 = 75% > 50% → 20, NPS unreadable → 0; Acme: seats 20/100 → 0, NPS 50 > 40 → 15
    expect(scores.map((r) => r[0])).toEqual(["", "Score", 20, 15, 15, "", ""]);
    expect(XSELL_EXPLAIN(grid, null, null, "2026-06-30")[2][0]).toContain('NPS unreadable "n/a"');
  });
});

describe("errors that used to be zeros", () => {
  it("SCORE and EXPLAIN refuse a table in which the model finds none of its columns", () => {
    expect(thrown(() => XSELL_SCORE([["Account", "Colour"], ["A", "red"]])).message).toMatch(/^XSELL_SCORE: none of the columns the readiness-100 model reads is in the table/);
    expect(thrown(() => XSELL_EXPLAIN([["Account", "Colour"], ["A", "red"]])).message).toMatch(/^XSELL_EXPLAIN: none of the columns/);
  });
  it("EXPANSION_NEEDED skips a header cell on top of start_arr, as NRR does", () => {
    // (100 + 300) × (1.15 − 1) = 60
    expect(XSELL_EXPANSION_NEEDED([["Start ARR"], [100], [300]], 1.15)).toBeCloseTo(60, 10);
    expect(thrown(() => XSELL_EXPANSION_NEEDED([[100], ["lots"]], 1.15)).message).toMatch(/row 2 column 1: "lots" is not an ARR amount/);
  });
});

describe("the Scorecard joins accounts to ownership", () => {
  const accounts: CellValue[][] = [
    ["Account ID", "Account Name", "NPS", "Active Users", "Licenses"],
    ["0015g00000XyZabAAB", "Müller Logistik GmbH", 60, 9, 10],
    ["0015g00000XyZacAAB", "Acme Corp", 10, 1, 10],
  ];
  const nextOf = (ownership: CellValue[][]): Record<string, unknown> => {
    const spec = buildScorecard({ accounts, ownership, asOf: AS_OF });
    const [head, ...rows] = spec.blocks[0].cells;
    const a = head.indexOf("Account");
    const n = head.indexOf("Next best product");
    return Object.fromEntries(rows.map((r) => [r[a], r[n]]));
  };
  // CRM owners: M, A, X; BI owners: X. Attach CRM → BI = 1/3, so whoever lacks BI gets BI.
  it("by name when the ownership table has only names (ignoring case and repeated spaces)", () => {
    expect(nextOf([["Account", "Product"], ["müller  logistik gmbh", "CRM"], ["ACME CORP", "CRM"], ["X", "CRM"], ["X", "BI"]])).toEqual({ "Müller Logistik GmbH": "BI", "Acme Corp": "BI" });
  });
  it("by ID when both tables carry IDs, showing the name", () => {
    expect(nextOf([["Account ID", "Product"], ["0015g00000XyZabAAB", "CRM"], ["0015g00000XyZabAAB", "BI"], ["0015g00000XyZacAAB", "CRM"], ["X", "CRM"]])).toEqual({ "Müller Logistik GmbH": "", "Acme Corp": "BI" });
  });
  it("uses the scores of the model in use for the high-score trigger", () => {
    const spec = buildScorecard({ accounts, model: "expansion-100", asOf: AS_OF });
    const [head, ...rows] = spec.blocks[0].cells;
    for (const r of rows) {
      const score = r[head.indexOf("Score")] as number;
      const fired = /Score (\d+) ≥ 70/.exec(String(r[head.indexOf("Triggers")]));
      expect(fired ? Number(fired[1]) : null).toBe(score >= 70 ? score : null);
    }
  });
});

describe("a host's regional settings as reading defaults", () => {
  it.each([
    ["en_US", "mdy", "."], ["en", "mdy", "."], ["en_GB", "dmy", "."], ["en_AU", "dmy", "."], ["de_DE", "dmy", ","], ["fr-FR", "dmy", ","],
    ["fr_CA", "dmy", ","], ["es_US", "mdy", ","], ["pt_BR", "dmy", ","], ["ja_JP", "mdy", "."], ["", "mdy", "."],
  ])("Sheets locale %s reads unproven dates %s, decimal %s", (locale, order, decimal) => {
    expect(conventionsOfLocale(locale)).toEqual({ dateOrder: order, decimal });
  });
  it.each([
    [".", "M/d/yyyy", "mdy", "."], [",", "dd.MM.yyyy", "dmy", ","], [",", "dd/MM/yyyy", "dmy", ","], [".", "yyyy-MM-dd", "mdy", "."], [".", "d/M/yyyy", "dmy", "."],
  ])("Excel culture %s with %s reads unproven dates %s", (sep, pattern, order, decimal) => {
    expect(conventionsOfCulture(sep, pattern)).toEqual({ dateOrder: order, decimal });
  });
});

describe("what a new user's exports showed", () => {
  it("keeps each product's own price when names differ only by punctuation", () => {
    const own = readOwnership("T", [["Account", "Product"], ["A", "Plan A"], ["B", "Plan A+"], ["C", "Plan A"]]);
    expect(Array.from(readPrices("T", [["Product", "Price"], ["Plan A", 12000], ["Plan A+", 99999]], own))).toEqual([12000, 99999]);
    expect(Array.from(readPrices("T", [["Product", "Price"], ["plan  a", 12000]], own))).toEqual([12000, NaN]);
  });
  it("reads growth words as yes: Funding 'Series B' is funded, and one unreadable cell leaves the other to decide", () => {
    const explain = (hiring: CellValue, funding: CellValue): string => String(XSELL_EXPLAIN([["Account", "Hiring", "Funding"], ["A", hiring, funding]], null, null, "2026-06-30")[1][0]);
    expect(explain("yes", "Series B")).toContain("Growth Hiring+Funding +10");
    expect(explain("no", "Series B")).toContain("Growth Funding +10");
    expect(explain("", "no")).toContain("Growth none +0");
  });
  it("reads a serial number written as text in a date column, and says nothing is unreadable", () => {
    const t = readTable("T", [["Account", "Renewal Date"], ["A", "46400"], ["B", "20270115"]]);
    expect(t.rows.map((r) => r[1])).toEqual([46400, serial(2027, 1, 15)]);
    expect(t.report.columns[1].unreadable).toBe(0);
  });
  it("reads support levels written in German, French or short as Low/Medium/High", () => {
    const t = readTable("T", [["Account", "Support Level"], ["A", "Niedrig"], ["B", "Mittel"], ["C", "Hoch"], ["D", "med"], ["E", "low"]]);
    expect(t.rows.map((r) => r[1])).toEqual(["Low", "Medium", "High", "Medium", "low"]);
    expect(t.report.columns[1].note).toBe("4 values read as Low/Medium/High (e.g. Niedrig = Low, Mittel = Medium)");
  });
  it("refuses a price list passed as ownership rather than reading prices as products", () => {
    expect(thrown(() => readOwnership("T", [["Product", "List Price"], ["CRM", 100]])).message).toBe(
      'T: ownership\'s first column is "Product" (Product), not accounts; expected an account column and one column per product, or Account and Product rows',
    );
  });
  it("says how many accounts are not in the ownership table, naming a few", () => {
    const table = readTable("T", [["Account", "NPS"], ["Acme Corp", 50], ["Beta Inc", 10], ["Gamma", 20]]);
    const own = readOwnership("T", [["Account", "Product"], ["Acme Corporation", "CRM"], ["Beta Inc.", "CRM"], ["gamma", "CRM"]]);
    expect(joinNote(own, table)).toBe('2 of 3 accounts are not in the ownership table (matched by name, ignoring case and spaces), e.g. "Acme Corp", "Beta Inc": they get no next product or gap trigger');
  });
});

describe("a few more things a new user met", () => {
  it("reads an NPS written as a percentage as points", () => {
    expect(XSELL_EXPLAIN([["Account", "NPS"], ["A", "45%"]], null, null, "2026-06-30")[1][0]).toContain("NPS 45 > 40 +15");
  });
  it("says when rows have values beyond the last header", () => {
    const t = readTable("T", [["Account", "NPS"], ["A", 50, "stray"], ["B", 10]]);
    expect(t.report.notes).toContain("1 row has values beyond the last header (row 2); those cells are ignored");
  });
});
