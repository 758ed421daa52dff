import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PAIR_RULES } from "../../core/integrity/rules";
import { XSELL_ADJACENCY, XSELL_ATTACH_RATE, XSELL_NEXT_PRODUCT, XSELL_PAIR_FLAGS, XSELL_WHITESPACE } from "../../core/functions";
import { readOwnership, startOf } from "../../core/ownership";
import { productEconomics, readPrices } from "../../core/whitespace";
import { thrown as thrownError } from "../helpers";
import type { CellValue } from "../../core/values";

/**
 * Twelve accounts, worked by hand. A01–A10 own Core (started 2024-01-01). A01–A06 own Mobile, started the same
 * day as Core (a forced bundle: all 6 Mobile owners own Core, 6 of 6 the same day). A05–A09 own Addon, bought
 * later (a prerequisite: all 5 owners own Core, 5 of 5 after it). Reports: A08, A09, A10, B01 and B02 (3 of 5
 * own Core: no flag); B02 pays $500 of a $5,000 list (10%: a pass-through).
 * Owners: Core 10, Mobile 6, Addon 5, Reports 5. Both: Core&Mobile 6, Core&Addon 5, Core&Reports 3,
 * Mobile&Addon 2 (A05, A06), Addon&Reports 2 (A08, A09), Mobile&Reports 0.
 */
const acc = (i: number): string => `A${String(i).padStart(2, "0")}`;
const OWN: CellValue[][] = [
  ["Account", "Product", "ARR", "Start Date"],
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [acc(i), "Core", 20000, "2024-01-01"]),
  ...[1, 2, 3, 4, 5, 6].map((i) => [acc(i), "Mobile", 2000, "2024-01-01"]),
  ...[5, 6, 7, 8, 9].map((i) => [acc(i), "Addon", 8000, "2025-01-01"]),
  ...[8, 9, 10].map((i) => [acc(i), "Reports", 5000, "2025-06-01"]),
  ["B01", "Reports", 5000, "2025-06-01"],
  ["B02", "Reports", 500, "2025-06-01"],
];
const PRICES: CellValue[][] = [["Product", "Price"], ["Core", 20000], ["Mobile", 2000], ["Addon", 8000], ["Reports", 5000]];
const AS_OF = new Date(Date.UTC(2026, 10, 1));
const FLAGS = XSELL_PAIR_FLAGS(OWN, PRICES, AS_OF);

const thrown = (f: () => unknown): string => String(thrownError(f));
const rowOf = (grid: CellValue[][], name: string): CellValue[] => grid.find((r) => r[0] === name)!;

describe("XSELL_PAIR_FLAGS on the worked table", () => {
  it("finds the forced bundle, the prerequisite and the pass-through, nothing else", () => {
    expect(FLAGS.map((r) => r.slice(0, 4))).toEqual([
      ["Product A", "Product B", "Flag", "Accounts"],
      ["Core", "Mobile", "Forced bundle", 6],
      ["Core", "Addon", "Prerequisite", 5],
      ["", "Reports", "Pass-through", "B02"],
    ]);
  });

  it("keeps the earliest Start Date of an account-product's counted rows", () => {
    const own = readOwnership("T", [...OWN, ["A01", "Core", 100, "2023-05-05"], ["A01", "Core", 100, "2027-01-01"]], 20393);
    expect(startOf(own, own.index.get("A01"), own.products.indexOf("Core"))).toBe(Date.UTC(2023, 4, 5) / 86400000);
    expect(Number.isNaN(startOf(readOwnership("T", [["Account", "CRM"], ["A", 1]]), 0, 0))).toBe(true);
  });
});

describe("exclude on XSELL_ATTACH_RATE", () => {
  const rate = (a: string, b: string, exclude?: unknown): number => XSELL_ATTACH_RATE(OWN, a, b, 1, AS_OF, exclude);
  it("raw by default and with \"none\"", () => {
    expect(rate("Core", "Mobile")).toBe(6 / 10);
    expect(rate("Mobile", "Core", "none")).toBe(1);
    expect(rate("Reports", "Core", [["None"]])).toBe(3 / 5);
  });
  it("leaves out both cells of a forced bundle and B → A of a prerequisite, keeping the path A → B", () => {
    expect(thrown(() => rate("Core", "Mobile", "flags"))).toMatch(/^#N\/A XSELL_ATTACH_RATE: Core → Mobile is left out as no cross-sell rate \(Forced bundle\): All 6 owners of Mobile also own Core, and all 6 with Start Dates/);
    expect(thrown(() => rate("Mobile", "Core", "flags"))).toMatch(/Forced bundle/);
    expect(thrown(() => rate("Addon", "Core", "flags"))).toMatch(/\(Prerequisite\)/);
    expect(rate("Core", "Addon", "flags")).toBe(5 / 10);
  });
  it("with the flags table, counts pass-through ownership as not owned: Reports → Core is 3 of 4, not 3 of 5", () => {
    expect(rate("Reports", "Core", "flags")).toBe(3 / 5); // no price list, so no pass-through seen
    expect(rate("Reports", "Core", FLAGS)).toBe(3 / 4);
    expect(rate("Core", "Reports", FLAGS)).toBe(3 / 10);
  });
  it("keeps a pair whose row was deleted from the flags table", () => {
    const edited = FLAGS.filter((r) => r[2] !== "Prerequisite");
    expect(rate("Addon", "Core", edited)).toBe(1);
    expect(thrown(() => rate("Mobile", "Core", edited))).toMatch(/Forced bundle/);
  });
  it("says what it expected of a wrong exclude", () => {
    expect(thrown(() => rate("Core", "Addon", "bundles"))).toBe('#VALUE! XSELL_ATTACH_RATE: exclude must be "none" or "flags", got "bundles"; or pass a table as XSELL_PAIR_FLAGS spills it');
    expect(thrown(() => rate("Core", "Addon", [["Product A", "Product B", "Flag", "Accounts"], ["", "Reports", "Pass-through", "Nobody"]]))).toBe('#N/A XSELL_ATTACH_RATE: exclude row 2: the account "Nobody" is not in ownership');
    expect(thrown(() => rate("Core", "Addon", [["Product", "Flag"], ["Core", "x"]]))).toMatch(/exclude must be "none", "flags" or a table with the columns Product A, Product B, Flag, Accounts/);
  });
});

describe("exclude on XSELL_ADJACENCY", () => {
  it("blanks flagged cells and counts the rest from honest ownership", () => {
    const raw = XSELL_ADJACENCY(OWN, "attach", 1, AS_OF);
    const honest = XSELL_ADJACENCY(OWN, "attach", 1, AS_OF, FLAGS);
    expect(raw[0]).toEqual(["Owned ↓ / Next →", "Core", "Mobile", "Addon", "Reports"]);
    expect(rowOf(raw, "Core")).toEqual(["Core", "", 6 / 10, 5 / 10, 3 / 10]);
    expect(rowOf(honest, "Core")).toEqual(["Core", "", "", 5 / 10, 3 / 10]);
    expect(rowOf(raw, "Mobile")).toEqual(["Mobile", 1, "", 2 / 6, 0]);
    expect(rowOf(honest, "Mobile")).toEqual(["Mobile", "", "", 2 / 6, 0]);
    expect(rowOf(honest, "Addon")).toEqual(["Addon", "", 2 / 5, "", 2 / 5]);
    expect(rowOf(raw, "Reports")).toEqual(["Reports", 3 / 5, 0, 2 / 5, ""]);
    expect(rowOf(honest, "Reports")).toEqual(["Reports", 3 / 4, 0, 2 / 4, ""]);
    // the count of owners per row stays, a fact about the row, less pass-through
    expect(rowOf(XSELL_ADJACENCY(OWN, "accounts", 1, AS_OF, FLAGS), "Reports")).toEqual(["Reports", 4, 4, 4, ""]);
  });
});

describe("exclude on XSELL_WHITESPACE", () => {
  it("marks pass-through and bundle halves, and prices the rest from honest rates", () => {
    const raw = XSELL_WHITESPACE(OWN, PRICES, 1, AS_OF);
    const honest = XSELL_WHITESPACE(OWN, PRICES, 1, AS_OF, "flags");
    expect(raw[0]).toEqual(["Account", "Core", "Mobile", "Addon", "Reports"]);
    // A07 owns Core and Addon. Raw Mobile: max(Core → Mobile 6/10, Addon → Mobile 2/5) × $2,000 = $1,200.
    expect(rowOf(raw, "A07")).toEqual(["A07", "owned", 0.6 * 2000, "owned", 0.4 * 5000]);
    expect(rowOf(honest, "A07")).toEqual(["A07", "owned", "bundled", "owned", 0.4 * 5000]);
    // B02 holds Reports at 10% of list: not a source, so it falls back to each product's share of all 12 accounts
    expect(rowOf(raw, "B02")).toEqual(["B02", 0.6 * 20000, 0, 0.4 * 8000, "owned"]);
    expect(rowOf(honest, "B02")).toEqual(["B02", (10 / 12) * 20000, (6 / 12) * 2000, (5 / 12) * 8000, "pass-through"]);
    // B01's Reports → Core is 3 of 4 honest Reports owners
    expect(rowOf(honest, "B01")[1]).toBe(0.75 * 20000);
  });
});

describe("exclude on XSELL_NEXT_PRODUCT", () => {
  it("never recommends a forced bundle's other half, even with raw rates", () => {
    const raw = XSELL_NEXT_PRODUCT(OWN, null, 1, AS_OF);
    // by propensity A07 would get Mobile (60%); Mobile comes with Core, so Reports (Addon → Reports, 2 of 5)
    expect(rowOf(raw, "A07")).toEqual(["A07", "Reports", 0.4, "", "40% of the 5 accounts that own Addon also own Reports"]);
    expect(rowOf(raw, "A10")).toEqual(["A10", "Addon", 0.5, "", "50% of the 10 accounts that own Core also own Addon"]);
    expect(rowOf(raw, "B01")).toEqual(["B01", "Core", 0.6, "", "60% of the 5 accounts that own Reports also own Core"]);
  });
  it("with the flags table, reads rates without pass-through and never offers the pass-through product", () => {
    const honest = XSELL_NEXT_PRODUCT(OWN, null, 1, AS_OF, FLAGS);
    expect(rowOf(honest, "B01")).toEqual(["B01", "Core", 0.75, "", "75% of the 4 accounts that own Reports also own Core"]);
    expect(rowOf(honest, "B02")).toEqual(["B02", "Core", 10 / 12, "", "83% of all 12 accounts own Core"]);
    const second = XSELL_NEXT_PRODUCT(OWN, PRICES, 4, AS_OF, FLAGS);
    expect(rowOf(second, "B02")).toEqual(["B02", "", "", "", "fewer than 4 products left to recommend"]);
  });
});

describe("the rules as data", () => {
  it("the README's rules table lists every rule with its default", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    for (const r of PAIR_RULES) expect(readme).toContain(`| ${r.rule} | ${r.kind === "share" ? `${Math.round(r.value * 100)}%` : r.value} |`);
  });
  it("a rules table changes only the rules it names, and refuses a share above 100%", () => {
    const strict = [["Rule", "Value"], ["Same-day starts for a forced bundle", "100%"]];
    // 6 of 6 Mobile owners started it with Core: still a bundle at 100%
    expect(XSELL_PAIR_FLAGS(OWN, null, AS_OF, strict)[1].slice(0, 3)).toEqual(["Core", "Mobile", "Forced bundle"]);
    expect(thrown(() => XSELL_PAIR_FLAGS(OWN, null, AS_OF, [["Rule", "Value"], ["Owners of B who own A", 95]]))).toBe(
      "#VALUE! XSELL_PAIR_FLAGS: rules row 2 (Owners of B who own A): expected a share between 0 and 1 (write 95% or 0.95), got 95",
    );
    expect(thrown(() => XSELL_PAIR_FLAGS(OWN, null, AS_OF, [["Rule", "Value"], ["Fewest owners of B", 2.5]]))).toMatch(/expected a whole number ≥ 1, got 2.5/);
  });
});

describe("realized price per product (whitespace economics)", () => {
  it("owners, ARR per owner, realized ÷ list and pass-through, overall and by the year bought", () => {
    const own = readOwnership("T", OWN, Date.UTC(2026, 10, 1) / 86400000);
    const e = productEconomics(own, readPrices("T", PRICES, own), 0.2);
    expect(own.products).toEqual(["Core", "Mobile", "Addon", "Reports"]);
    expect([...e.owners]).toEqual([10, 6, 5, 5]);
    expect([...e.share]).toEqual([10 / 12, 6 / 12, 5 / 12, 5 / 12]);
    // Reports: 4 × $5,000 + $500 = $20,500 over 5 owners of a $5,000 list
    expect([...e.arrPerOwner]).toEqual([20000, 2000, 8000, 4100]);
    expect([...e.realized]).toEqual([1, 1, 1, 20500 / 25000]);
    expect([...e.passThrough]).toEqual([0, 0, 0, 1]);
    // years with no account started yet (2022, 2023) are left out; 2024: A01–A10 started; 2025: all 12
    expect(e.years.map((y) => y.year)).toEqual([2024, 2025]);
    expect([...e.years[0].share]).toEqual([1, 0.6, 0, 0]);
    expect([...e.years[0].realized]).toEqual([1, 1, NaN, NaN]);
    expect([...e.years[1].share]).toEqual([10 / 12, 6 / 12, 5 / 12, 5 / 12]);
    expect([...e.years[1].realized]).toEqual([NaN, NaN, 1, 20500 / 25000]);
  });
  it("has no realized price without ARR or prices, and no years without Start Dates", () => {
    const wide = readOwnership("T", [["Account", "CRM", "BI"], ["A", 1, 1], ["B", 1, ""]]);
    const e = productEconomics(wide, null, 0.2);
    expect([...e.owners]).toEqual([2, 1]);
    expect([...e.realized].every(Number.isNaN)).toBe(true);
    expect(e.years).toEqual([]);
  });
});
