import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { XSELL_BACKTEST, XSELL_NEXT_PRODUCT } from "../../../core/functions";
import { parseCsv } from "../../../cli/csv";
import { readHistory } from "../../../core/history/read";
import { thrown } from "../../helpers";
import type { CellValue } from "../../../core/values";

/**
 * Seven accounts, products A, B, C (MRR), rewound to 2025-01-01 with a 365-day horizon. Paying then: p1 A, p2 A,
 * p3 A+B, p4 C, p6 A, p7 B+C (p5 had left in 2024: its return with C is not a cross-sell). Bought within the
 * horizon: p1 B, p2 C, p4 B (p1's A repriced is not new; p6's B comes too late; p6's C is a free trial).
 * Owners: A 4, B 2, C 2. Attach: A→B ¼, A→C 0, B→A ½, B→C ½, C→A 0, C→B ½.
 * Next product: p1 B (hit), p2 B, p3 C (½ from B), p4 B (hit, ½ from C), p6 B, p7 A (½ from B): 2 of 6.
 * Popularity (A, then B before C on a tie): p1 B (hit), p2 B, p3 C, p4 A, p6 B, p7 A: 1 of 6.
 * Random, one of the m products not owned: p1 ½, p2 ½, p4 ½, others 0: 1.5 of 6.
 */
const HISTORY: CellValue[][] = [
  ["Account", "Product", "MRR", "Start Date", "End Date", "Status"],
  ["p1", "A", 100, "2024-01-01", "2025-04-01", ""], ["p1", "A", 120, "2025-04-01", "", ""], ["p1", "B", 50, "2025-03-01", "", ""],
  ["p2", "A", 100, "2024-01-01", "", ""], ["p2", "C", 80, "2025-06-01", "", ""],
  ["p3", "A", 100, "2024-01-01", "", ""], ["p3", "B", 50, "2024-02-01", "", ""],
  ["p4", "C", 80, "2024-01-01", "", ""], ["p4", "B", 50, "2025-02-01", "", ""],
  ["p5", "A", 100, "2023-01-01", "2024-06-01", "Cancelled"], ["p5", "B", 50, "2023-01-01", "2024-06-01", "Cancelled"], ["p5", "C", 80, "2025-02-01", "", ""],
  ["p6", "A", 100, "2024-01-01", "", ""], ["p6", "B", 50, "2026-06-01", "", ""], ["p6", "C", 0, "2025-03-01", "", "Trial"],
  ["p7", "B", 50, "2024-03-01", "", ""], ["p7", "C", 80, "2024-03-01", "", ""],
];

const row = (g: CellValue[][], label: string): CellValue[] => g.find((r) => r[0] === label)!.slice(1, 4);

describe("XSELL_BACKTEST, hand-worked", () => {
  const g = XSELL_BACKTEST(HISTORY, "2025-01-01");

  it("counts the accounts paying on as_of and what they bought within the horizon", () => {
    expect(row(g, "Accounts evaluated")).toEqual([6, 6, 6]);
    expect(row(g, "Accounts that bought a new product")).toEqual([3, 3, 3]);
    expect(row(g, "New products bought")).toEqual([3, 3, 3]);
  });

  it("scores next product, popularity and random (exact) side by side", () => {
    expect(row(g, "Hit rate@1")).toEqual([2 / 6, 1 / 6, 1.5 / 6]);
    expect(row(g, "Precision@1")).toEqual([2 / 6, 1 / 6, 1.5 / 6]);
    expect(row(g, "Recall@1")).toEqual([2 / 3, 1 / 3, 1.5 / 3]);
    // realized ARR (MRR × 12): B is 600, C 960; random: ½ × 600 (p1) + ½ × 960 (p2) + ½ × 600 (p4)
    expect(row(g, "Realized ARR of the picks")).toEqual([1200, 600, 1080]);
    // expected: propensity × the median ARR owners paid on as_of (A 1200, B 600, C 960):
    // p1 ¼×600 + p2 ¼×600 + p3 ½×960 + p4 ½×600 + p6 ¼×600 + p7 ½×1200 = 1830
    expect(row(g, "Expected ARR of the picks")[0]).toBe(1830);
    expect(row(g, "Hit rate ÷ random")).toEqual([4 / 3, 2 / 3, 1]);
  });

  it("lists per product what was bought, picked and hit", () => {
    const top = g.findIndex((r) => r[0] === "Product");
    expect(g.slice(top + 1, top + 4).map((r) => r.slice(0, 4))).toEqual([["A", 0, 1, 0], ["B", 2, 4, 2], ["C", 1, 1, 0]]);
  });

  it("gives every account k picks when k grows, and random's chance of a hit by counting subsets", () => {
    const g2 = XSELL_BACKTEST(HISTORY, "2025-01-01", 365, 2);
    // with two picks, accounts with two products left get both: p1, p2, p4 are sure hits; p3, p6, p7 cannot hit
    expect(row(g2, "Hit rate@2")).toEqual([3 / 6, 3 / 6, 3 / 6]);
  });

  it("needs as_of, names bad arguments, and refuses a date before anyone paid", () => {
    expect(thrown(() => XSELL_BACKTEST(HISTORY, undefined)).message).toMatch(/^XSELL_BACKTEST: as_of is required/);
    expect(thrown(() => XSELL_BACKTEST(HISTORY, "2025-01-01", 0)).message).toBe("XSELL_BACKTEST: horizon_days must be a whole number from 1 to 36500, got 0");
    const e = thrown(() => XSELL_BACKTEST(HISTORY, "2020-01-01"));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toBe("XSELL_BACKTEST: no account paid for a product on as_of (2020-01-01) with a product left to recommend, so there is nothing to backtest");
  });
});

describe("XSELL_BACKTEST on the sample history", () => {
  const subs = parseCsv(readFileSync(join(__dirname, "..", "..", "fixtures", "frozen-sample", "subscriptions.csv"), "utf8"));
  const AS_OF = "2025-11-01";
  const day = Math.floor(Date.parse(`${AS_OF}T00:00:00Z`) / 86400000);

  it("picks what XSELL_NEXT_PRODUCT picks from the ownership of that day", () => {
    // the same day's ownership built independently: every (account, product) paying on it
    const h = readHistory("test", subs);
    const pairs = new Set<string>();
    for (let i = 0; i < h.amount.length; i++) if (h.amount[i] > 0 && h.start[i] <= day && day < h.end[i]) pairs.add(`${h.accounts[h.account[i]]}\u0000${h.products[h.product[i]]}`);
    const ownership: CellValue[][] = [["Account", "Product"], ...[...pairs].map((k) => k.split("\u0000"))];
    const picks = new Map<string, number>();
    for (const r of XSELL_NEXT_PRODUCT(ownership, undefined, 1, AS_OF).slice(1)) if (r[1] !== "") picks.set(r[1] as string, (picks.get(r[1] as string) ?? 0) + 1);
    const g = XSELL_BACKTEST(subs, AS_OF);
    const top = g.findIndex((r) => r[0] === "Product");
    const listed = g.slice(top + 1).filter((r) => r[0] !== "" && r[0] !== "Method");
    for (const r of listed) expect(r[2], r[0] as string).toBe(picks.get(r[0] as string) ?? 0);
  });

  it("computes random's hit rate exactly: the same as averaging over every k-subset of each account's whitespace", () => {
    for (const k of [1, 2, 3]) {
      const g = XSELL_BACKTEST(subs, AS_OF, 365, k);
      // independent: enumerate subsets per account from first principles
      const h = readHistory("test", subs);
      const owned = new Map<number, Set<number>>();
      for (let i = 0; i < h.amount.length; i++) if (h.amount[i] > 0 && h.start[i] <= day && day < h.end[i]) owned.set(h.account[i], (owned.get(h.account[i]) ?? new Set()).add(h.product[i]));
      const known = new Set([...owned.values()].flatMap((s) => [...s]));
      let sum = 0;
      let n = 0;
      for (const [a, own] of owned) {
        const ws = [...known].filter((p) => !own.has(p));
        if (ws.length === 0) continue;
        n++;
        const bought = new Set<number>();
        for (let i = 0; i < h.amount.length; i++) if (h.account[i] === a && h.amount[i] > 0 && h.start[i] > day && h.start[i] <= day + 365 && !own.has(h.product[i])) bought.add(h.product[i]);
        const take = Math.min(k, ws.length);
        let subsets = 0;
        let hits = 0;
        const walk = (from: number, chosen: number[]): void => {
          if (chosen.length === take) {
            subsets++;
            if (chosen.some((p) => bought.has(p))) hits++;
            return;
          }
          for (let i = from; i < ws.length; i++) walk(i + 1, [...chosen, ws[i]]);
        };
        walk(0, []);
        sum += hits / subsets;
      }
      expect(row(g, "Accounts evaluated")[2]).toBe(n);
      expect(row(g, `Hit rate@${k}`)[2] as number).toBeCloseTo(sum / n, 12);
    }
  });

  it("makes hit rate@1 a real comparison: next product beats popularity, which beats random", () => {
    const [model, popularity, random] = row(XSELL_BACKTEST(subs, AS_OF), "Hit rate@1") as number[];
    expect(model).toBeGreaterThan(popularity);
    expect(popularity).toBeGreaterThan(random);
  });
});
