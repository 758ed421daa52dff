import { describe, expect, it } from "vitest";
import { prng } from "../../examples/generate";
import { coOwnership } from "../../core/adjacency";
import { OwnerSets, PairBuffer } from "../../core/owner-sets";
import { readOwnership } from "../../core/ownership";

/** Random pairs with per-product densities from 1 in 2 to 1 in 2,000 (so lists, bitsets and both meet), repeats included. */
function randomPairs(N: number, P: number, seed: number): { buf: PairBuffer; truth: Set<number>[] } {
  const rnd = prng(seed);
  const buf = new PairBuffer();
  const truth = Array.from({ length: P }, () => new Set<number>());
  for (let p = 0; p < P; p++) {
    const density = [0.5, 0.1, 0.03, 0.001, 0.0005][p % 5];
    for (let a = 0; a < N; a++) if (rnd() < density) {
      truth[p].add(a);
      buf.push(a, p);
      if (rnd() < 0.05) buf.push(a, p); // a duplicate row
    }
  }
  // rows out of account order, as a long table gives them
  for (let i = buf.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [buf.accounts[i], buf.accounts[j]] = [buf.accounts[j], buf.accounts[i]];
    [buf.products[i], buf.products[j]] = [buf.products[j], buf.products[i]];
  }
  return { buf, truth };
}

describe("owner sets (sorted lists, bitsets when dense)", () => {
  const N = 3000;
  const P = 15;
  const { buf, truth } = randomPairs(N, P, 5);
  const sets = new OwnerSets(buf, P, N);
  it("answers owns, ownersOf, count and productsOf as plain Sets do", () => {
    for (let p = 0; p < P; p++) {
      expect(sets.count(p)).toBe(truth[p].size);
      expect(Array.from(sets.ownersOf(p))).toEqual([...truth[p]].sort((x, y) => x - y));
      for (let a = 0; a < N; a += 7) expect(sets.owns(p, a)).toBe(truth[p].has(a));
    }
    for (let a = 0; a < N; a += 11) expect(Array.from(sets.productsOf(a))).toEqual(truth.flatMap((t, p) => (t.has(a) ? [p] : [])));
  });
  it("counts co-ownership for every kind of pair (bits×bits, bits×list, merge, galloping)", () => {
    for (let a = 0; a < P; a++) for (let b = 0; b < P; b++) {
      let both = 0;
      for (const x of truth[a]) if (truth[b].has(x)) both++;
      expect(sets.coCount(a, b)).toBe(both);
    }
  });
  it("filters pairs with keep (a long table's zero-ARR rows)", () => {
    const kept = new OwnerSets(buf, P, N, (a) => a % 2 === 0);
    for (let p = 0; p < P; p++) expect(Array.from(kept.ownersOf(p))).toEqual([...truth[p]].filter((a) => a % 2 === 0).sort((x, y) => x - y));
  });
  it("holds memory in proportion to owned pairs: one product per account costs about 8 bytes a pair, not a bitset per product", () => {
    const b = new PairBuffer();
    const n = 50_000;
    for (let a = 0; a < n; a++) b.push(a, a); // a serial number per row
    const s = new OwnerSets(b, n, n);
    // the old layout: n bitsets of n bits = 312 MB; this: a list entry and an offset per pair (+ the account-major copy)
    expect(s.bytes()).toBeLessThan(n * 8 + 16);
    s.productsOf(0);
    expect(s.bytes()).toBeLessThan(n * 16 + 32);
  });
  it("co-ownership matrices agree whichever way they are counted", () => {
    const rows: (string | number)[][] = [["Account", "Product"]];
    const rnd = prng(9);
    for (let i = 0; i < 400; i++) rows.push([`A${Math.floor(rnd() * 120)}`, `P${Math.floor(rnd() * rnd() * 40)}`]);
    const own = readOwnership("T", rows, 20000);
    const Q = own.products.length;
    for (const by of ["accounts", "pairs"] as const) {
      const counts = coOwnership(own, by);
      for (let a = 0; a < Q; a++) for (let b = 0; b < Q; b++) {
        const sa = new Set(own.owners.ownersOf(a));
        expect(counts[a * Q + b]).toBe(Array.from(own.owners.ownersOf(b)).filter((x) => sa.has(x)).length);
      }
    }
  });
});

describe("attach rates for whitespace, as a whole matrix or row by row", () => {
  it("give the same propensities and sources for every account", async () => {
    const { propensities, accountPropensities } = await import("../../core/whitespace");
    const rows: (string | number)[][] = [["Account", "Product"]];
    const rnd = prng(17);
    for (let i = 0; i < 600; i++) rows.push([`A${Math.floor(rnd() * 150)}`, `P${Math.floor(rnd() * rnd() * 60)}`]);
    const own = readOwnership("T", rows, 20000);
    const P = own.products.length;
    for (const min of [1, 3]) {
      const m = propensities(own, min, null, "matrix");
      const r = propensities(own, min, null, "rows");
      const [pm, pr] = [new Float64Array(P), new Float64Array(P)];
      const [sm, sr] = [new Int32Array(P), new Int32Array(P)];
      for (let a = 0; a < own.accounts.length; a++) {
        accountPropensities(m, a, new Int32Array(P), pm, sm);
        accountPropensities(r, a, new Int32Array(P), pr, sr);
        expect(Array.from(sr)).toEqual(Array.from(sm));
        for (let p = 0; p < P; p++) if (!Number.isNaN(pm[p]) || !Number.isNaN(pr[p])) expect(pr[p]).toBeCloseTo(pm[p], 12);
      }
    }
  });
});
