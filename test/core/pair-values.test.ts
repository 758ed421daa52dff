/** PairValues (core/pair-values.ts) against a Map doing the same sums and minimums, before and after rekeying. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairValues } from "../../core/pair-values";

describe("PairValues", () => {
  it("sums and keeps minimums as a Map would, iterating in first-insertion order, and rekeys a × from + p to a × to + p", () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 6 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.boolean());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const sums = new PairValues(100_000);
        const mins = new PairValues(100_000);
        const sumRef = new Map<number, number>();
        const minRef = new Map<number, number>();
        for (const [a, p, v, useMin] of ops) {
          if (useMin) {
            mins.min(a, p, v);
            const was = minRef.get(a * 7 + p);
            if (was === undefined || v < was) minRef.set(a * 7 + p, v);
          } else {
            sums.sum(a, p, v);
            sumRef.set(a * 7 + p, (sumRef.get(a * 7 + p) ?? 0) + v);
          }
        }
        sums.rekey(7);
        mins.rekey(7);
        expect([...sums]).toEqual([...sumRef]);
        expect([...mins.values()]).toEqual([...minRef.values()]);
        expect(sums.size).toBe(sumRef.size);
        for (const k of sumRef.keys()) expect(Object.is(sums.get(k), sumRef.get(k))).toBe(true);
        expect(sums.get(7 * 3001)).toBeUndefined();
        expect(sums.has(7 * 3001)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
  it("holds a million pairs", () => {
    const m = new PairValues(100_000);
    for (let a = 0; a < 50_000; a++) for (let p = 0; p < 20; p++) m.sum(a, p, a + p);
    m.rekey(20);
    expect(m.size).toBe(1_000_000);
    expect(m.get(49_999 * 20 + 19)).toBe(50_018);
    let total = 0;
    m.forEach((v) => (total += v));
    expect(total).toBe(20 * (49_999 * 50_000) / 2 + 50_000 * 190);
  });
});

describe("long ownership's ARR sums", () => {
  it("count a pair as owned when its rows' summed ARR is above 0, whatever order the rows come in", async () => {
    const { owns, readOwnership, arrOf } = await import("../../core/ownership");
    const own = readOwnership("T", [["Account", "Product", "ARR"], ["A", "CRM", 0], ["B", "CRM", 50], ["C", "CRM", 0], ["D", "BI", 0], ["C", "BI", 5], ["C", "CRM", 10], ["A", "BI", 1]], 20_000);
    const at = (a: string, p: string): [boolean, number] => [owns(own, own.index.get(a), own.products.indexOf(p)), arrOf(own, own.index.get(a), own.products.indexOf(p))];
    expect(at("A", "CRM")).toEqual([false, 0]);
    expect(at("B", "CRM")).toEqual([true, 50]);
    expect(at("C", "CRM")).toEqual([true, 10]);
    expect(at("D", "BI")).toEqual([false, 0]);
    expect(at("A", "BI")).toEqual([true, 1]);
    expect(at("B", "BI")[0]).toBe(false);
    expect(Number.isNaN(at("B", "BI")[1])).toBe(true);
    expect([...own.arr.values()]).toEqual([0, 50, 10, 0, 5, 1]);
  });
});
