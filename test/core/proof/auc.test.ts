import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auc, aucWithInterval, compareAucs, midranks } from "../../../core/proof/auc";
import { prng } from "../../../examples/generate";

interface RefCase { name: string; scores: number[]; outcomes: number[]; auc: number; se: number; low: number; high: number }
const REF = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "auc.json"), "utf8")) as {
  cases: RefCase[];
  paired: { first: number[]; second: number[]; outcomes: number[]; difference: number; se: number; low: number; high: number };
};

/** Mann–Whitney U by counting every (positive, negative) pair: 1 when the positive is higher, ½ when tied. */
function pairCountU(scores: number[], outcomes: number[]): { u: number; pos: number; neg: number } {
  let u = 0;
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < scores.length; i++) {
    if (outcomes[i]) pos++;
    else neg++;
    if (!outcomes[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (outcomes[j]) continue;
      u += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return { u, pos, neg };
}

describe("AUC", () => {
  it("equals the Mann–Whitney U ÷ (positives × negatives) on random data with heavy ties, to 1e-12", () => {
    const rnd = prng(424242);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + Math.floor(rnd() * 1500);
      const levels = 2 + Math.floor(rnd() * 12); // as few as two distinct scores: ties everywhere
      const scores = Array.from({ length: n }, () => Math.floor(rnd() * levels) * 7.5);
      const outcomes = scores.map((s) => (rnd() < 0.1 + (0.5 * s) / (levels * 7.5) ? 1 : 0));
      const { u, pos, neg } = pairCountU(scores, outcomes);
      if (pos === 0 || neg === 0) continue;
      expect(Math.abs(auc(scores, outcomes) - u / (pos * neg))).toBeLessThan(1e-12);
      expect(Math.abs(aucWithInterval(scores, outcomes).auc - u / (pos * neg))).toBeLessThan(1e-12);
    }
  });

  it("is 1 when every expanded account ranks first, 0 when last, ½ when all scores tie", () => {
    expect(auc([9, 8, 1, 2], [1, 1, 0, 0])).toBe(1);
    expect(auc([1, 2, 9, 8], [1, 1, 0, 0])).toBe(0);
    expect(auc([5, 5, 5, 5], [1, 0, 1, 0])).toBe(0.5);
    // hand count: pairs (3>1) (3>2) (3=3 ½) (2>1) (2=2 ½) (2<3): (1+1+½+1+½+0) / 6 = 4/6
    expect(auc([3, 2, 1, 2, 3], [1, 1, 0, 0, 0])).toBeCloseTo(4 / 6, 15);
  });

  it("midranks share tied positions", () => {
    expect([...midranks([10, 20, 10, 30, 20, 10])]).toEqual([2, 4.5, 2, 6, 4.5, 2]);
  });
});

describe("DeLong interval", () => {
  it("matches the pair-by-pair Python reference (scripts/auc_reference.py) on ties and on Hanley & McNeil's CT data", () => {
    for (const c of REF.cases) {
      const e = aucWithInterval(c.scores, c.outcomes);
      expect(e.auc).toBeCloseTo(c.auc, 12);
      expect(e.se).toBeCloseTo(c.se, 12);
      expect(e.low).toBeCloseTo(c.low, 12);
      expect(e.high).toBeCloseTo(c.high, 12);
    }
  });

  it("reads Hanley & McNeil's data as they did: AUC 0.893 and their closed-form standard error 0.032", () => {
    const c = REF.cases.find((x) => x.name === "hanley-mcneil-1982")!;
    const e = aucWithInterval(c.scores, c.outcomes);
    expect(e.auc.toFixed(3)).toBe("0.893");
    // Hanley & McNeil (1982), eq. 2: their exponential approximation, a different estimator of the same variance
    const A = e.auc;
    const q1 = A / (2 - A);
    const q2 = (2 * A * A) / (1 + A);
    const m = e.positives;
    const n = e.negatives;
    const seHM = Math.sqrt((A * (1 - A) + (m - 1) * (q1 - A * A) + (n - 1) * (q2 - A * A)) / (m * n));
    expect(seHM.toFixed(3)).toBe("0.032");
    expect(Math.abs(e.se - seHM)).toBeLessThan(0.003); // DeLong's nonparametric SE: 0.0307
  });

  it("compares two scores of the same accounts with the paired DeLong variance of the difference", () => {
    const p = REF.paired;
    const d = compareAucs(p.first, p.second, p.outcomes);
    expect(d.difference).toBeCloseTo(p.difference, 12);
    expect(d.se).toBeCloseTo(p.se, 12);
    expect(d.low).toBeCloseTo(p.low, 12);
    expect(d.high).toBeCloseTo(p.high, 12);
    // a score compared with itself: no difference, no variance
    const same = compareAucs(p.first, p.first, p.outcomes);
    expect(same.difference).toBe(0);
    expect(same.se).toBe(0);
  });

  it("gives no interval with a single expanded account", () => {
    const e = aucWithInterval([1, 2, 3], [0, 1, 0]);
    expect(e.auc).toBe(0.5);
    expect(Number.isNaN(e.se)).toBe(true);
  });
});
