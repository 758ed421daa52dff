/**
 * The forced-bundle guard past 3,162 products. It used to count every product pair in P × P arrays and, past the
 * cells budget, was skipped without a word: whitespace, next product and the Scorecard could recommend a forced
 * bundle's other half. It now counts only the pairs accounts co-own, so it holds for any number of products:
 * the same bundles as XSELL_PAIR_FLAGS's rule on random tables (a second implementation), a bundle among 10,000
 * products held back by XSELL_NEXT_PRODUCT, work growing with owned pairs (not products²), and a plain refusal
 * past the pairs budget.
 */
import { describe, expect, it } from "vitest";
import { XSELL_NEXT_PRODUCT } from "../../core/functions";
import { forcedBundles } from "../../core/integrity/bundles";
import { pairFlags } from "../../core/integrity/flags";
import { bundleGuard } from "../../core/integrity/honest";
import { DEFAULT_PAIR_RULES } from "../../core/integrity/rules";
import { BUDGETS } from "../../core/limits";
import { readOwnership } from "../../core/ownership";
import type { CellValue } from "../../core/values";

const AS_OF = Date.UTC(2026, 10, 1) / 86_400_000;

/** A deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random long ownership with Start Dates, a few pairs bought together (same day) by most of their owners. */
function randomTable(seed: number, accounts: number, products: number): CellValue[][] {
  const r = rng(seed);
  const t: CellValue[][] = [["Account", "Product", "ARR", "Start Date"]];
  const day = (): string => `2024-0${1 + Math.floor(r() * 3)}-1${Math.floor(r() * 3)}`;
  for (let a = 0; a < accounts; a++) {
    for (let p = 0; p < products; p++) {
      if (r() > 0.35) continue;
      const d = day();
      t.push([`A${a}`, `P${p}`, 100, r() < 0.1 ? "" : d]);
      // P(p+1) usually comes with P(p) on the same day for even p: bundles, some broken by a late start or no partner
      if (p % 2 === 0 && p + 1 < products && r() < 0.8) t.push([`A${a}`, `P${p + 1}`, 100, r() < 0.93 ? d : day()]);
    }
  }
  return t;
}

const key = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);

describe("forced bundles from co-owned pairs", () => {
  it("are the bundles pairFlags finds, on 40 random tables (a second implementation)", () => {
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const own = readOwnership("T", randomTable(seed, 30 + seed, 4 + (seed % 9)), AS_OF);
      const rules = seed % 2 ? DEFAULT_PAIR_RULES : { ...DEFAULT_PAIR_RULES, owner_share: 0.7, same_day_share: 0.6, min_owners: 3 };
      const expected = pairFlags(own, rules).filter((f) => f.kind === "Forced bundle").map((f) => key(f.a, f.b)).sort();
      const got = forcedBundles(own, rules, "T").map((f) => key(f.a, f.b)).sort();
      expect(got).toEqual(expected);
      total += expected.length;
    }
    expect(total).toBeGreaterThan(20); // the tables do hold bundles
  });

  it("hold back a bundle's other half among 10,000 products (past the 3,162 the P × P count allowed)", () => {
    const P = 10_000;
    const t: CellValue[][] = [["Account", "Product", "ARR", "Start Date"]];
    // 6 accounts bought Suite and Suite Add-on on one day; 4 own Suite and Other; the rest own 2 of 10,000 SKUs
    for (let a = 0; a < 6; a++) t.push([`B${a}`, "Suite", 100, "2024-01-01"], [`B${a}`, "Suite Add-on", 100, "2024-01-01"]);
    for (let a = 0; a < 4; a++) t.push([`O${a}`, "Suite", 100, "2024-03-01"], [`O${a}`, "Other", 100, "2024-05-01"]);
    for (let i = 0; i < P; i++) t.push([`S${i % 5000}`, `SKU-${i}`, 100, "2024-02-02"]);
    const own = readOwnership("T", t, AS_OF);
    expect(own.products.length).toBeGreaterThan(3_162);
    const guard = bundleGuard(own);
    expect(guard).not.toBeNull();
    const suite = own.products.indexOf("Suite");
    const addOn = own.products.indexOf("Suite Add-on");
    expect(guard!.bundled.get(suite)).toEqual([addOn]);
    // O0–O3 own Suite: without the guard Suite Add-on (60% of Suite's owners) would be their next product
    const next = XSELL_NEXT_PRODUCT(t, undefined, 1, new Date(AS_OF * 86_400_000));
    const others = next.filter((r) => String(r[0]).startsWith("O"));
    expect(others).toHaveLength(4);
    for (const r of others) expect(r[1]).not.toBe("Suite Add-on");
  });

  it("cost what owned pairs cost: 4× the products and pairs take well under 16× the time", () => {
    const table = (products: number): CellValue[][] => {
      const t: CellValue[][] = [["Account", "Product", "ARR", "Start Date"]];
      for (let i = 0; i < products; i++) t.push([`A${i >> 1}`, `P${i}`, 100, "2024-01-01"], [`A${i >> 1}`, `Q${i >> 3}`, 100, "2024-01-01"]);
      return t;
    };
    const small = readOwnership("T", table(10_000), AS_OF);
    const large = readOwnership("T", table(40_000), AS_OF);
    // best of seven, the sizes interleaved, so a burst of load on a shared machine hits both alike
    const once = (own: ReturnType<typeof readOwnership>): number => {
      const t0 = performance.now();
      forcedBundles(own, DEFAULT_PAIR_RULES, "T");
      return performance.now() - t0;
    };
    once(small);
    once(large);
    let a = Infinity;
    let b = Infinity;
    for (let i = 0; i < 7; i++) {
      a = Math.min(a, once(small));
      b = Math.min(b, once(large));
    }
    // P × P at 45,000 products would be 2 billion cells per array; here the work follows the pairs (4×)
    expect(large.products.length).toBeGreaterThan(40_000);
    expect(b / Math.max(a, 1)).toBeLessThan(10);
    expect(b).toBeLessThan(2_000);
  });

  it("refuse past the pairs budget with one sentence naming the call", () => {
    // 2 accounts owning 25,000 products each: 625 million co-owned pairs, past the 500 million budget
    const n = 25_000;
    const t: CellValue[][] = [["Account", "Product", "ARR", "Start Date"]];
    for (let p = 0; p < n; p++) t.push(["A", `P${p}`, 100, "2024-01-01"], ["B", `P${p}`, 100, "2024-01-01"]);
    const own = readOwnership("T", t, AS_OF);
    expect(own.owners.accountMajorWork()).toBeGreaterThan(BUDGETS.pairVisits);
    expect(() => bundleGuard(own, "XSELL_NEXT_PRODUCT")).toThrow(/^XSELL_NEXT_PRODUCT: finding forced bundles would compare 625,000,000 pairs of products co-owned by one account, more than the 500,000,000 one call may/);
  });
});
