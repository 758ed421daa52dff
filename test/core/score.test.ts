import { describe, expect, it } from "vitest";
import { XSELL_BAND, XSELL_EXPLAIN, XSELL_MODEL, XSELL_SCORE } from "../../core/functions";
import { XsellError } from "../../core/errors";
import type { CellValue } from "../../core/values";

const AS_OF = "2026-11-01";
const HEAD = ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion"];
/** Every signal present and every test failing right at its boundary: 0 points, coverage 100%. */
const BASE: Record<string, CellValue> = {
  "Account": "Acme", "Licenses": 100, "Active Users": 50, "NPS": 40, "Start Date": "2026-05-01", "Support Level": "High",
  "Hiring": "No", "Funding": "No", "Adjacent Feature Usage": "No", "Renewal Date": "2027-05-01", "Champion": "No",
};
const row = (over: Record<string, CellValue>): CellValue[] => HEAD.map((h) => (h in over ? over[h] : BASE[h]));
const scoreOf = (over: Record<string, CellValue>, asOf = AS_OF): CellValue => XSELL_SCORE([row(over)], [HEAD], null, asOf)[0][0];
const explainOf = (over: Record<string, CellValue>, asOf = AS_OF): CellValue => XSELL_EXPLAIN([row(over)], [HEAD], null, asOf)[0][0];

describe("XSELL_SCORE readiness-100: each criterion at and around its boundary", () => {
  it("scores 0 when every test sits exactly on its strict boundary", () => {
    expect(scoreOf({})).toBe(0);
    expect(explainOf({})).toBe("Seats 50% ≤ 50% +0 · NPS 40 ≤ 40 +0 · Tenure 6 mo ≤ 6 +0 · Support High not Low/Medium +0 · Growth none +0 · Features no +0 · Renewal in 6 mo ≤ 6 +0 · Champion no +0 · coverage 100%");
  });
  it.each([
    ["Active Users", 51, 20], ["Active Users", 50, 0], ["Active Users", 49, 0], ["Active Users", "51", 20],
    ["NPS", 41, 15], ["NPS", 40, 0], ["NPS", 39, 0], ["NPS", "41", 15], ["NPS", 40.5, 15],
    ["Start Date", "2026-04-30", 10], ["Start Date", "2026-05-01", 0], ["Start Date", "2026-05-02", 0], ["Start Date", 46142, 10],
    ["Support Level", "Low", 10], ["Support Level", "Medium", 10], ["Support Level", " medium ", 10], ["Support Level", "High", 0],
    ["Hiring", "Yes", 10], ["Funding", true, 10], ["Hiring", "x", 10],
    ["Adjacent Feature Usage", true, 15], ["Adjacent Feature Usage", 3, 15], ["Adjacent Feature Usage", 0, 0], ["Adjacent Feature Usage", "Y", 15],
    ["Renewal Date", "2027-05-02", 10], ["Renewal Date", "2027-05-01", 0], ["Renewal Date", "2027-04-30", 0],
    ["Champion", "Dana Lee", 10], ["Champion", "TRUE", 10], ["Champion", "No", 0], ["Champion", "-", 0],
  ])("%s = %j earns %d", (column, value, points) => {
    expect(scoreOf({ [column]: value })).toBe(points);
  });
  it("uses calendar months that clamp at month ends (as of Aug 31, six months back is Feb 28)", () => {
    // the renewal sits exactly six months out too (Feb 28, 2027), so it earns nothing
    expect(scoreOf({ "Start Date": "2026-02-27", "Renewal Date": "2027-02-28" }, "2026-08-31")).toBe(10);
    expect(scoreOf({ "Start Date": "2026-02-28", "Renewal Date": "2027-02-28" }, "2026-08-31")).toBe(0);
    expect(scoreOf({ "Start Date": "2026-02-28", "Renewal Date": "2027-03-01" }, "2026-08-31")).toBe(10);
  });
  it("adds up to 100 for an account passing everything", () => {
    const all = { "Active Users": 90, "NPS": 70, "Start Date": "2020-01-01", "Support Level": "Low", "Hiring": "Yes", "Adjacent Feature Usage": "Yes", "Renewal Date": "2028-01-01", "Champion": "Dana Lee" };
    expect(scoreOf(all)).toBe(100);
    expect(explainOf(all)).toBe("Seats 90% > 50% +20 · NPS 70 > 40 +15 · Tenure 82 mo > 6 +10 · Support Low is Low/Medium +10 · Growth Hiring +10 · Features yes +15 · Renewal in 14 mo > 6 +10 · Champion yes +10 · coverage 100%");
  });
  it("gives 0 points for missing, error and unreadable signals and reports them", () => {
    expect(scoreOf({ "NPS": "n/a", "Active Users": 80 })).toBe(20);
    expect(explainOf({ "NPS": "n/a" })).toContain('NPS unreadable "n/a"');
    expect(explainOf({ "NPS": "n/a" })).toContain("coverage 85%");
    expect(explainOf({ "Champion": "" })).toContain("Champion missing");
    expect(explainOf({ "Champion": "" })).toMatch(/coverage 90%$/);
    expect(explainOf({ "NPS": "#N/A" })).toContain("NPS missing");
    expect(explainOf({ "Licenses": 0, "Active Users": 5 })).toContain("Seats unreadable 0");
    expect(explainOf({ "Renewal Date": "sometime in 2027" })).toContain('Renewal unreadable "sometime in 2027"');
    // a slash date with no part above 12 reads month first by default: 4 March 2027 is 4 months 3 days after 2026-11-01
    expect(explainOf({ "Renewal Date": "03/04/2027" })).toContain("Renewal in 4 mo 3 d ≤ 6 +0");
  });
  it("scores a table without some model columns and says which are missing", () => {
    const out = XSELL_EXPLAIN([["Customer", "NPS"], ["Acme", 55]], null, null, AS_OF);
    expect(out[1][0]).toBe("Seats missing · NPS 55 > 40 +15 · Tenure missing · Support missing · Growth missing · Features missing · Renewal missing · Champion missing · coverage 15%");
  });
});

describe("header and no-header forms", () => {
  const data = [HEAD, row({ "NPS": 60 }), HEAD.map(() => ""), row({ "Champion": "Ana" })];
  it("starts with a Score header cell and keeps blank rows blank", () => {
    expect(XSELL_SCORE(data, null, null, AS_OF)).toEqual([["Score"], [15], [""], [10]]);
    expect(XSELL_EXPLAIN(data, undefined, undefined, AS_OF)[0]).toEqual(["Explanation"]);
    expect(XSELL_EXPLAIN(data, undefined, undefined, AS_OF)[2]).toEqual([""]);
  });
  it("returns rows only when headers are passed separately (fill-down form)", () => {
    expect(XSELL_SCORE([row({ "NPS": 60 })], [HEAD], null, AS_OF)).toEqual([[15]]);
    expect(XSELL_SCORE(data.slice(1), [HEAD], undefined, AS_OF)).toEqual([[15], [""], [10]]);
  });
  it("accepts as_of as a date in any form, and defaults to today", () => {
    const serial = 46327; // 2026-11-01
    expect(XSELL_SCORE([row({ "Start Date": "2026-04-30" })], [HEAD], null, serial)).toEqual([[10]]);
    expect(XSELL_SCORE([row({ "Start Date": "2026-04-30" })], [HEAD], null, new Date(2026, 10, 1))).toEqual([[10]]);
    expect(XSELL_SCORE([row({ "Start Date": "2000-01-01" })], [HEAD])).toEqual([[10]]);
    expect(() => XSELL_SCORE([row({})], [HEAD], null, "soon")).toThrow('XSELL_SCORE: as_of: "soon" is not a date');
  });
});

describe("expansion-100 preset (seed 000, framework 5)", () => {
  const head = ["Account", "Licenses", "Active Users", "Feature Adoption", "Support Tickets", "NPS", "Funding", "Hiring", "Engagement Change", "Competitor Evaluation", "Last Purchase Date", "Adjacent Feature Usage", "Departments", "Champion"];
  const rows: CellValue[][] = [
    ["A", 100, 61, 0.2, 1, 1, "Yes", "No", "5%", "No", "2026-08-02", "Yes", 2, "Dana"],
    ["B", 100, 60, 0.4, 2, 0, "No", "Yes", "0%", "Yes", "2026-08-03", "No", 1, ""],
    ["C", 100, 10, 0.6, 3, -5, "No", "No", "-2%", "No", "2025-01-01", "No", 3, "No"],
    ["D", 100, 90, 0.8, 10, 50, "Yes", "Yes", "10%", "Yes", "2026-10-01", "Yes", 4, "Yes"],
  ];
  it("computes top quartile (Q3 = 0.65) and below average (mean 4) across the rows passed in", () => {
    // A: usage 61% > 60% +10, adoption 0.2 < Q3 +0, tickets 1 < 4 +10, NPS 1 > 0 +10, funding +8, engagement +8,
    //    last purchase 91 d > 90 +8, adjacency +8, departments 2 > 1 +7, sponsor +7 = 76
    // B: tickets +10, hiring +7, competition +7 = 24 (last purchase exactly 90 d earns 0)
    // C: tickets +10, last purchase +8, departments +7 = 25
    // D: usage +10, adoption 0.8 ≥ 0.65 +10, NPS +10, funding +8, hiring +7, engagement +8, competition +7, adjacency +8, departments +7, sponsor +7 = 82
    expect(XSELL_SCORE([head, ...rows], null, "expansion-100", AS_OF)).toEqual([["Score"], [76], [24], [25], [82]]);
    const explain = XSELL_EXPLAIN([head, ...rows], null, "Expansion-100", AS_OF);
    expect(explain[4][0]).toContain("Adoption 0.8 ≥ Q3 0.65 +10");
    expect(explain[4][0]).toContain("Tickets 10 ≥ avg 4 +0");
    expect(explain[2][0]).toContain("Last purchase 90 d ≤ 90 +0");
  });
});

describe("edited models", () => {
  const model: CellValue[][] = [
    ["Criterion", "Category", "Column or signal", "Test", "Threshold", "Points", "Full at"],
    ["NPS", "Health", "NPS", ">", 30, 60, 50],
    ["Champion", "Sponsor", "Executive Sponsor", "true", "", 40, ""],
  ];
  const data = (nps: CellValue, sponsor: CellValue): CellValue[][] => [["Customer", "Net Promoter Score", "Executive Sponsor"], ["Acme", nps, sponsor]];
  it.each([[30, 0], [31, 3], [40, 30], [50, 60], [55, 60]])("gives linear partial credit: NPS %d earns %d of 60", (nps, pts) => {
    expect(XSELL_SCORE(data(nps, "No"), null, model, AS_OF)[1][0]).toBe(pts);
  });
  it("adds the other criteria and explains partial points", () => {
    expect(XSELL_SCORE(data(40, "Yes"), null, model, AS_OF)[1][0]).toBe(70);
    expect(XSELL_EXPLAIN(data(40, "Yes"), null, model, AS_OF)[1][0]).toBe("NPS 40 > 30 +30 · Champion yes +40 · coverage 100%");
  });
  it("round-trips the spilled presets", () => {
    const spilled = XSELL_MODEL();
    expect(spilled[0]).toEqual(["Criterion", "Category", "Column or signal", "Test", "Threshold", "Points", "Full at"]);
    expect(spilled.length).toBe(9);
    expect(spilled.slice(1).reduce((s, r) => s + (r[5] as number), 0)).toBe(100);
    const d = [HEAD, row({ "NPS": 90, "Hiring": "Yes" })];
    expect(XSELL_SCORE(d, null, spilled, AS_OF)).toEqual(XSELL_SCORE(d, null, null, AS_OF));
    expect(XSELL_MODEL("expansion-100").length).toBe(13);
  });
  const broken = (r: number, c: number, v: CellValue): CellValue[][] => model.map((row, i) => (i === r ? row.map((x, j) => (j === c ? v : x)) : row));
  it.each([
    [broken(1, 5, 50), "XSELL_SCORE: model points add up to 90; a model's points must total 100"],
    [broken(1, 3, "between"), 'XSELL_SCORE: model row 2 ("NPS"): test "between" is not one of'],
    [broken(1, 4, ""), 'XSELL_SCORE: model row 2 ("NPS"): test ">" needs a number in Threshold, got blank'],
    [broken(1, 6, 20), 'XSELL_SCORE: model row 2 ("NPS"): Full at (20) must be above the threshold (30)'],
    [broken(2, 6, 5), 'XSELL_SCORE: model row 3 ("Champion"): Full at applies only to the tests'],
    [broken(1, 5, "lots"), 'XSELL_SCORE: model row 2 ("NPS"): Points "lots" is not a number ≥ 0'],
    [broken(0, 0, "Name"), 'XSELL_SCORE: model has no "Criterion" column'],
    [broken(1, 2, "NPS / "), 'XSELL_SCORE: model row 2 ("NPS"): a ratio signal needs two columns'],
  ])("rejects a malformed model clearly (%#)", (m, message) => {
    expect(() => XSELL_SCORE(data(40, "Yes"), null, m, AS_OF)).toThrow(message);
  });
  it("rejects an unknown preset name", () => {
    expect(() => XSELL_SCORE(data(40, "Yes"), null, "gold", AS_OF)).toThrow('XSELL_SCORE: model must be "readiness-100" or "expansion-100", got "gold"; or pass a model table as XSELL_MODEL spills it');
    expect(() => XSELL_MODEL("gold")).toThrow(XsellError);
  });
});

describe("XSELL_BAND", () => {
  it.each([[100, "High"], [70, "High"], [69.99, "Qualified"], [60.5, "Qualified"], [60, "Nurture"], [40, "Nurture"], [39.99, "Low"], [0, "Low"]])("%d → %s", (s, b) => {
    expect(XSELL_BAND(s)).toBe(b);
  });
  it("bands a column, keeps blanks and the Score header aligned", () => {
    expect(XSELL_BAND([["Score"], [75], [""], ["61"]])).toEqual([["Band"], ["High"], [""], ["Qualified"]]);
  });
  it("rejects scores outside 0–100 and text", () => {
    expect(() => XSELL_BAND(101)).toThrow("XSELL_BAND: score: 101 is outside 0–100");
    expect(() => XSELL_BAND([[50], ["abc"]])).toThrow('XSELL_BAND: row 2: "abc" is not a score');
    try {
      XSELL_BAND(-1);
    } catch (e) {
      expect((e as XsellError).code).toBe("#NUM!");
    }
  });
});
