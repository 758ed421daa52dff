/**
 * XSELL_MOVEMENTS and the flows NRR/GRR, on hand-worked fixtures (every number below is worked in the comments,
 * never read back from the code), the dbt MRR playbook's categories, and ChartMogul's window NRR.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XsellError } from "../../../core/errors";
import { XSELL_COHORTS, XSELL_FLOWS, XSELL_MOVEMENTS, MOVEMENT_HEADERS } from "../../../core/history/functions";
import { HISTORY_SPECS } from "../../../core/history/specs";
import { flowsRetention, flowsWindow, movements, periodIndex, periodStart, resolveWindow, type MovementRow } from "../../../core/history/movements";
import { activeOn, readHistory } from "../../../core/history/read";
import { cohortRates, movement } from "../../../core/retention";
import { dayFromYmd, excelSerialFromDay, type CellValue } from "../../../core/values";
import { prng } from "../../../examples/generate";
import { thrown } from "../../helpers";

const HEAD = ["Account", "Product", "MRR", "Start Date", "End Date"];
const serial = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return excelSerialFromDay(dayFromYmd(y, m, d));
};
const T = 2 ** -10; // a tiny amount, exact in binary so sums with whole numbers stay exact

/**
 * Every class and edge, monthly (MRR):
 *  A  CRM 100 from 2025-11-01, open; Analytics 50 from 2026-02-10, open      → Expansion 50 in Feb
 *  B  CRM 200 2025-12-01 → 2026-03-01; CRM 120 from 2026-03-20, open          → Churn 200 in Feb, Reactivation 120 in Mar
 *  C  CRM 80 from 2026-01-15 (mid-period), open                               → New 80 in Jan
 *  D  CRM 300 2025-10-01 → 2026-02-01; CRM 250 from 2026-02-01, open           → Contraction 50 in Jan
 *  E  CRM 90 2025-12-01 → 2026-02-15; Service 90 from 2026-02-15 (equal swap)  → no movement
 *  F  CRM 60 2025-12-15 → 2026-03-10; Service 100 from 2026-03-10 (up swap)    → Expansion 40 in Mar
 *  G  CRM 500 2026-02-01 → 2026-02-01 (same-day start and end)                  → active on no day
 *  H  CRM 70 2026-01-05 → 2026-01-25 (never at a period start); CRM 40 from 2026-03-05 → New 40 in Mar (not a return)
 *  I  CRM 0 from 2025-12-01 (zero amount); Service T from 2026-02-20 (tiny)    → New T in Feb
 * Account totals on each month's first day:
 *          Oct1  Nov1  Dec1  Jan1  Feb1  Mar1  Apr1
 *   A        0   100   100   100   100   150   150
 *   B        0     0   200   200   200     0   120
 *   C        0     0     0     0    80    80    80
 *   D      300   300   300   300   250   250   250
 *   E        0     0    90    90    90    90    90
 *   F        0     0     0    60    60    60   100
 *   H        0     0     0     0     0     0    40
 *   I        0     0     0     0     0     T     T
 *   total  300   400   690   750   780 630+T 830+T   (customers 1, 2, 4, 5, 6, 6, 8)
 */
const EVERY: CellValue[][] = [
  HEAD,
  ["A", "CRM", 100, "2025-11-01", ""],
  ["A", "Analytics", 50, "2026-02-10", ""],
  ["B", "CRM", 200, "2025-12-01", "2026-03-01"],
  ["B", "CRM", 120, "2026-03-20", ""],
  ["C", "CRM", 80, "2026-01-15", ""],
  ["D", "CRM", 300, "2025-10-01", "2026-02-01"],
  ["D", "CRM", 250, "2026-02-01", ""],
  ["E", "CRM", 90, "2025-12-01", "2026-02-15"],
  ["E", "Service", 90, "2026-02-15", ""],
  ["F", "CRM", 60, "2025-12-15", "2026-03-10"],
  ["F", "Service", 100, "2026-03-10", ""],
  ["G", "CRM", 500, "2026-02-01", "2026-02-01"],
  ["H", "CRM", 70, "2026-01-05", "2026-01-25"],
  ["H", "CRM", 40, "2026-03-05", ""],
  ["I", "CRM", 0, "2025-12-01", ""],
  ["I", "Service", T, "2026-02-20", ""],
];

/** [Period, Opening, New, Reactivation, Expansion, Contraction, Churn, Closing, customers ×5] */
type Row = [string, number, number, number, number, number, number, number, number, number, number, number, number];
const rows = (r: Row[]): CellValue[][] => [[...MOVEMENT_HEADERS], ...r.map(([p, ...rest]) => [serial(p), ...rest])];

/** Jan–Mar 2026, as_of far after: no period is cut short. */
const EVERY_JAN_MAR: Row[] = [
  //            Opening  New  React  Exp  Contr  Churn  Closing  Oc Nc Rc Cc Cc
  ["2026-01-01", 750, 80, 0, 0, 50, 0, 780, 5, 1, 0, 0, 6],
  ["2026-02-01", 780, T, 0, 50, 0, 200, 630 + T, 6, 1, 0, 1, 6],
  ["2026-03-01", 630 + T, 40, 120, 40, 0, 0, 830 + T, 6, 1, 1, 0, 8],
];

/**
 * The default window as of 2026-03-15: from the month before the earliest Start Date (D's 2025-10-01), so the
 * first row opens at 0, through March, which closes on as_of. On 2026-03-15: A 150, B 0 (its return is the 20th),
 * C 80, D 250, E 90, F 100 (Service since the 10th), H 40, I T: 710 + T, 7 customers.
 */
const EVERY_DEFAULT: Row[] = [
  ["2025-09-01", 0, 300, 0, 0, 0, 0, 300, 0, 1, 0, 0, 1], // D arrives on Oct 1
  ["2025-10-01", 300, 100, 0, 0, 0, 0, 400, 1, 1, 0, 0, 2], // A
  ["2025-11-01", 400, 290, 0, 0, 0, 0, 690, 2, 2, 0, 0, 4], // B 200 + E 90
  ["2025-12-01", 690, 60, 0, 0, 0, 0, 750, 4, 1, 0, 0, 5], // F (from Dec 15)
  ["2026-01-01", 750, 80, 0, 0, 50, 0, 780, 5, 1, 0, 0, 6],
  ["2026-02-01", 780, T, 0, 50, 0, 200, 630 + T, 6, 1, 0, 1, 6],
  ["2026-03-01", 630 + T, 40, 0, 40, 0, 0, 710 + T, 6, 1, 0, 0, 7], // H new, F up; B's return is after as_of
];

/**
 * One quarter, Q1 2026 (Jan 1 → Apr 1): A +50, F +40 expansion; B 200 → 120 is a Contraction of 80 (its churn
 * and return fall inside one quarter and net); D −50; C 80, H 40 and I T are New (H never held anything at a
 * quarter start). 750 + (120 + T) + 90 − 130 = 830 + T; customers 5 + 3 = 8.
 */
const EVERY_Q1: Row[] = [["2026-01-01", 750, 120 + T, 0, 90, 130, 0, 830 + T, 5, 3, 0, 0, 8]];

function expectBridges(out: CellValue[][]): void {
  for (const r of out.slice(1)) {
    const [, o, n, re, e, c, ch, cl, oc, nc, rc, cc, clc] = r as number[];
    expect(Math.abs(o + n + re + e - c - ch - cl)).toBeLessThanOrEqual(1e-9 * Math.max(1, o, cl));
    expect(oc + nc + rc - cc).toBe(clc);
    expect(c).toBeGreaterThanOrEqual(0);
    expect(ch).toBeGreaterThanOrEqual(0);
  }
}

describe("XSELL_MOVEMENTS on every class and edge", () => {
  it("Jan–Mar 2026: New (mid-period start), Contraction, Expansion, Churn, Reactivation, swaps, tiny and zero amounts", () => {
    const out = XSELL_MOVEMENTS(EVERY, "month", "2026-01-01", "2026-03-31", "2026-06-30");
    expect(out).toEqual(rows(EVERY_JAN_MAR));
    expectBridges(out);
  });
  it("the default window opens at 0 and closes on as_of (period to date)", () => {
    const out = XSELL_MOVEMENTS(EVERY, undefined, undefined, undefined, "2026-03-15");
    expect(out).toEqual(rows(EVERY_DEFAULT));
    expectBridges(out);
  });
  it("a one-period window (a quarter) nets a churn and return inside it", () => {
    const out = XSELL_MOVEMENTS(EVERY, "quarter", "2026-02-14", "2026-02-14", "2026-06-30");
    expect(out).toEqual(rows(EVERY_Q1));
    expectBridges(out);
  });
  it("a one-month window, and from/to given as dates or Excel serials", () => {
    const out = XSELL_MOVEMENTS(EVERY, "Month", serial("2026-02-01"), new Date(Date.UTC(2026, 1, 28)), serial("2026-06-30"));
    expect(out).toEqual(rows([EVERY_JAN_MAR[1]]));
  });
  it("the period containing as_of when as_of is its first day: nothing has moved yet", () => {
    const out = XSELL_MOVEMENTS(EVERY, "month", "2026-03-01", undefined, "2026-04-01");
    expect(out).toEqual(rows([EVERY_JAN_MAR[2], ["2026-04-01", 830 + T, 0, 0, 0, 0, 0, 830 + T, 8, 0, 0, 0, 8]]));
  });
  it("Reactivation needs a period start in the account's past, from the beginning of history, not the window", () => {
    // B was above 0 on 2025-12-01, before this window: its return in March is a Reactivation, not New
    const out = XSELL_MOVEMENTS(EVERY, "month", "2026-03-01", "2026-03-31", "2026-06-30");
    expect(out[1][3]).toBe(120);
    expect(out[1][10]).toBe(1); // Reactivated customers
    // yearly, 2025 (Jan 1 2025 → Jan 1 2026): A, B, D, E, F arrive, New 100 + 200 + 300 + 90 + 60
    const year = XSELL_MOVEMENTS(EVERY, "year", "2025-01-01", "2025-12-31", "2026-06-30");
    expect(year).toEqual(rows([["2025-01-01", 0, 750, 0, 0, 0, 0, 750, 0, 5, 0, 0, 5]]));
  });
});

describe("XSELL_MOVEMENTS errors", () => {
  it("refuses a period that is not month, quarter or year, naming the function and argument", () => {
    expect(thrown(() => XSELL_MOVEMENTS(EVERY, "week")).message).toBe('XSELL_MOVEMENTS: period must be "month", "quarter" or "year", got "week"');
  });
  it("refuses from after to, and a to after as_of's period", () => {
    expect(thrown(() => XSELL_MOVEMENTS(EVERY, "month", "2026-03-01", "2026-01-31", "2026-06-30")).message).toBe("XSELL_MOVEMENTS: from (2026-03-01) is after to (2026-01-31)");
    const e = thrown(() => XSELL_MOVEMENTS(EVERY, "month", "2026-01-01", "2026-07-01", "2026-06-30"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("XSELL_MOVEMENTS: to (2026-07-01) is in a month after as_of (2026-06-30), which is not known yet; pass a later as_of to include scheduled changes");
    expect(thrown(() => XSELL_MOVEMENTS(EVERY, "month", "hello")).message).toBe('XSELL_MOVEMENTS: from: "hello" is not a date (expected e.g. 2026-03-01)');
  });
  it("an empty history, or one starting after as_of, is an empty window: #DIV/0! with the reason", () => {
    const late = thrown(() => XSELL_MOVEMENTS(EVERY, "month", undefined, undefined, "2025-06-30"));
    expect(late.code).toBe("#DIV/0!");
    expect(late.message).toBe("XSELL_MOVEMENTS: the window is empty: the first subscription starts 2025-10-01, after as_of (2025-06-30)");
    const before = thrown(() => XSELL_MOVEMENTS(EVERY, "month", undefined, "2025-08-31", "2026-06-30"));
    expect(before.code).toBe("#DIV/0!");
    expect(before.message).toBe("XSELL_MOVEMENTS: the window is empty: to (2025-08-31) is before the first subscription, which starts 2025-10-01");
    const none = thrown(() => XSELL_MOVEMENTS([HEAD, ["B", "CRM", 50, "soon", ""]], "month", undefined, undefined, "2026-06-30"));
    expect(none.code).toBe("#DIV/0!");
    expect(none.message).toBe("XSELL_MOVEMENTS: the window is empty: no subscription row could be placed in time (1 row with no readable Start Date left out (row 2))");
  });
});

/**
 * The hand case, "a churn and return inside the window", Jan–Mar 2026:
 *  X  CRM 500 2025-06-01 → 2026-02-01; CRM 400 from 2026-03-01 (back at a lower price)
 *  Y  CRM 500 from 2025-06-01, open
 * ChartMogul's window NRR by flows: starting MRR (Jan 1) 1000; Jan: X churns 500 (0 on Feb 1); Feb: X returns, a
 * Reactivation of 400 (excluded); Mar: flat. NRR = (1000 + 0 − 0 − 500) ÷ 1000 = 0.5, GRR = (1000 − 0 − 500) ÷ 1000 = 0.5.
 * The snapshot method compares Jan 1 (X 500, Y 500) with Apr 1 (X 400, Y 500): NRR = 900 ÷ 1000 = 0.9,
 * GRR = (min(500, 400) + 500) ÷ 1000 = 0.9, and XSELL_MOVEMENT calls X a Contraction.
 */
const CHURN_AND_RETURN: CellValue[][] = [HEAD, ["X", "CRM", 500, "2025-06-01", "2026-02-01"], ["X", "CRM", 400, "2026-03-01", ""], ["Y", "CRM", 500, "2025-06-01", ""]];

describe("flows NRR/GRR (ChartMogul) against the snapshot method", () => {
  it("a churn and return inside the window: flows 0.5, snapshot 0.9", () => {
    const h = readHistory("T", CHURN_AND_RETURN);
    const w = resolveWindow("T", h, "month", dayFromYmd(2026, 1, 1), dayFromYmd(2026, 3, 31), dayFromYmd(2026, 6, 30));
    const f = flowsRetention("T", h, w);
    expect(f).toMatchObject({ nrr: 0.5, grr: 0.5, opening: 1000, expansion: 0, contraction: 0, churn: 500, new: 0, reactivation: 400, closing: 900, periods: 3 });
    const start = activeOn(h, dayFromYmd(2026, 1, 1), new Float64Array(2));
    const end = activeOn(h, dayFromYmd(2026, 4, 1), new Float64Array(2));
    expect(Array.from(start)).toEqual([500, 500]);
    expect(Array.from(end)).toEqual([400, 500]);
    expect(cohortRates("T", start, end)).toMatchObject({ nrr: 0.9, grr: 0.9 });
    expect(movement(start[0], end[0])).toBe("Contraction");
    expect(XSELL_MOVEMENTS(CHURN_AND_RETURN, "month", "2026-01-01", "2026-03-31", "2026-06-30")).toEqual(
      rows([
        ["2026-01-01", 1000, 0, 0, 0, 0, 500, 500, 2, 0, 0, 1, 1],
        ["2026-02-01", 500, 0, 400, 0, 0, 0, 900, 1, 0, 1, 0, 2],
        ["2026-03-01", 900, 0, 0, 0, 0, 0, 900, 2, 0, 0, 0, 2],
      ]),
    );
  });
  it("XSELL_FLOWS spills the labelled summary", () => {
    expect(XSELL_FLOWS(CHURN_AND_RETURN, "month", "2026-01-01", "2026-03-31", "2026-06-30")).toEqual(CHURN_AND_RETURN_FLOWS);
  });
  it("every class, Jan–Mar 2026: NRR (750 + 90 − 50 − 200) ÷ 750, GRR (750 − 50 − 200) ÷ 750", () => {
    const out = XSELL_FLOWS(EVERY, "month", "2026-01-01", "2026-03-31", "2026-06-30");
    const v = Object.fromEntries(out.slice(1).map((r) => [r[0], r[1]]));
    expect(v["Opening MRR on 2026-01-01 (the base)"]).toBe(750);
    expect(v["Expansion MRR"]).toBe(90); // A 50 (Feb) + F 40 (Mar)
    expect(v["Contraction MRR"]).toBe(50); // D
    expect(v["Churned MRR"]).toBe(200); // B
    expect(v["New MRR (excluded)"]).toBe(120 + T); // C 80, I T, H 40
    expect(v["Reactivation MRR (excluded)"]).toBe(120); // B
    expect(v["Closing MRR on 2026-04-01"]).toBe(830 + T);
    expect(v["NRR (flows): (opening + expansion − contraction − churn) ÷ opening"]).toBe(590 / 750);
    expect(v["GRR (flows): (opening − contraction − churn) ÷ opening"]).toBe(500 / 750);
    expect(v["Reconciliation: opening + new + reactivation + expansion − contraction − churn − closing"]).toBe(0);
  });
  it("the default flows window is the trailing twelve complete months (four quarters, one year)", () => {
    const asOf = dayFromYmd(2026, 4, 15);
    const m = flowsWindow("T", "month", null, null, asOf);
    expect([periodStart("month", m.first), periodStart("month", m.last)]).toEqual([dayFromYmd(2025, 4, 1), dayFromYmd(2026, 3, 1)]);
    const q = flowsWindow("T", "quarter", null, null, asOf);
    expect([periodStart("quarter", q.first), periodStart("quarter", q.last)]).toEqual([dayFromYmd(2025, 4, 1), dayFromYmd(2026, 1, 1)]); // Q2 2025 … Q1 2026
    const y = flowsWindow("T", "year", null, null, asOf);
    expect([y.first, y.last]).toEqual([2025, 2025]);
    // from in as_of's own period with no to: to date
    const d = flowsWindow("T", "month", dayFromYmd(2026, 4, 2), null, asOf);
    expect([d.first, d.last]).toEqual([periodIndex("month", asOf), periodIndex("month", asOf)]);
  });
  it("an empty window, or nothing active at its start, is #DIV/0! with the reason", () => {
    const e = thrown(() => XSELL_FLOWS(EVERY, "month", "2025-09-01", "2025-09-30", "2026-06-30"));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toBe("XSELL_FLOWS: nothing was active on 2025-09-01, the window's first day, so NRR and GRR by flows are undefined (their base is the opening amount)");
    const h = readHistory("T", EVERY);
    const empty = thrown(() => flowsRetention("T", h, { kind: "month", first: 10, last: 9, asOf: dayFromYmd(2026, 6, 30) }));
    expect(empty.code).toBe("#DIV/0!");
    expect(empty.message).toBe("T: the window has no period, so retention over it is undefined");
  });
});

const CHURN_AND_RETURN_FLOWS: CellValue[][] = [
  ["Measure", "Value"],
  ["Opening MRR on 2026-01-01 (the base)", 1000],
  ["Expansion MRR", 0],
  ["Contraction MRR", 0],
  ["Churned MRR", 500],
  ["New MRR (excluded)", 0],
  ["Reactivation MRR (excluded)", 400],
  ["Closing MRR on 2026-04-01", 900],
  ["NRR (flows): (opening + expansion − contraction − churn) ÷ opening", 0.5],
  ["GRR (flows): (opening − contraction − churn) ÷ opening", 0.5],
  ["Periods (months)", 3],
  ["Accounts at the window's start", 2],
  ["Reconciliation: opening + new + reactivation + expansion − contraction − churn − closing", 0],
];

/**
 * The dbt MRR playbook (github.com/dbt-labs/mrr-playbook, models/customer_revenue_by_month.sql and mrr.sql): its
 * input is subscription_periods (customer_id, start_date, end_date, monthly_amount); MRR of month M is what is
 * active on M's first day (start_date ≤ M < end_date); change_category compares M with M − 1: new (first active
 * month), churn (inactive after active; also the month after the last), reactivation (active after inactive),
 * upgrade / downgrade. Data in its shape:
 *   c1  2025-01-01 → 2025-04-01 100; 2025-04-01 → 2025-07-01 150
 *   c2  2025-02-01 → 2025-05-01 200; 2025-05-01 → 2025-09-01 120
 *   c3  2025-01-01 → 2025-03-01 50;  2025-05-01 → 2025-09-01 50
 *   c4  2025-03-01 → 2025-09-01 300
 * The playbook's rows, worked by hand:
 *   Jan: c1 new 100, c3 new 50 · Feb: c2 new 200 · Mar: c3 churn 50, c4 new 300 · Apr: c1 upgrade 50 ·
 *   May: c2 downgrade 80, c3 reactivation 50 · Jun: none · Jul: c1 churn 150 · Aug: none ·
 *   Sep: c2 churn 120, c3 churn 50, c4 churn 300.
 * The playbook files a change under the month it arrives in; XSELL under the period it happens in (Opening on
 * that period's first day, Closing on the next one's), so the playbook's month M is XSELL's period M − 1.
 */
const PLAYBOOK: CellValue[][] = [
  ["customer_id", "subscription_id", "monthly_amount", "start_date", "end_date"],
  ["c1", "s1", 100, "2025-01-01", "2025-04-01"],
  ["c1", "s2", 150, "2025-04-01", "2025-07-01"],
  ["c2", "s3", 200, "2025-02-01", "2025-05-01"],
  ["c2", "s4", 120, "2025-05-01", "2025-09-01"],
  ["c3", "s5", 50, "2025-01-01", "2025-03-01"],
  ["c3", "s6", 50, "2025-05-01", "2025-09-01"],
  ["c4", "s7", 300, "2025-03-01", "2025-09-01"],
];
/** The playbook's categories by its month: [new, reactivation, upgrade, downgrade, churn]. */
const PLAYBOOK_CATEGORIES: Record<string, [number, number, number, number, number]> = {
  "2025-01-01": [150, 0, 0, 0, 0],
  "2025-02-01": [200, 0, 0, 0, 0],
  "2025-03-01": [300, 0, 0, 0, 50],
  "2025-04-01": [0, 0, 50, 0, 0],
  "2025-05-01": [0, 50, 0, 80, 0],
  "2025-06-01": [0, 0, 0, 0, 0],
  "2025-07-01": [0, 0, 0, 0, 150],
  "2025-08-01": [0, 0, 0, 0, 0],
  "2025-09-01": [0, 0, 0, 0, 470],
};

describe("the dbt MRR playbook's categories, month by month", () => {
  it("written in its shape (subscription_id in the Product column), reproduces every category", () => {
    const table = [HEAD, ...PLAYBOOK.slice(1).map(([c, s, amt, st, en]) => [c, s, amt, st, en])];
    const out = XSELL_MOVEMENTS(table, "month", "2024-12-01", "2025-08-31", "2025-12-31");
    expectBridges(out);
    const months = Object.keys(PLAYBOOK_CATEGORIES);
    expect(out.length - 1).toBe(months.length);
    out.slice(1).forEach((r, p) => {
      const [nw, react, up, down, churn] = PLAYBOOK_CATEGORIES[months[p]];
      // our period p (its first day) is the month before the playbook's month
      expect(r[0]).toBe(excelSerialFromDay(dayFromYmd(2024, 12 + p, 1)));
      expect([r[2], r[3], r[4], r[5], r[6]]).toEqual([nw, react, up, down, churn]);
    });
  });
  it("matches a literal second implementation of the playbook's SQL on random histories", () => {
    const rnd = prng(5);
    const table: CellValue[][] = [HEAD];
    const base = dayFromYmd(2024, 1, 1);
    for (let c = 0; c < 120; c++) {
      let day = base + Math.floor(rnd() * 500);
      for (let k = 0; k < 1 + Math.floor(rnd() * 5); k++) {
        const end = day + 10 + Math.floor(rnd() * 200);
        table.push([`c${c}`, rnd() < 0.5 ? "CRM" : "BI", Math.floor(rnd() * 5) * 100, iso(day), rnd() < 0.1 ? "" : iso(end)]);
        day = rnd() < 0.3 ? end + Math.floor(rnd() * 120) : rnd() < 0.5 ? end : day + Math.floor(rnd() * 30);
      }
    }
    const out = XSELL_MOVEMENTS(table, "month", "2023-12-01", "2026-05-31", "2026-06-30");
    expectBridges(out);
    const want = playbookSql(table, 2023 * 12 + 11, 2026 * 12 + 5);
    out.slice(1).forEach((r, p) => expect([r[2], r[3], r[4], r[5], r[6]]).toEqual(want[p]));
  });
});

const iso = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);

/**
 * The playbook's SQL, literally: per customer, MRR on each month's first day (start ≤ month < end), lag over
 * months, categories new / reactivation / upgrade / downgrade / churn; summed by the playbook's month and shifted
 * one month back to XSELL's periods. Month m is months since year 0; periods first..last.
 */
function playbookSql(table: CellValue[][], first: number, last: number): number[][] {
  const monthDay = (m: number): number => dayFromYmd(Math.floor(m / 12), (m % 12) + 1, 1);
  const byCustomer = new Map<string, CellValue[][]>();
  for (const r of table.slice(1)) byCustomer.set(String(r[0]), [...(byCustomer.get(String(r[0])) ?? []), r]);
  const out = Array.from({ length: last - first + 1 }, () => [0, 0, 0, 0, 0]);
  const dayOf = (v: CellValue): number => (v === "" ? Infinity : Math.round(Date.parse(`${String(v)}T00:00:00Z`) / 86400000));
  for (const rowsOf of byCustomer.values()) {
    const mrr = (m: number): number => rowsOf.reduce((s, r) => (dayOf(r[3]) <= monthDay(m) && monthDay(m) < dayOf(r[4]) ? s + (r[2] as number) : s), 0);
    let seen = false;
    for (let m = 2020 * 12; m <= last + 1; m++) {
      const prev = mrr(m - 1);
      const cur = mrr(m);
      const p = m - 1 - first; // the playbook's month m is XSELL's period m − 1
      const cat = cur > 0 && !seen ? 0 : cur === 0 && prev > 0 ? 4 : cur > 0 && prev === 0 ? 1 : cur > prev && prev > 0 ? 2 : cur < prev && cur > 0 ? 3 : -1;
      if (cur > 0) seen = true;
      if (p < 0 || p >= out.length || cat < 0) continue;
      out[p][cat] += cat === 0 || cat === 1 ? cur : cat === 4 ? prev : Math.abs(cur - prev);
    }
  }
  return out;
}

describe("speed shape and bug guard", () => {
  it("every row bridges on a random history of many accounts with fractional amounts", () => {
    const rnd = prng(9);
    const table: CellValue[][] = [HEAD];
    for (let a = 0; a < 400; a++) {
      let day = dayFromYmd(2023, 1, 1) + Math.floor(rnd() * 900);
      for (let k = 0; k < 4; k++) {
        const end = day + Math.floor(rnd() * 300);
        table.push([`a${a}`, `p${k % 3}`, Math.round(rnd() * 1e6) / 100 + 0.1, iso(day), rnd() < 0.2 ? "" : iso(end)]);
        day = rnd() < 0.5 ? end : end + Math.floor(rnd() * 90);
      }
    }
    for (const period of ["month", "quarter", "year"]) expectBridges(XSELL_MOVEMENTS(table, period, undefined, undefined, "2026-06-30"));
    // Opening of each period is the Closing of the one before
    const out = XSELL_MOVEMENTS(table, "month", undefined, undefined, "2026-06-30");
    for (let i = 2; i < out.length; i++) expect(out[i][1]).toBe(out[i - 1][7]);
  });
  it("the per-period bridge is asserted in code", async () => {
    const { assertBridges } = await import("../../../core/history/movements");
    const good: MovementRow = { day: 0, closingDay: 31, opening: 100, new: 10, reactivation: 5, expansion: 20, contraction: 15, churn: 30, closing: 90, openingCustomers: 3, newCustomers: 1, reactivatedCustomers: 1, churnedCustomers: 1, closingCustomers: 4 };
    expect(() => assertBridges(good)).not.toThrow();
    expect(() => assertBridges({ ...good, closing: 91 })).toThrow(/do not bridge/);
    expect(() => assertBridges({ ...good, closingCustomers: 3 })).toThrow(/customer counts do not bridge/);
  });
  it("movements() over history before the window reads only that history's period starts", () => {
    const h = readHistory("T", EVERY);
    const w = resolveWindow("T", h, "month", dayFromYmd(2026, 2, 1), dayFromYmd(2026, 2, 1), dayFromYmd(2026, 6, 30));
    expect(movements(h, w).map((r) => [r.opening, r.churn, r.closing])).toEqual([[780, 200, 630 + T]]);
  });
});

describe("HISTORY_SPECS", () => {
  it("describes each function in at most 128 characters, with the functions' own parameter counts", () => {
    const fns: Record<string, (...a: unknown[]) => unknown> = { MOVEMENTS: XSELL_MOVEMENTS, FLOWS: XSELL_FLOWS };
    for (const s of HISTORY_SPECS) {
      expect(s.description.length).toBeLessThanOrEqual(128);
      expect(s.section).toBe("retention");
      if (fns[s.id]) expect(s.params.length).toBe(fns[s.id].length);
    }
    expect(HISTORY_SPECS.map((s) => s.id)).toEqual(["MOVEMENTS", "FLOWS", "COHORTS"]);
  });
});

/**
 * The golden cases of these functions (test/golden/XSELL_MOVEMENTS, XSELL_FLOWS, XSELL_COHORTS; expected.json
 * written by hand from the worked numbers above and in cohorts.test.ts), run here against core/history/functions
 * directly, so they hold before the functions are in core/functions.ts.
 */
describe("golden cases, run directly", () => {
  const root = join(__dirname, "..", "..", "golden");
  const fns: Record<string, (...a: unknown[]) => unknown> = { XSELL_MOVEMENTS, XSELL_FLOWS, XSELL_COHORTS };
  for (const fn of Object.keys(fns)) {
    for (const name of readdirSync(join(root, fn))) {
      it(`${fn}/${name}`, () => {
        const { args } = JSON.parse(readFileSync(join(root, fn, name, "input.json"), "utf8")) as { args: unknown[] };
        let actual: unknown;
        try {
          actual = fns[fn](...args);
        } catch (e) {
          if (!(e instanceof XsellError)) throw e;
          actual = { error: { code: e.code, message: e.message } };
        }
        expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(join(root, fn, name, "expected.json"), "utf8")));
      });
    }
  }
});
