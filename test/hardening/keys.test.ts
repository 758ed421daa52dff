/**
 * One key rule for names everywhere (case, spaces and Unicode form are ignored; punctuation never is): C, C++ and
 * C# stay three products, and Plan 1.0's price is never Plan 10's, in wide and long ownership, prices, retention
 * and account lookups (the issue found C/C++/C# merged and Plan 1.0 priced at Plan 10's 999,999).
 */
import { describe, expect, it } from "vitest";
import { XSELL_ATTACH_RATE, XSELL_RETENTION, XSELL_WHITESPACE } from "../../core/functions";
import { readOwnership, accountLookup } from "../../core/ownership";
import { readPrices } from "../../core/whitespace";
import { retentionSummary } from "../../core/retention";
import { readTable } from "../../core/table";
import type { CellValue } from "../../core/values";

const AS_OF = 20_760;
const LONG: CellValue[][] = [
  ["Account", "Product"],
  ["A", "C"], ["A", "C++"], ["B", "C#"], ["B", "C"], ["C", "Plan 1.0"], ["D", "Plan 10"], ["E", "c++"], ["F", " C# "],
];
const WIDE: CellValue[][] = [
  ["Account", "C", "C++", "C#", "Plan 1.0", "Plan 10"],
  ["A", 1, 1, 0, 0, 0], ["B", 1, 0, 1, 0, 0], ["C", 0, 0, 0, 1, 0], ["D", 0, 0, 0, 0, 1], ["E", 0, 1, 0, 0, 0], ["F", 0, 0, 1, 0, 0],
];
const PRICES: CellValue[][] = [["Product", "Price"], ["C", 1], ["C++", 2], ["C#", 3], ["Plan 1.0", 100], ["Plan 10", 999_999]];

describe("punctuation keeps names apart", () => {
  for (const [shape, table] of [["long", LONG], ["wide", WIDE]] as const) {
    it(`${shape} ownership: C, C++ and C# are three products; Plan 1.0 and Plan 10 two`, () => {
      const own = readOwnership("T", table, AS_OF);
      expect(own.products).toEqual(["C", "C++", "C#", "Plan 1.0", "Plan 10"]);
      expect(Array.from(own.ownerCounts)).toEqual([2, 2, 2, 1, 1]);
      expect(XSELL_ATTACH_RATE(table, "C", "C++")).toBe(0.5);
      expect(XSELL_ATTACH_RATE(table, "c#", "C")).toBe(0.5); // case is ignored, punctuation is not
    });
    it(`${shape} ownership: each product gets its own price`, () => {
      const own = readOwnership("T", table, AS_OF);
      expect(Array.from(readPrices("T", PRICES, own))).toEqual([1, 2, 3, 100, 999_999]);
      // Plan 1.0's owner C: the whitespace value of Plan 10 for C uses Plan 10's price, and Plan 1.0 is owned
      const ws = XSELL_WHITESPACE(table, PRICES, undefined, "2026-11-04") as CellValue[][];
      const row = ws.find((r) => r[0] === "C")!;
      expect(row[ws[0].indexOf("Plan 1.0")]).toBe("owned");
    });
  }
  it("retention by product keeps C, C++ and C# apart, and accounts 'Acme' and 'Acme.' apart", () => {
    const t: CellValue[][] = [
      ["Account", "Product", "Start ARR", "End ARR"],
      ["Acme", "C", 100, 100], ["Acme", "C++", 0, 50], ["Acme.", "C#", 100, 0],
    ];
    const s = retentionSummary("T", t);
    expect(s.accounts.map((a) => a.name)).toEqual(["Acme", "Acme."]);
    expect(s.crossSell).toBe(50); // C++ was not held at start: cross-sell, not upsell of "C"
    const out = XSELL_RETENTION(t) as CellValue[][];
    expect(out.length).toBeGreaterThan(3);
  });
  it("account lookups from an account table keep 'Acme' and 'Acme.' apart", () => {
    const own = readOwnership("T", [["Account", "Product"], ["Acme", "C"], ["Acme.", "C#"]], AS_OF);
    const table = readTable("T", [["Account", "NPS"], ["Acme.", 1], ["ACME", 2], ["Acme,", 3]]);
    const lookup = accountLookup(own, table);
    expect(table.rows.map((r) => lookup(r))).toEqual([1, 0, -1]);
  });
});
