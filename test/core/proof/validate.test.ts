import { describe, expect, it } from "vitest";
import { XSELL_AUC, XSELL_VALIDATE } from "../../../core/functions";
import { wilson } from "../../../core/adjacency";
import { thrown } from "../../helpers";
import type { CellValue } from "../../../core/values";

const col = (xs: CellValue[]): CellValue[][] => xs.map((x) => [x]);

/**
 * Ten accounts, distinct scores. Expanded: 95, 80, 65, 48. Pairs won by the expanded account: 95 → 6, 80 → 6,
 * 65 → 5 (not 72), 48 → 3 (35, 20, 10): AUC = 20 / 24. Bands: High 95, 80, 72 (2 of 3); Qualified 65, 61 (1 of 2);
 * Nurture 55, 48 (1 of 2); Low 35, 20, 10 (0 of 3). Overall rate 4 / 10.
 */
const SCORES = [95, 80, 72, 65, 61, 55, 48, 35, 20, 10];
const OUTCOMES = [true, 1, "No", "yes", 0, false, 1200, 0, "FALSE", -50];

describe("XSELL_AUC", () => {
  it("counts the pairs an expanded account wins, ties half (hand-worked)", () => {
    expect(XSELL_AUC(col(SCORES), col(OUTCOMES))).toBeCloseTo(20 / 24, 15);
    // ties: expanded 50 vs not-expanded 50 is half a pair; 2 pairs in all: (½ + 1) / 2
    expect(XSELL_AUC(col([50, 50, 10]), col([1, 0, 0]))).toBe(0.75);
  });

  it("skips a header cell on top of each column and leaves blank rows out", () => {
    expect(XSELL_AUC(col(["Score", ...SCORES, "", 40]), col(["Expanded", ...OUTCOMES, 1, ""]))).toBeCloseTo(20 / 24, 15);
  });

  it("reads a horizontal range across", () => {
    expect(XSELL_AUC([SCORES], [OUTCOMES])).toBeCloseTo(20 / 24, 15);
  });

  it("names the row of an unreadable outcome or score, and refuses misaligned or one-class outcomes", () => {
    expect(thrown(() => XSELL_AUC(col([1, 2, 3]), col([1, "maybe", 0]))).message).toBe(
      'XSELL_AUC: outcomes row 2: "maybe" is not an outcome; expected TRUE/FALSE, Yes/No, 1/0 or an expansion amount (> 0 = expanded)',
    );
    expect(thrown(() => XSELL_AUC(col(["Score", 1, "high"]), col(["Won", 1, 0]))).message).toBe('XSELL_AUC: scores row 3: "high" is not a score');
    expect(thrown(() => XSELL_AUC(col([1, 2, 3]), col([1, 0]))).message).toMatch(/scores has 3 value rows but outcomes has 2/);
    const e = thrown(() => XSELL_AUC(col([1, 2, 3]), col([0, 0, 0])));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toBe("XSELL_AUC: none of the 3 accounts expanded, so there is nothing to rank them against");
    expect(thrown(() => XSELL_AUC(col([1, 2, 3]), col(["", "", ""]))).message).toBe("XSELL_AUC: no row has both a score and an outcome (3 left out as blank)");
  });
});

describe("XSELL_VALIDATE", () => {
  const grid = XSELL_VALIDATE(col(["Score", ...SCORES, 44]), col(["Expanded", ...OUTCOMES, ""]));
  const row = (label: CellValue): CellValue[] => grid.find((r) => r[0] === label)!;

  it("leads with the AUC, its DeLong interval, accounts, expansions and left-out rows", () => {
    expect(grid.every((r) => r.length === 7)).toBe(true);
    expect(row("AUC")[1]).toBeCloseTo(20 / 24, 15);
    expect(row("AUC")[2] as number).toBeLessThan(20 / 24);
    expect(row("AUC")[3] as number).toBeGreaterThan(20 / 24);
    expect(row("Accounts")[1]).toBe(10);
    expect(row("Expanded")[1]).toBe(4);
    expect(row("Expansion rate").slice(1, 4)).toEqual([0.4, ...wilson(4, 10)]);
    expect(row("Rows left out")[1]).toBe(1);
  });

  it("converts per band with Wilson intervals and lift against the overall rate", () => {
    expect(row("High")).toEqual(["High", 3, 2, 2 / 3, ...wilson(2, 3), 2 / 3 / 0.4]);
    expect(row("Qualified")).toEqual(["Qualified", 2, 1, 0.5, ...wilson(1, 2), 0.5 / 0.4]);
    expect(row("Nurture")).toEqual(["Nurture", 2, 1, 0.5, ...wilson(1, 2), 0.5 / 0.4]);
    expect(row("Low")).toEqual(["Low", 3, 0, 0, 0, wilson(0, 3)[1], 0]); // exactly 0 below, not 5.6e-17
    expect(row("All").slice(0, 4)).toEqual(["All", 10, 4, 0.4]);
  });

  it("gives one decile per account when ten distinct scores are ranked", () => {
    const top = grid.findIndex((r) => r[0] === "Decile (1 = top)");
    const deciles = grid.slice(top + 1);
    expect(deciles.map((r) => r[1])).toEqual(SCORES);
    expect(deciles.map((r) => r[4])).toEqual([1, 1, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(deciles[0][6]).toBe(2.5); // 100% against 40%
  });

  it("keeps tied scores in one decile and shows the empty ones", () => {
    const g = XSELL_VALIDATE(col([...Array(10).fill(80), ...Array(10).fill(20)]), col([...Array(10).fill(1).map((_, i) => (i < 6 ? 1 : 0)), ...Array(10).fill(0).map((_, i) => (i < 2 ? 1 : 0))]));
    const top = g.findIndex((r) => r[0] === "Decile (1 = top)");
    const deciles = g.slice(top + 1);
    // twenty accounts, two runs of ten: the 80s sit in positions 1–10 (middle 5.5 → decile 3), the 20s in 11–20 (decile 8)
    expect(deciles.map((r) => r[3])).toEqual([0, 0, 10, 0, 0, 0, 0, 10, 0, 0]);
    expect(deciles[2].slice(0, 7)).toEqual([3, 80, 80, 10, 6, 0.6, 0.6 / 0.4]);
  });

  it("uses your own bands when given, ordered by their mean score", () => {
    const g = XSELL_VALIDATE(col(SCORES), col(OUTCOMES), col(["Tier", "A", "A", "B", "B", "B", "C", "C", "C", "C", "C"]));
    const bands = g.slice(g.findIndex((r) => r[0] === "Band") + 1, g.findIndex((r) => r[0] === "All"));
    expect(bands.map((r) => r.slice(0, 3))).toEqual([["A", 2, 2], ["B", 3, 1], ["C", 5, 1]]);
    expect(thrown(() => XSELL_VALIDATE(col(SCORES), col(OUTCOMES), col(["A", "B"]))).message).toMatch(/bands has 2 rows but scores has 10 value rows/);
  });
});
