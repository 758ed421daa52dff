/** XSELL_COHORTS: the cohort triangle on hand-worked fixtures, and against a brute-force reading of the same rule. */
import { describe, expect, it } from "vitest";
import { XSELL_COHORTS } from "../../../core/history/functions";
import { cohorts } from "../../../core/history/cohorts";
import { activeOn, readHistory } from "../../../core/history/read";
import { dayFromYmd, excelSerialFromDay, type CellValue } from "../../../core/values";
import { prng } from "../../../examples/generate";
import { thrown } from "../../helpers";

const HEAD = ["Account", "Product", "MRR", "Start Date", "End Date"];

/**
 * Monthly, as of 2026-04-15 (cells are measured on Feb 1, Mar 1 and Apr 1; May 1 is after as_of):
 *  P  CRM 100 from 2026-01-01, open                                    cohort Jan, starts 100
 *  Q  CRM 200 2026-01-20 → 2026-03-10                                   cohort Jan, starts 200, gone by Apr 1
 *  R  CRM 100 2026-01-31 → 2026-02-15, then 160 from 2026-02-15 (starts on the month's last day)  cohort Jan, starts 100
 *  S  CRM 200 from 2026-02-10; Analytics 100 from 2026-03-05          cohort Feb, starts 200
 *  T  CRM 500 2026-02-28 → 2026-02-28 (zero-length, never paid); Service 0 from 2026-02-01 (zero amount);
 *     BI 60 2026-03-15 → 2026-04-01                                     cohort Mar (its first paid day), starts 60
 *  U  CRM 70 from 2026-04-10                                            cohort Apr, starts 70, nothing known yet
 * Revenue: Jan cohort 400 → Feb 1: 100 + 200 + 100 = 400 (1); Mar 1: 100 + 200 + 160 = 460 (1.15);
 *          Apr 1: 100 + 0 + 160 = 260 (0.65). Feb cohort 200 → Mar 1: 200 (1); Apr 1: 300 (1.5).
 *          Mar cohort 60 → Apr 1: 0 (0). Apr cohort: blank.
 * Logos:   Jan 3/3, 3/3, 2/3; Feb 1, 1; Mar 0.
 */
const FIXTURE: CellValue[][] = [
  HEAD,
  ["P", "CRM", 100, "2026-01-01", ""],
  ["Q", "CRM", 200, "2026-01-20", "2026-03-10"],
  ["R", "CRM", 100, "2026-01-31", "2026-02-15"],
  ["R", "CRM", 160, "2026-02-15", ""],
  ["S", "CRM", 200, "2026-02-10", ""],
  ["S", "Analytics", 100, "2026-03-05", ""],
  ["T", "CRM", 500, "2026-02-28", "2026-02-28"],
  ["T", "Service", 0, "2026-02-01", ""],
  ["T", "BI", 60, "2026-03-15", "2026-04-01"],
  ["U", "CRM", 70, "2026-04-10", ""],
];
const JAN = 46023; // Excel serials of 2026-01-01, 02-01, 03-01, 04-01
const FEB = 46054;
const MAR = 46082;
const APR = 46113;

describe("XSELL_COHORTS on a hand-worked fixture", () => {
  it("revenue retention, cohort sizes beside it, blank after as_of", () => {
    expect(XSELL_COHORTS(FIXTURE, "month", "revenue", "2026-04-15")).toEqual([
      ["Cohort", "Accounts", "Starting MRR", 0, 1, 2],
      [JAN, 3, 400, 1, 1.15, 0.65],
      [FEB, 1, 200, 1, 1.5, ""],
      [MAR, 1, 60, 0, "", ""],
      [APR, 1, 70, "", "", ""],
    ]);
  });
  it("logo retention (the default period is month)", () => {
    expect(XSELL_COHORTS(FIXTURE, undefined, "logos", "2026-04-15")).toEqual([
      ["Cohort", "Accounts", "Starting MRR", 0, 1, 2],
      [JAN, 3, 400, 1, 1, 2 / 3],
      [FEB, 1, 200, 1, 1, ""],
      [MAR, 1, 60, 0, "", ""],
      [APR, 1, 70, "", "", ""],
    ]);
  });
  it("by quarter: Q1 2026 is P, Q, R, S, T (660), measured on Apr 1: 100 + 160 + 300 = 560; Q2 is U, blank", () => {
    expect(XSELL_COHORTS(FIXTURE, "quarter", undefined, "2026-04-15")).toEqual([
      ["Cohort", "Accounts", "Starting MRR", 0],
      [JAN, 5, 660, 560 / 660],
      [APR, 1, 70, ""],
    ]);
    expect(XSELL_COHORTS(FIXTURE, "quarter", "logos", "2026-04-15")).toEqual([
      ["Cohort", "Accounts", "Starting MRR", 0],
      [JAN, 5, 660, 3 / 5],
      [APR, 1, 70, ""],
    ]);
  });
  it("an as_of inside the first cohort's period: every cell blank, one column", () => {
    expect(XSELL_COHORTS(FIXTURE, "month", "revenue", "2026-01-25")).toEqual([
      ["Cohort", "Accounts", "Starting MRR", 0],
      [JAN, 2, 300, ""], // P and Q; R starts on the 31st
    ]);
  });
  it("an empty month between cohorts is a row with no account and blank cells", () => {
    const t = [HEAD, ["A", "CRM", 100, "2026-01-10", ""], ["B", "CRM", 50, "2026-03-10", ""]];
    expect(XSELL_COHORTS(t, "month", "revenue", "2026-04-01")).toEqual([
      ["Cohort", "Accounts", "Starting MRR", 0, 1, 2],
      [JAN, 1, 100, 1, 1, 1],
      [FEB, 0, 0, "", "", ""],
      [MAR, 1, 50, 1, "", ""],
      [APR, 0, 0, "", "", ""], // as_of's own period is a cohort too, still empty
    ]);
  });
});

describe("XSELL_COHORTS units", () => {
  it("an ARR column keeps its unit in the header", () => {
    const t = [["Account", "Product", "ARR", "Start Date", "End Date"], ["A", "CRM", 1200, "2026-01-10", ""]];
    expect(XSELL_COHORTS(t, "month", "revenue", "2026-03-01")).toEqual([
      ["Cohort", "Accounts", "Starting ARR", 0, 1],
      [JAN, 1, 1200, 1, 1],
      [FEB, 0, 0, "", ""],
      [MAR, 0, 0, "", ""],
    ]);
  });
});

describe("XSELL_COHORTS errors", () => {
  it("no account paying on or before as_of is #DIV/0! with the reason", () => {
    const e = thrown(() => XSELL_COHORTS(FIXTURE, "month", "revenue", "2025-12-31"));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toBe("XSELL_COHORTS: no account pays above 0 on or before as_of (2025-12-31), so there is no cohort");
  });
  it("refuses an unknown measure or period, naming the function and argument", () => {
    expect(thrown(() => XSELL_COHORTS(FIXTURE, "month", "arr")).message).toBe('XSELL_COHORTS: measure must be "revenue" or "logos", got "arr"');
    expect(thrown(() => XSELL_COHORTS(FIXTURE, "week")).message).toBe('XSELL_COHORTS: period must be "month", "quarter" or "year", got "week"');
  });
});

describe("cohorts() against a brute-force reading of its rule", () => {
  it("every cell is Σ of the cohort's accounts active on the first day of period cohort + k + 1, over their first-day amounts", () => {
    const rnd = prng(3);
    const table: CellValue[][] = [HEAD];
    const iso = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);
    for (let a = 0; a < 150; a++) {
      let day = dayFromYmd(2024, 1, 1) + Math.floor(rnd() * 700);
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
        const end = day + Math.floor(rnd() * 250);
        table.push([`a${a}`, `p${k % 2}`, Math.floor(rnd() * 4) * 25, iso(day), rnd() < 0.15 ? "" : iso(end)]);
        day = rnd() < 0.4 ? end : end + Math.floor(rnd() * 100);
      }
    }
    const asOf = dayFromYmd(2026, 2, 20);
    const h = readHistory("T", table);
    const t = cohorts("T", h, "quarter", asOf);
    // brute force: first paid day per account by scanning every day, cohort = its quarter
    const A = h.accounts.length;
    const first = new Array<number>(A).fill(Infinity);
    const firstAmount = new Array<number>(A).fill(0);
    const buf = new Float64Array(A);
    for (let d = dayFromYmd(2024, 1, 1); d <= asOf; d++) {
      activeOn(h, d, buf);
      for (let a = 0; a < A; a++) if (buf[a] > 0 && first[a] === Infinity) [first[a], firstAmount[a]] = [d, buf[a]];
    }
    const quarterOf = (d: number): number => {
      const dt = new Date(d * 86400000);
      return dt.getUTCFullYear() * 4 + Math.floor(dt.getUTCMonth() / 3);
    };
    const quarterStart = (q: number): number => dayFromYmd(Math.floor(q / 4), (q % 4) * 3 + 1, 1);
    const q0 = quarterOf(Math.min(...first.filter(Number.isFinite)));
    expect(t.cohorts[0].day).toBe(quarterStart(q0));
    t.cohorts.forEach((c, ci) => {
      const members = first.map((f, a) => (Number.isFinite(f) && quarterOf(f) === q0 + ci ? a : -1)).filter((a) => a >= 0);
      expect(c.accounts).toBe(members.length);
      expect(c.starting).toBeCloseTo(members.reduce((s, a) => s + firstAmount[a], 0), 9);
      for (let k = 0; k < t.columns; k++) {
        const day = quarterStart(q0 + ci + k + 1);
        if (day > asOf) {
          expect(c.revenue[k]).toBeNaN();
          continue;
        }
        activeOn(h, day, buf);
        expect(c.revenue[k]).toBeCloseTo(members.reduce((s, a) => s + buf[a], 0), 9);
        expect(c.active[k]).toBe(members.filter((a) => buf[a] > 0).length);
      }
    });
    expect(excelSerialFromDay(t.cohorts[0].day)).toBeGreaterThan(0);
  });
});
