/**
 * Time to second product, purchase order and product retention (first vs cross-sold) on hand-worked histories.
 */
import { describe, expect, it } from "vitest";
import { readHistory } from "../../../core/history/read";
import { entryRows, secondPurchases, timeToSecond } from "../../../core/history/timing";
import { XSELL_PRODUCT_RETENTION, XSELL_SEQUENCE, XSELL_TIME_TO_SECOND } from "../../../core/history/timing-functions";
import { TIMING_SPECS } from "../../../core/history/specs";
import { dayFromYmd, type CellValue } from "../../../core/values";
import { thrown } from "../../helpers";

const AS_OF = "2026-01-01";

/**
 * Days from the first product to the second, as of 2026-01-01:
 *  A  CRM 2025-01-01, BI 2025-01-31                      → bought at 30
 *  B  CRM and BI both 2025-01-01                          → started with two: apart, not a purchase at 0
 *  C  CRM 2025-03-01 … 2025-05-30, nothing after          → churned: censored at 90
 *  D  BI 2025-06-01, still active                         → censored at as_of: 214
 *  E  CRM 2025-02-01, CRM upgrade 2025-03-01, Service 2025-04-02 → the upgrade is the same product; bought at 60
 *  F  CRM 2025-01-01 … 2025-02-01, CRM again 2025-06-01   → left and came back: not churned for good; censored at as_of: 365
 *  G  CRM 2025-09-01, BI 2026-02-01 (after as_of)          → not known yet; censored at as_of: 122
 *  H  Free 2025-01-01 at 0 (not a purchase), CRM 2025-02-01 → first product CRM; censored at as_of: 334
 *  I  CRM 2025-01-01 … 2025-03-01, BI 2025-07-01           → churned and returned with another product: bought at 181
 */
const SUBS: CellValue[][] = [
  ["Account", "Product", "MRR", "Start Date", "End Date", "Segment"],
  ["A", "CRM", 100, "2025-01-01", "", "SMB"],
  ["A", "BI", 50, "2025-01-31", "", "SMB"],
  ["B", "CRM", 100, "2025-01-01", "", "SMB"],
  ["B", "BI", 50, "2025-01-01", "", "SMB"],
  ["C", "CRM", 100, "2025-03-01", "2025-05-30", "Enterprise"],
  ["D", "BI", 80, "2025-06-01", "", "Enterprise"],
  ["E", "CRM", 100, "2025-02-01", "2025-03-01", "SMB"],
  ["E", "CRM", 150, "2025-03-01", "", "SMB"],
  ["E", "Service", 30, "2025-04-02", "", "SMB"],
  ["F", "CRM", 100, "2025-01-01", "2025-02-01", "Enterprise"],
  ["F", "CRM", 100, "2025-06-01", "", "Enterprise"],
  ["G", "CRM", 100, "2025-09-01", "", "SMB"],
  ["G", "BI", 50, "2026-02-01", "", "SMB"],
  ["H", "Free", 0, "2025-01-01", "", "Enterprise"],
  ["H", "CRM", 100, "2025-02-01", "", "Enterprise"],
  ["I", "CRM", 100, "2025-01-01", "2025-03-01", "SMB"],
  ["I", "BI", 50, "2025-07-01", "", "SMB"],
];

describe("time to second product: who bought, who is censored and when", () => {
  const h = readHistory("T", SUBS);
  const sp = secondPurchases(h, dayFromYmd(2026, 1, 1));
  const byName = (name: string) => {
    const a = h.accounts.indexOf(name);
    return { first: sp.firstProduct[a], days: sp.days[a], bought: sp.bought[a], churned: sp.churned[a] };
  };
  const CRM = h.products.indexOf("CRM");
  it("counts a second product only on a later day, and a same-day pair as started with two", () => {
    expect(byName("A")).toEqual({ first: CRM, days: 30, bought: 1, churned: 0 });
    expect(byName("B").first).toBe(-2);
    expect(byName("E")).toEqual({ first: CRM, days: 60, bought: 1, churned: 0 });
    expect(byName("I")).toEqual({ first: CRM, days: 181, bought: 1, churned: 0 });
  });
  it("censors at churn for good, otherwise at as_of; future rows and 0 amounts are no purchase", () => {
    expect(byName("C")).toEqual({ first: CRM, days: 90, bought: 0, churned: 1 });
    expect(byName("D")).toEqual({ first: h.products.indexOf("BI"), days: 214, bought: 0, churned: 0 });
    expect(byName("F")).toEqual({ first: CRM, days: 365, bought: 0, churned: 0 });
    expect(byName("G")).toEqual({ first: CRM, days: 122, bought: 0, churned: 0 });
    expect(byName("H")).toEqual({ first: CRM, days: 334, bought: 0, churned: 0 });
  });
  it("maps each history entry back to its table row", () => {
    expect(Array.from(entryRows(h))).toEqual(Array.from({ length: 17 }, (_, i) => i));
  });
});

describe("XSELL_TIME_TO_SECOND", () => {
  /*
   * All (8 in the curve, B apart): 30 E, 60 E, 90 C, 122 C, 181 E, 214 C, 334 C, 365 C.
   *  30: n 8, S = 7/8; 60: n 7, S = 7/8 × 6/7 = 3/4; 181: n 4, S = 3/4 × 3/4 = 9/16 = 0.5625.
   *  Median not reached (S never ≤ 0.5), but its interval's low end is 30: at 30, Greenwood 1/(8·7) = 1/56,
   *  k = 1.959964 × √(1/56) / log(7/8) = −1.9609…, lower curve (7/8)^exp(1.9609) = (7/8)^7.105 = 0.387 ≤ 0.5.
   *  Share within 180 days = 1 − S(180) = 1 − 3/4 = 0.25.
   */
  const out = XSELL_TIME_TO_SECOND(SUBS, AS_OF);
  it("gives the summary then the curve, with the documented headers", () => {
    expect(out[0]).toEqual(["Group", "Accounts", "Bought a second", "Censored", "Censored at churn", "Started with two or more", "Median days", "Median 95% low", "Median 95% high", "Share within 180 days", "Share 95% low", "Share 95% high"]);
    expect(out[1].slice(0, 9)).toEqual(["All", 8, 3, 5, 1, 1, "", 30, ""]);
    expect(out[1][9]).toBeCloseTo(0.25, 14);
    expect(out[2].every((v) => v === "")).toBe(true);
    expect(out[3].slice(0, 9)).toEqual(["Group", "Days", "At risk", "Bought a second", "Censored", "Survival", "Share bought", "Share 95% low", "Share 95% high"]);
    expect(out.every((r) => r.length === out[0].length)).toBe(true);
  });
  it("starts the curve at day 0 and steps at each purchase", () => {
    const curve = out.slice(4).map((r) => r.slice(0, 7));
    expect(curve.map((r) => r.slice(0, 5))).toEqual([
      ["All", 0, 8, 0, 0], ["All", 30, 8, 1, 0], ["All", 60, 7, 1, 0], ["All", 90, 6, 0, 1], ["All", 122, 5, 0, 1],
      ["All", 181, 4, 1, 0], ["All", 214, 3, 0, 1], ["All", 334, 2, 0, 1], ["All", 365, 1, 0, 1],
    ]);
    const s = curve.map((r) => r[5] as number);
    [1, 7 / 8, 3 / 4, 3 / 4, 3 / 4, 9 / 16, 9 / 16, 9 / 16, 9 / 16].forEach((w, i) => expect(s[i]).toBeCloseTo(w, 14));
    expect(out[6][7]).toBeLessThan(out[6][6] as number);
    expect(out[6][8]).toBeGreaterThan(out[6][6] as number);
  });
  it("splits by a segment column: SMB reaches the median on the exact-0.5 plateau", () => {
    /*
     * SMB: A 30 E, E 60 E, G 122 C, I 181 E (B started with two). 30: n 4, S 3/4; 60: n 3, S 1/2; 181: n 1, S 0.
     * S = 0.5 exactly from 60 until 181 → median (60 + 181)/2 = 120.5.
     * Enterprise: C 90, D 214, H 334, F 365, all censored: S stays 1, median not reached, share within 180 = 0 (0–0).
     */
    const seg = XSELL_TIME_TO_SECOND(SUBS, AS_OF, "Segment");
    expect(seg[1].slice(0, 7)).toEqual(["SMB", 4, 3, 1, 0, 1, 120.5]);
    expect(seg[2]).toEqual(["Enterprise", 4, 0, 4, 1, 0, "", "", "", 0, 0, 0]);
    const g = timeToSecond(readHistory("T", SUBS), dayFromYmd(2026, 1, 1), { kind: "column", col: 5, name: "Segment" });
    expect(g[0].fit.rows.map((r) => r.survival)).toEqual([0.75, 0.5, 0.5, 0]);
  });
  it('splits by "first product", counting a same-day pair under each of its products', () => {
    const fp = XSELL_TIME_TO_SECOND(SUBS, AS_OF, "First Product");
    expect(fp.slice(1, 3).map((r) => r.slice(0, 6))).toEqual([
      ["CRM", 7, 3, 4, 1, 1],
      ["BI", 1, 0, 1, 0, 1],
    ]);
  });
  it("reads an account's segment from its first purchase row, past rows the reader left out, with Account IDs", () => {
    const withIds: CellValue[][] = [
      ["Account ID", "Account", "Product", "ARR", "Start Date", "End Date", "Status", "Region"],
      ["1", "Acme", "CRM", 100, "2025-01-01", "", "Trial", "West"], // left out (trial): not Acme's segment
      ["1", "Acme", "CRM", 100, "2025-01-01", "", "Active", "East"],
      ["2", "Acme", "BI", 100, "2025-02-01", "", "Active", "North"], // another account with the same name
      ["1", "Acme Inc", "BI", 50, "2025-03-02", "", "Active", "South"], // Acme's second product, renamed
    ];
    const out = XSELL_TIME_TO_SECOND(withIds, AS_OF, "region");
    expect(out.slice(1, 3).map((r) => r.slice(0, 4))).toEqual([["East", 1, 1, 0], ["North", 1, 0, 1]]);
    expect(Array.from(entryRows(readHistory("T", withIds)))).toEqual([1, 2, 3]);
  });
  it("refuses an unknown by and an empty history", () => {
    expect(thrown(() => XSELL_TIME_TO_SECOND(SUBS, AS_OF, "Region")).message).toBe('XSELL_TIME_TO_SECOND: by: "Region" is neither "first product" nor a column of subscriptions (found "Account", "Product", "MRR", "Start Date", "End Date", "Segment")');
    const e = thrown(() => XSELL_TIME_TO_SECOND(SUBS, "2024-01-01"));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toBe("XSELL_TIME_TO_SECOND: no account had a paid subscription starting on or before as_of (2024-01-01)");
  });
});

describe("XSELL_SEQUENCE", () => {
  /*
   * First starts (paid rows, all dates; no as_of): A CRM 01-01 → BI +30; B CRM = BI same day; C CRM; D BI; E CRM → Service +60;
   * F CRM; G CRM → BI +153 (2025-09-01 → 2026-02-01); H CRM (Free is 0, never bought); I CRM → BI +181.
   * CRM → BI: CRM buyers 8, less B (BI on CRM's day) = 7; later BI: A 30, G 153, I 181 → 3/7; median 153;
   *   within 180 days: A, G → 2/7; within 30: A → 1/7 (the bound is inclusive).
   * CRM → Service: 8 (nobody had Service first), E → 1/8.
   * BI → CRM: BI buyers A, B, D, G, I = 5, less A, G, I (CRM before) and B (same day) = 1 (D), who never bought CRM → 0.
   * Service → CRM: E had CRM before: denominator 0 → blank. Service → BI: E → 0/1.
   */
  const header = ["Earlier ↓ / Later →", "CRM", "BI", "Service", "Free"];
  it("gives the share that later bought B, same-day purchases excluded from both counts", () => {
    const m = XSELL_SEQUENCE(SUBS);
    expect(m[0]).toEqual(header);
    expect(m[1]).toEqual(["CRM", "", 3 / 7, 1 / 8, 0]);
    expect(m[2]).toEqual(["BI", 0, "", 0, 0]);
    expect(m[3]).toEqual(["Service", "", 0, "", 0]);
    expect(m[4]).toEqual(["Free", "", "", "", ""]);
  });
  it("gives counts, denominators and median days", () => {
    expect(XSELL_SEQUENCE(SUBS, null, "count")[1]).toEqual(["CRM", "", 3, 1, 0]);
    expect(XSELL_SEQUENCE(SUBS, null, "accounts")[1]).toEqual(["CRM", "", 7, 8, 8]);
    expect(XSELL_SEQUENCE(SUBS, null, "accounts")[2]).toEqual(["BI", 1, "", 5, 5]);
    expect(XSELL_SEQUENCE(SUBS, null, "median days")[1]).toEqual(["CRM", "", 153, 60, ""]);
  });
  it("limits to within_days, inclusive", () => {
    expect(XSELL_SEQUENCE(SUBS, 180)[1]).toEqual(["CRM", "", 2 / 7, 1 / 8, 0]);
    expect(XSELL_SEQUENCE(SUBS, 30)[1]).toEqual(["CRM", "", 1 / 7, 0, 0]);
    expect(XSELL_SEQUENCE(SUBS, 30, "median_days")[1]).toEqual(["CRM", "", 30, "", ""]);
  });
  it("refuses a bad measure or window", () => {
    expect(thrown(() => XSELL_SEQUENCE(SUBS, null, "lift")).message).toBe('XSELL_SEQUENCE: measure must be "share", "count", "accounts" or "median_days", got "lift"');
    expect(thrown(() => XSELL_SEQUENCE(SUBS, -5)).message).toBe("XSELL_SEQUENCE: within_days must be a whole number ≥ 1, got -5");
    expect(thrown(() => XSELL_SEQUENCE(SUBS, 2.5)).message).toBe("XSELL_SEQUENCE: within_days must be a whole number ≥ 1, got 2.5");
  });
});

describe("XSELL_PRODUCT_RETENTION", () => {
  /*
   * As of 2026-06-30, 12 months after each product's first start:
   *  A  CRM first 2024-01-01 100 → 2025-01-01 100; BI cross-sold 2024-06-01 50, ended 2025-03-01 → 2025-06-01 0
   *  B  CRM first 2024-03-01 200, down to 150 on 2024-09-01 → 2025-03-01 150; BI cross 2024-05-01 40, up to 80 → capped 40
   *  C  CRM and BI both first 2024-02-01: CRM 100 ends 2024-12-01 → 0; BI 60 → 60
   *  D  BI first 2024-01-01 30 → 30; CRM cross 2025-10-01: its 12 months end after as_of, not counted
   *  E  CRM first 2024-06-30 100, ends 2025-06-30: End Date is exclusive → 0 on 2025-06-30
   * CRM first: 4; GRR (100 + 150 + 0 + 0)/(100 + 200 + 100 + 100) = 250/500 = 0.5; logos A, B = 2/4.
   * BI first: 2; (60 + 30)/(60 + 30) = 1; 2/2. BI cross-sold: 2; (0 + 40)/(50 + 40) = 4/9; 1/2.
   * All first: 6; 340/590; 4/6. All cross-sold: 2; 4/9; 1/2.
   */
  const PR: CellValue[][] = [
    ["Account", "Product", "MRR", "Start Date", "End Date"],
    ["A", "CRM", 100, "2024-01-01", ""],
    ["A", "BI", 50, "2024-06-01", "2025-03-01"],
    ["B", "CRM", 200, "2024-03-01", "2024-09-01"],
    ["B", "CRM", 150, "2024-09-01", ""],
    ["B", "BI", 40, "2024-05-01", "2024-08-01"],
    ["B", "BI", 80, "2024-08-01", ""],
    ["C", "BI", 60, "2024-02-01", ""],
    ["C", "CRM", 100, "2024-02-01", "2024-12-01"],
    ["D", "BI", 30, "2024-01-01", ""],
    ["D", "CRM", 100, "2025-10-01", ""],
    ["E", "CRM", 100, "2024-06-30", "2025-06-30"],
  ];
  it("compares each product as first product and as cross-sold, at the stated horizon", () => {
    const out = XSELL_PRODUCT_RETENTION(PR, "2026-06-30");
    expect(out[0]).toEqual(["Product", "As first product: subscriptions", "As first product: GRR at 12 months", "As first product: logo retention at 12 months", "Cross-sold: subscriptions", "Cross-sold: GRR at 12 months", "Cross-sold: logo retention at 12 months"]);
    expect(out[1]).toEqual(["CRM", 4, 0.5, 0.5, 0, "", ""]);
    expect(out[2]).toEqual(["BI", 2, 1, 1, 2, 40 / 90, 0.5]);
    expect(out[3]).toEqual(["All products", 6, 340 / 590, 4 / 6, 2, 40 / 90, 0.5]);
  });
  it("takes another horizon in months", () => {
    // 1 month: every CRM first is still at or above its start a month on (B's downgrade comes at month 6, C's end
    // at month 10, E's at month 12); D's cross-sold CRM (2025-10-01 → 2025-11-01, 100 → 100) now reaches the horizon
    const out = XSELL_PRODUCT_RETENTION(PR, "2026-06-30", 1);
    expect(out[0][2]).toBe("As first product: GRR at 1 month");
    expect(out[1]).toEqual(["CRM", 4, 1, 1, 1, 1, 1]);
  });
  it("is #DIV/0! with the reason when nothing reached the horizon", () => {
    const e = thrown(() => XSELL_PRODUCT_RETENTION(PR, "2024-12-31"));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toBe("XSELL_PRODUCT_RETENTION: no product subscription started 12 months or more before as_of (2024-12-31), so none can be followed to the horizon");
  });
});

describe("TIMING_SPECS", () => {
  it("match the functions' arity and fit the 128-character description limit", () => {
    const impl: Record<string, (...args: never[]) => unknown> = { TIME_TO_SECOND: XSELL_TIME_TO_SECOND, SEQUENCE: XSELL_SEQUENCE, PRODUCT_RETENTION: XSELL_PRODUCT_RETENTION };
    for (const f of TIMING_SPECS) {
      expect(impl[f.id].length, f.id).toBe(f.params.length);
      expect(f.description.length, f.id).toBeLessThanOrEqual(128);
      expect(f.section).toBe("retention");
    }
  });
});
