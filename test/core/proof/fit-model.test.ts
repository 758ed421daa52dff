import { describe, expect, it } from "vitest";
import { XSELL_FIT_MODEL, XSELL_SCORE } from "../../../core/functions";
import { choleskySolve, fitLogistic, roundToTotal } from "../../../core/proof/logistic";
import { isHeldOut } from "../../../core/proof/fit-model";
import { MODEL_HEADERS } from "../../../core/model";
import { prng } from "../../../examples/generate";
import { thrown } from "../../helpers";
import type { CellValue } from "../../../core/values";

const AS_OF = new Date(Date.UTC(2026, 10, 1));
const day = (offset: number): Date => new Date(AS_OF.getTime() + offset * 86400000);
const HEADER = ["Account", "Licenses", "Active Users", "NPS", "Start Date", "Support Level", "Hiring", "Funding", "Adjacent Feature Usage", "Renewal Date", "Champion"];
/** The readiness-100 criteria in model order: Seats, NPS, Tenure, Support, Growth, Features, Renewal, Champion. */
const READINESS = [20, 15, 10, 10, 10, 15, 10, 10];

/** One account row that passes exactly the criteria marked in `pass` (readiness-100 order). */
function accountRow(name: string, pass: boolean[]): CellValue[] {
  return [
    name, 100, pass[0] ? 80 : 30, pass[1] ? 60 : 10, day(pass[2] ? -400 : -60), pass[3] ? "Low" : "High",
    pass[4] ? "Yes" : "No", "No", pass[5] ? "Yes" : "No", day(pass[6] ? 300 : 60), pass[7] ? "Dana Lee" : "",
  ];
}

/**
 * Accounts whose signals pass each criterion with chance ½, and whose expansion follows a known model:
 * logit p = −2.5 + 5 × (Σ planted points of the criteria passed) ÷ 100.
 */
function synthetic(n: number, planted: number[], seed: number): { data: CellValue[][]; outcomes: CellValue[][] } {
  const rnd = prng(seed);
  const data: CellValue[][] = [HEADER];
  const outcomes: CellValue[][] = [["Expanded"]];
  for (let i = 0; i < n; i++) {
    const pass = planted.map(() => rnd() < 0.5);
    const score = pass.reduce((s, p, j) => s + (p ? planted[j] : 0), 0);
    data.push(accountRow(`Account ${i}`, pass));
    outcomes.push([rnd() < 1 / (1 + Math.exp(-(-2.5 + (5 * score) / 100))) ? 1 : 0]);
  }
  return { data, outcomes };
}

const points = (grid: CellValue[][]): number[] => grid.slice(1, 9).map((r) => r[5] as number);
const check = (grid: CellValue[][], label: string): CellValue[] => grid.find((r) => r[11] === label)!.slice(12, 15);

describe("the logistic fit", () => {
  it("solves a small system by Cholesky", () => {
    // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0]
    expect([...choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2)!]).toEqual([0.5, 0]);
  });

  it("matches the closed form of a one-feature logistic regression without a penalty", () => {
    // with one binary feature the maximum-likelihood fit is the two groups' log-odds: intercept logit(2/8), weight logit(6/8) − logit(2/8)
    const x = Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const y = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
    const f = fitLogistic([x], y, 0);
    expect(f.converged).toBe(true);
    expect(f.intercept).toBeCloseTo(Math.log(2 / 6), 10);
    expect(f.weights[0]).toBeCloseTo(Math.log(6 / 2) - Math.log(2 / 6), 10);
  });

  it("rounds shares to whole points that add up to exactly 100", () => {
    expect(roundToTotal([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(roundToTotal([0.2, 0.15, 0.1, 0.1, 0.1, 0.15, 0.1, 0.1], 100)).toEqual(READINESS);
    expect(roundToTotal([0.5, 0, 0.25], 100)).toEqual([67, 0, 33]);
  });
});

describe("XSELL_FIT_MODEL", () => {
  const planted = [30, 5, 10, 20, 5, 10, 15, 5];
  const big = synthetic(20000, planted, 7);
  const fitted = XSELL_FIT_MODEL(big.data, big.outcomes, undefined, AS_OF);

  it("recovers planted points within ±5 per criterion at 20,000 accounts", () => {
    const got = points(fitted);
    expect(got.reduce((s, v) => s + v, 0)).toBe(100);
    got.forEach((p, j) => expect(Math.abs(p - planted[j]), `criterion ${j}: ${p} vs ${planted[j]}`).toBeLessThanOrEqual(5));
    // and says the suggestion ranks held-out accounts better than the current readiness points
    expect(check(fitted, "Verdict")[0]).toBe("The suggested points rank held-out accounts better.");
    expect((check(fitted, "Difference, suggested − current")[1] as number) > 0).toBe(true);
  });

  it("answers the same table for the same input", () => {
    expect(XSELL_FIT_MODEL(big.data, big.outcomes, undefined, AS_OF)).toEqual(fitted);
  });

  it("returns XSELL_MODEL's columns first, so the table scores accounts as an edited model", () => {
    expect(fitted[0].slice(0, 7)).toEqual([...MODEL_HEADERS]);
    expect(fitted[1].slice(0, 7)).toEqual(["Seats", "Product adoption", "Active Users / Licenses", ">", 0.5, points(fitted)[0], ""]);
    expect(fitted[4].slice(0, 7)).toEqual(["Support", "Support engagement", "Support Level", "in", "Low, Medium", points(fitted)[3], ""]);
    const first = big.data.slice(0, 4);
    const [pass] = [[true, false, true, true, false, false, true, false]];
    const expected = pass.reduce((s, p, j) => s + (p ? points(fitted)[j] : 0), 0);
    expect(XSELL_SCORE([HEADER, accountRow("X", pass)], undefined, fitted, AS_OF)).toEqual([["Score"], [expected]]);
    expect(XSELL_SCORE(first, undefined, fitted, AS_OF)).toHaveLength(4);
  });

  it("never lets held-out accounts reach the fit: changing their outcomes leaves the points as they are", () => {
    const small = synthetic(3000, planted, 11);
    const before = XSELL_FIT_MODEL(small.data, small.outcomes, undefined, AS_OF);
    const flipped = small.outcomes.map((r, i) => (i > 0 && isHeldOut(`account ${i - 1}`) ? [r[0] === 1 ? 0 : 1] : r));
    expect(flipped.filter((r, i) => r[0] !== small.outcomes[i][0]).length).toBeGreaterThan(700);
    const after = XSELL_FIT_MODEL(small.data, flipped, undefined, AS_OF);
    expect(after.map((r) => r.slice(0, 10))).toEqual(before.map((r) => r.slice(0, 10)));
    expect(check(after, "AUC, current points (held out)")).not.toEqual(check(before, "AUC, current points (held out)"));
    // a training account's outcome does move the fit
    const trained = small.outcomes.findIndex((_, i) => i > 0 && !isHeldOut(`account ${i - 1}`));
    const nudged = small.outcomes.map((r, i) => (i === trained ? [r[0] === 1 ? 0 : 1] : r));
    expect(XSELL_FIT_MODEL(small.data, nudged, undefined, AS_OF).map((r) => r[8])).not.toEqual(before.map((r) => r[8]));
  });

  it("claims no held-out gain beyond the interval when the current model is the true one", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const truth = synthetic(4000, READINESS, 100 + seed);
      const g = XSELL_FIT_MODEL(truth.data, truth.outcomes, undefined, AS_OF);
      const [, low] = check(g, "Difference, suggested − current") as number[];
      expect(low, `seed ${seed}`).toBeLessThanOrEqual(0);
      expect(check(g, "Verdict")[0]).not.toBe("The suggested points rank held-out accounts better.");
    }
  });

  it("takes outcomes with or without the header row, and names misaligned or one-class outcomes", () => {
    const small = synthetic(400, planted, 3);
    expect(XSELL_FIT_MODEL(small.data, small.outcomes.slice(1), undefined, AS_OF)).toEqual(XSELL_FIT_MODEL(small.data, small.outcomes, undefined, AS_OF));
    expect(thrown(() => XSELL_FIT_MODEL(small.data, small.outcomes.slice(2), undefined, AS_OF)).message).toBe(
      "XSELL_FIT_MODEL: outcomes has 399 rows but data has 400 account rows (401 with its header); pass one outcome per account row, aligned",
    );
    const none = small.outcomes.map((r, i) => (i === 0 ? r : [0]));
    const e = thrown(() => XSELL_FIT_MODEL(small.data, none, undefined, AS_OF));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toMatch(/training accounts include no expanded account/);
  });
});
