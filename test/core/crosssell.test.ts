import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { XSELL_ADJACENCY, XSELL_ATTACH_RATE, XSELL_LIFT, XSELL_NEXT_PRODUCT, XSELL_WHITESPACE } from "../../core/functions";
import { wilson, Z95 } from "../../core/adjacency";
import type { OwnerSets } from "../../core/owner-sets";
import { readOwnership } from "../../core/ownership";
import { thrown } from "../helpers";
import type { CellValue } from "../../core/values";

/**
 * Seven accounts. A: CRM+Analytics (CRM listed twice, ARR merges), B: all three, C: CRM, D: CRM+Service,
 * E: Service, F: Analytics, G: no product (still counts in every denominator).
 * Owners: CRM 4, Analytics 3, Service 3. Both: CRM&Analytics 2 (A,B), CRM&Service 2 (B,D), Analytics&Service 1 (B).
 */
const LONG: CellValue[][] = [
  ["Customer", "Product", "ARR"],
  ["A", "CRM", 100], ["A", "Analytics", 40], ["a ", "CRM", 50],
  ["B", "CRM", 100], ["B", "Analytics", 40], ["B", "Service", 30],
  ["C", "CRM", 100], ["D", "CRM", 100], ["D", "Service", 30], ["E", "Service", 30], ["F", "Analytics", 40],
  ["G", "", ""],
];
/** The same accounts, wide, with a product nobody owns and every way of writing "owned". */
const WIDE: CellValue[][] = [
  ["Account", "CRM", "Analytics", "Service", "Data Warehouse"],
  ["A", 150, "Yes", "", ""], ["B", true, "x", "TRUE", "No"], ["C", "$1,000", 0, "-", "N"], ["D", "y", "FALSE", 1, 0],
  ["E", "", "no", "Gold plan", ""], ["F", null, 2, "0", "#N/A"], ["G", "", "", "", ""],
];

/** The account indexes owning product p, asked account by account; the owner list must say the same. */
function bitsOf(own: { owners: OwnerSets; accounts: string[] }, p: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < own.accounts.length; a++) if (own.owners.owns(p, a)) out.push(a);
  expect(Array.from(own.owners.ownersOf(p))).toEqual(out);
  return out;
}

describe("reading ownership", () => {
  it("detects long and wide shapes and reads the same bitsets", () => {
    const long = readOwnership("T", LONG);
    const wide = readOwnership("T", WIDE);
    expect(long.shape).toBe("long");
    expect(wide.shape).toBe("wide");
    expect(long.accounts).toEqual(["A", "B", "C", "D", "E", "F", "G"]);
    expect(wide.accounts).toEqual(long.accounts);
    expect(Array.from(long.ownerCounts)).toEqual([4, 3, 3]);
    expect(Array.from(wide.ownerCounts)).toEqual([4, 3, 3, 0]);
    expect(long.arr.get(0 * 3 + 0)).toBe(150); // A's CRM rows merged
  });
  it("rejects broken tables with the row and what was expected", () => {
    expect(() => readOwnership("XSELL_WHITESPACE", [["Account", "CRM"], ["", "Yes"]])).toThrow("XSELL_WHITESPACE: ownership row 2: products are marked but the account cell is blank");
    expect(() => readOwnership("XSELL_WHITESPACE", [["Account", "Product", "ARR"], ["A", "CRM", -5]])).toThrow("ARR cannot be negative");
    expect(() => readOwnership("XSELL_WHITESPACE", [["Account", "CRM", "crm"], ["A", 1, 1]])).toThrow('ownership has the product column "crm" twice');
    expect(() => readOwnership("XSELL_WHITESPACE", [["Account"]])).toThrow("ownership must have a header row and at least two columns");
  });
  it("drops products whose End Date has passed and zero-ARR rows", () => {
    const own = readOwnership("T", [["Account", "Product", "ARR", "End Date"], ["A", "CRM", 10, "2001-01-01"], ["A", "BI", 0, ""], ["B", "CRM", 10, "9999-01-01"]]);
    expect(Array.from(own.ownerCounts)).toEqual([1, 0]);
    expect(own.accounts).toEqual(["A", "B"]);
  });
  it("reads an unreadable ARR as missing: the product is still owned, its ARR unknown", () => {
    const own = readOwnership("T", [["Account", "Product", "ARR"], ["A", "CRM", "lots"], ["B", "CRM", 5]]);
    expect(Array.from(own.ownerCounts)).toEqual([2]);
    expect([...own.arr]).toEqual([[1, 5]]);
    expect(own.table!.report.columns[2].note).toContain('1 unreadable cell counted as missing (row 2 "lots")');
  });
  it("compares End and Start Dates with as_of, not with today", () => {
    const t = [["Account", "Product", "Start Date", "Subscription End"], ["A", "CRM", "2025-01-01", "2026-06-30"], ["B", "CRM", "2026-07-01", ""], ["C", "CRM", "2025-01-01", "2026-07-01"]];
    const day = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
    // on 2026-06-29: A (ends tomorrow) and C own it; B has not started
    expect(bitsOf(readOwnership("T", t, day("2026-06-29")), 0)).toEqual([0, 2]);
    // on 2026-06-30 A's end date has come: ended; on 2026-07-01 B starts and C ends
    expect(bitsOf(readOwnership("T", t, day("2026-06-30")), 0)).toEqual([2]);
    expect(bitsOf(readOwnership("T", t, day("2026-07-01")), 0)).toEqual([1]);
  });
  it("counts only active, paid ownership: a Status column and status words in wide cells", () => {
    const long = readOwnership("T", [
      ["Account", "Product", "Status"],
      ["A", "CRM", "Active"], ["B", "CRM", "Cancelled"], ["C", "CRM", "canceled"], ["D", "CRM", "Churned"], ["E", "CRM", "Expired"],
      ["F", "CRM", "Trial"], ["G", "CRM", "Pending"], ["H", "CRM", "Suspended"], ["I", "CRM", "Closed Won"], ["J", "CRM", "Frozen"], ["K", "CRM", ""],
    ]);
    expect(bitsOf(long, 0)).toEqual([0, 8, 10]); // A, I (closed won), K (no status: owned)
    expect(bitsOf({ ...long, owners: long.trials }, 0)).toEqual([5]); // F is listed apart
    expect(long.notes).toContain('1 row with the status "Frozen", which XSELL does not know, not counted as owned');
    const wide = readOwnership("T", [["Account", "CRM"], ["A", "Active"], ["B", "Cancelled"], ["C", "Churned"], ["D", "n/a"], ["E", "Trial"], ["F", "Enterprise"], ["G", "x"]]);
    expect(bitsOf(wide, 0)).toEqual([0, 5, 6]);
    expect(bitsOf({ ...wide, owners: wide.trials }, 0)).toEqual([4]);
  });
  it("keeps products apart that differ by punctuation, and together when only case or spaces differ", () => {
    const own = readOwnership("T", [["Account", "Product"], ["A", "Plan A"], ["B", "Plan A+"], ["C", "plan  a"], ["D", "PlanA"]]);
    expect(own.products).toEqual(["Plan A", "Plan A+", "PlanA"]);
    expect(Array.from(own.ownerCounts)).toEqual([2, 1, 1]);
  });
  it("joins by Account ID when the table has one, and names accounts by their name", () => {
    const own = readOwnership("T", [["Account ID", "Account Name", "Product"], ["001A", "Acme", "CRM"], ["001B", "Acme", "BI"], ["001A", "ACME Inc", "BI"]]);
    expect(own.byId).toBe(true);
    expect(own.accounts).toEqual(["Acme", "Acme"]); // two accounts that share a name
    expect(bitsOf(own, 1)).toEqual([0, 1]);
  });
});

describe("XSELL_ATTACH_RATE and XSELL_LIFT", () => {
  it.each([
    ["CRM", "Analytics", 0.5], ["Analytics", "CRM", 2 / 3], ["CRM", "Service", 0.5], ["Service", "Analytics", 1 / 3], ["analytics", "SERVICE", 1 / 3],
  ])("attach %s → %s = %d", (a, b, rate) => {
    expect(XSELL_ATTACH_RATE(LONG, a, b)).toBeCloseTo(rate, 15);
    expect(XSELL_ATTACH_RATE(WIDE, a, b)).toBeCloseTo(rate, 15);
  });
  it("lift divides by the share of all 7 accounts owning B", () => {
    expect(XSELL_LIFT(LONG, "CRM", "Analytics")).toBeCloseTo(0.5 / (3 / 7), 15);
    expect(XSELL_LIFT(LONG, "Analytics", "Service")).toBeCloseTo(1 / 3 / (3 / 7), 15);
  });
  it("answers #N/A below min_accounts, and names unknown products with the ones found", () => {
    expect(XSELL_ATTACH_RATE(LONG, "CRM", "Analytics", 4)).toBe(0.5);
    const na = thrown(() => XSELL_ATTACH_RATE(LONG, "CRM", "Analytics", 5));
    expect(na.code).toBe("#N/A");
    expect(na.message).toBe('XSELL_ATTACH_RATE: 4 accounts own "CRM"; min_accounts is 5, so its attach rate is not meaningful');
    const unknown = thrown(() => XSELL_ATTACH_RATE(LONG, "CRMM", "Analytics"));
    expect(unknown.code).toBe("#N/A");
    expect(unknown.message).toBe('XSELL_ATTACH_RATE: product_a "CRMM" is not in ownership; products found: "CRM", "Analytics", "Service"');
    expect(thrown(() => XSELL_LIFT(WIDE, "CRM", "Data Warehouse")).code).toBe("#DIV/0!");
    expect(thrown(() => XSELL_ATTACH_RATE(WIDE, "Data Warehouse", "CRM")).code).toBe("#N/A");
    expect(thrown(() => XSELL_ATTACH_RATE(LONG, "CRM", "crm")).message).toContain("pick two different products");
    expect(thrown(() => XSELL_ATTACH_RATE(LONG, "CRM", "Analytics", 1.5)).message).toBe("XSELL_ATTACH_RATE: min_accounts must be a whole number ≥ 0, got 1.5");
  });
});

describe("XSELL_ADJACENCY", () => {
  const r = (x: number) => Math.round(x * 1e12) / 1e12;
  const rounded = (g: CellValue[][]) => g.map((row) => row.map((v) => (typeof v === "number" ? r(v) : v)));
  it("attach (default): owned product down, next product across, diagonal blank", () => {
    expect(rounded(XSELL_ADJACENCY(LONG))).toEqual(rounded([
      ["Owned ↓ / Next →", "CRM", "Analytics", "Service"],
      ["CRM", "", 0.5, 0.5],
      ["Analytics", 2 / 3, "", 1 / 3],
      ["Service", 2 / 3, 1 / 3, ""],
    ]));
  });
  it("count is symmetric; support, lift and accounts as defined", () => {
    expect(XSELL_ADJACENCY(WIDE, "count")).toEqual([
      ["Owned ↓ / Next →", "CRM", "Analytics", "Service", "Data Warehouse"],
      // nobody owns Data Warehouse: its row and its column are blank (count describes the pair)
      ["CRM", "", 2, 2, ""], ["Analytics", 2, "", 1, ""], ["Service", 2, 1, "", ""], ["Data Warehouse", "", "", "", ""],
    ]);
    expect(rounded(XSELL_ADJACENCY(LONG, "support"))[1]).toEqual(["CRM", "", r(2 / 7), r(2 / 7)]);
    expect(rounded(XSELL_ADJACENCY(WIDE, "lift"))[1]).toEqual(["CRM", "", r(7 / 6), r(7 / 6), ""]);
    expect(XSELL_ADJACENCY(LONG, "accounts")[2]).toEqual(["Analytics", 3, "", 3]);
  });
  it("blanks rows whose product has fewer than min_accounts owners, never 0", () => {
    const m = XSELL_ADJACENCY(LONG, "attach", 4);
    expect(m[1]).toEqual(["CRM", "", 0.5, 0.5]);
    expect(m[2]).toEqual(["Analytics", "", "", ""]);
    expect(m[3]).toEqual(["Service", "", "", ""]);
  });
  it("ci_low ≤ attach ≤ ci_high with Wilson bounds", () => {
    const lo = XSELL_ADJACENCY(LONG, "ci_low")[1][2] as number;
    const hi = XSELL_ADJACENCY(LONG, "CI-High")[1][2] as number;
    expect(lo).toBeCloseTo(wilson(2, 4)[0], 15);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(0.5);
  });
  it("rejects an unknown measure", () => {
    expect(() => XSELL_ADJACENCY(LONG, "confidence")).toThrow('XSELL_ADJACENCY: measure must be "attach", "lift", "count", "support", "ci_low", "ci_high" or "accounts", got "confidence"');
  });
});

describe("Wilson interval against an independent reference (scripts/wilson_reference.py)", () => {
  const ref = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "wilson.json"), "utf8")) as { z: number; cases: { k: number; n: number; low: number; high: number }[] };
  it("uses the same z", () => expect(Math.abs(Z95 - ref.z)).toBeLessThan(1e-12));
  it.each(ref.cases.map((c) => [c.k, c.n, c.low, c.high]))("k=%d n=%d", (k, n, low, high) => {
    const [l, h] = wilson(k, n);
    expect(Math.abs(l - low)).toBeLessThan(1e-9);
    expect(Math.abs(h - high)).toBeLessThan(1e-9);
  });
});

describe("XSELL_WHITESPACE", () => {
  it("shows owned, the best attach rate from an owned product, or the overall share for accounts owning nothing", () => {
    const ws = XSELL_WHITESPACE(LONG);
    expect(ws[0]).toEqual(["Account", "CRM", "Analytics", "Service"]);
    expect(ws[1]).toEqual(["A", "owned", "owned", 0.5]);
    expect(ws[2]).toEqual(["B", "owned", "owned", "owned"]);
    expect(ws[3]).toEqual(["C", "owned", 0.5, 0.5]);
    expect(ws[5]).toEqual(["E", 2 / 3, 1 / 3, "owned"]);
    expect(ws[7]).toEqual(["G", 4 / 7, 3 / 7, 3 / 7]);
  });
  it("falls back to overall share when the account's products are below min_accounts", () => {
    const ws = XSELL_WHITESPACE(LONG, null, 4);
    expect(ws[5]).toEqual(["E", 4 / 7, 3 / 7, "owned"]);
    expect(ws[3]).toEqual(["C", "owned", 0.5, 0.5]);
  });
  it("gives expected ARR with prices, blank where a product has no price", () => {
    const prices = [["Product", "Price"], ["crm", "$100"], ["Analytics", 50]];
    const ws = XSELL_WHITESPACE(LONG, prices);
    expect(ws[3]).toEqual(["C", "owned", 25, ""]);
    expect(ws[7][1]).toBeCloseTo(400 / 7, 12);
    expect(() => XSELL_WHITESPACE(LONG, [["Product", "Cost"], ["CRM", 1]])).toThrow('XSELL_WHITESPACE: no column "Price" (prices needs Product and Price columns)');
  });
  it("keeps a product nobody owns as a column of zeros", () => {
    const ws = XSELL_WHITESPACE(WIDE);
    expect(ws[0][4]).toBe("Data Warehouse");
    expect(ws.slice(1).map((r) => r[4])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("XSELL_NEXT_PRODUCT", () => {
  it("ranks by propensity (ties in product order) and says why", () => {
    const np = XSELL_NEXT_PRODUCT(LONG);
    expect(np[0]).toEqual(["Account", "Product", "Propensity", "Expected ARR", "Reason"]);
    expect(np[3]).toEqual(["C", "Analytics", 0.5, "", "50% of the 4 accounts that own CRM also own Analytics"]);
    expect(np[2]).toEqual(["B", "", "", "", "owns every product"]);
    expect(np[5]).toEqual(["E", "CRM", 2 / 3, "", "67% of the 3 accounts that own Service also own CRM"]);
    expect(np[7]).toEqual(["G", "CRM", 4 / 7, "", "57% of all 7 accounts own CRM"]);
  });
  it("ranks by expected ARR with prices, and gives the rank-th product", () => {
    const prices = [["Product", "Price"], ["CRM", 100], ["Analytics", 20], ["Service", 60]];
    expect(XSELL_NEXT_PRODUCT(LONG, prices)[3]).toEqual(["C", "Service", 0.5, 30, "50% of the 4 accounts that own CRM also own Service"]);
    expect(XSELL_NEXT_PRODUCT(LONG, prices, 2)[3]).toEqual(["C", "Analytics", 0.5, 10, "50% of the 4 accounts that own CRM also own Analytics"]);
    expect(XSELL_NEXT_PRODUCT(LONG, null, 3)[3]).toEqual(["C", "", "", "", "fewer than 3 products left to recommend"]);
    expect(() => XSELL_NEXT_PRODUCT(LONG, null, 0)).toThrow("XSELL_NEXT_PRODUCT: rank must be a whole number ≥ 1, got 0");
  });
});
