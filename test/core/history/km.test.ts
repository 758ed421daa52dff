/**
 * Kaplan–Meier, Greenwood's log-log interval and the median's Brookmeyer–Crowley interval: a small case worked
 * by hand, the exact-0.5 midpoint rule, and large random cases against scripts/km_reference.py (an independent
 * Python implementation, stdlib only).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prng } from "../../../examples/generate";
import { kaplanMeier, kmQuantile, logLogInterval, survivalAt, Z95, type KmFit } from "../../../core/history/km";

describe("Kaplan–Meier by hand", () => {
  /*
   * Ten accounts. Bought a second product (event) at 30, 60, 60, 90, 150 days; censored at 45, 60, 120, 200, 200.
   *
   *  t    n  d  c   S(t)                      Greenwood Σ d/(n(n−d))
   *  30  10  1  0   1 × 9/10 = 0.9             1/(10·9) = 1/90
   *  45   9  0  1   0.9                        1/90
   *  60   8  2  1   0.9 × 6/8 = 0.675          1/90 + 2/(8·6) = 4/360 + 15/360 = 19/360
   *  90   5  1  0   0.675 × 4/5 = 0.54         19/360 + 1/(5·4) = 19/360 + 18/360 = 37/360
   * 120   4  0  1   0.54                       37/360
   * 150   3  1  0   0.54 × 2/3 = 0.36          37/360 + 1/(3·2) = 37/360 + 60/360 = 97/360
   * 200   2  0  2   0.36                       97/360
   * (at 60 the two events are counted at risk with the censoring: events come first at a tie.)
   *
   * Log-log interval: k = z·σ / log S with σ = √Greenwood, z = 1.959964; low = S^exp(−k), high = S^exp(k).
   *  t=30:  log 0.9 = −0.1053605, σ = √(1/90) = 0.1054093, k = −1.9608707,
   *         exp(−k) = 7.1055109 → low = 0.9^7.1055109 = 0.4730093; exp(k) = 0.1407358 → high = 0.9^0.1407358 = 0.9852814
   *  t=60:  log 0.675 = −0.3930426, σ = 0.2297341, k = −1.1456027 → low = 0.675^3.1443359 = 0.2905854,
   *         high = 0.675^0.3180322 = 0.8824967
   *  t=90:  log 0.54 = −0.6161861, σ = 0.3205897, k = −1.0197314 → low = 0.54^2.7724499 = 0.1811653,
   *         high = 0.54^0.3606918 = 0.8007125
   *  t=150: log 0.36 = −1.0216512, σ = 0.5190804, k = −0.9958182 → low = 0.36^2.7069381 = 0.0629417,
   *         high = 0.36^0.3694211 = 0.6856284
   *
   * Median: the first time S ≤ 0.5 is 150 (S = 0.36). Its interval: the lower curve is 0.4730 ≤ 0.5 already at
   * 30 → low end 30; the upper curve never gets to 0.5 (0.6856 at the end of follow-up) → high end not reached.
   * Share within 180 days: S(180) = S(150) = 0.36 → 1 − 0.36 = 0.64, interval 1 − 0.6856 = 0.3144 to 1 − 0.0629 = 0.9371.
   */
  const time = [30, 45, 60, 60, 60, 90, 120, 150, 200, 200];
  const event = [1, 0, 1, 1, 0, 1, 0, 1, 0, 0];
  const fit = kaplanMeier(time, event);
  it("counts at risk, events and censorings per distinct time", () => {
    expect(fit.rows.map((r) => [r.time, r.atRisk, r.events, r.censored])).toEqual([
      [30, 10, 1, 0], [45, 9, 0, 1], [60, 8, 2, 1], [90, 5, 1, 0], [120, 4, 0, 1], [150, 3, 1, 0], [200, 2, 0, 2],
    ]);
    expect(fit.n).toBe(10);
    expect(fit.events).toBe(5);
  });
  it("multiplies out S(t) and sums Greenwood's terms", () => {
    const want = [[0.9, 1 / 90], [0.9, 1 / 90], [0.675, 19 / 360], [0.54, 37 / 360], [0.54, 37 / 360], [0.36, 97 / 360], [0.36, 97 / 360]];
    fit.rows.forEach((r, i) => {
      expect(r.survival).toBeCloseTo(want[i][0], 14);
      expect(r.greenwood).toBeCloseTo(want[i][1], 14);
    });
  });
  it("gives the log-log 95% interval", () => {
    const want: Record<number, [number, number]> = { 30: [0.4730093, 0.9852814], 60: [0.2905854, 0.8824967], 90: [0.1811653, 0.8007125], 150: [0.0629417, 0.6856284] };
    for (const r of fit.rows) {
      const w = want[r.time];
      if (!w) continue;
      expect(r.low).toBeCloseTo(w[0], 7);
      expect(r.high).toBeCloseTo(w[1], 7);
    }
  });
  it("finds the median 150 days, 95% interval 30 to not reached", () => {
    const m = kmQuantile(fit);
    expect(m.time).toBe(150);
    expect(m.low).toBe(30);
    expect(m.high).toBeNaN();
  });
  it("reads S at 180 days from the step at 150, and 1 before the first event", () => {
    const at = survivalAt(fit, 180);
    expect(1 - at.survival).toBeCloseTo(0.64, 14);
    expect(1 - at.high).toBeCloseTo(0.3143716, 7);
    expect(1 - at.low).toBeCloseTo(0.9370583, 7);
    expect(survivalAt(fit, 29)).toEqual({ survival: 1, low: 1, high: 1 });
    expect(survivalAt(fit, 30).survival).toBeCloseTo(0.9, 14);
    expect(survivalAt(fit, 201).survival).toBeNaN(); // past the end of follow-up, S > 0: not estimable
  });
  it("keeps the interval at 1–1 while S = 1 and undefined at S = 0", () => {
    expect(logLogInterval(1, 0)).toEqual([1, 1]);
    expect(logLogInterval(0, Infinity).every(Number.isNaN)).toBe(true);
  });
});

describe("Kaplan–Meier: the exact-0.5 midpoint rule and a curve that reaches 0", () => {
  /*
   * Four events at 10, 20, 30, 40, nothing censored. S = 3/4, 1/2, 1/4, 0. Greenwood 1/12, 1/12 + 1/6 = 1/4,
   * 1/4 + 1/2 = 3/4, then infinite (n = d).
   * S sits at exactly 0.5 from 20 to 30 → median (20 + 30)/2 = 25 (R's quantile.survfit, SAS LIFETEST).
   * Lower curve: 0.75^exp(−k) with k = z·√(1/12)/log 0.75 = −1.9669… → 0.1279 ≤ 0.5 at 10 → low end 10.
   * Upper curve: 0.9605 (10), 0.8449 (20), 0.6653 (30), then S = 0 counts as 0 → high end 40.
   */
  const fit = kaplanMeier([10, 20, 30, 40], [1, 1, 1, 1]);
  it("takes the midpoint of the plateau at 0.5", () => {
    expect(fit.rows.map((r) => r.survival)).toEqual([0.75, 0.5, 0.25, 0]);
    expect(fit.rows[0].low).toBeCloseTo(0.1279469, 7);
    expect(fit.rows[2].high).toBeCloseTo(0.6653253, 7);
    expect(fit.rows[3].greenwood).toBe(Infinity);
    expect(fit.rows[3].low).toBeNaN();
    expect(kmQuantile(fit)).toEqual({ time: 25, low: 10, high: 40 });
  });
});

// ---------- against the Python reference ----------


interface Case {
  time: number[];
  event: number[];
  at: number[];
}

/** n accounts: days to a second product ~ exponential (mean `mean`), censored uniformly on [0, follow) days. */
function randomCase(seed: number, n: number, mean: number, follow: number): Case {
  const r = prng(seed);
  const time: number[] = [];
  const event: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = 1 + Math.floor(-Math.log(1 - r()) * mean);
    const c = Math.floor(r() * follow);
    time.push(Math.min(t, c));
    event.push(t <= c ? 1 : 0);
  }
  return { time, event, at: [0, 1, 90, 180, 365, follow + 1] };
}

const CASES: Case[] = [
  randomCase(1, 5000, 240, 730), // the large case: median reached, plenty of ties (integer days)
  randomCase(2, 5000, 2000, 730), // few purchases: median not reached
  randomCase(3, 400, 15, 40), // heavy ties on few days
  randomCase(4, 1000, 60, 100000), // almost no censoring
  { time: [5, 5, 5, 9, 9, 12], event: [1, 1, 0, 1, 1, 1], at: [5, 9, 12, 13] }, // S reaches 0
];

type Ref = { z: number; cases: { rows: (number | null)[][]; median: (number | null)[]; at: (number | null)[][] }[] };

const script = join(__dirname, "..", "..", "..", "scripts", "km_reference.py");
const run = spawnSync("python3", [script], { input: JSON.stringify({ cases: CASES }), encoding: "utf8", maxBuffer: 1 << 28 });
const missing = run.error !== undefined && (run.error as NodeJS.ErrnoException).code === "ENOENT";
if (missing) console.warn("km.test.ts: python3 not found on PATH; the comparison with scripts/km_reference.py is skipped");

/** Relative closeness, with NaN (TypeScript) meeting null (Python) for "undefined". */
function close(ts: number, py: number | null, tol = 1e-10): boolean {
  if (py === null) return Number.isNaN(ts);
  return Math.abs(ts - py) <= tol * Math.max(1, Math.abs(py));
}

describe.skipIf(missing)("Kaplan–Meier against scripts/km_reference.py (python3)", () => {
  const ref: Ref = missing ? { z: 0, cases: [] } : (JSON.parse(run.stdout) as Ref);
  it("ran the reference", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(Math.abs(ref.z - Z95)).toBeLessThan(1e-14);
  });
  it.each(CASES.map((c, i) => [i, c.time.length] as const))("case %d (%d accounts): every row, the median and its interval, S at fixed days", (i) => {
    const c = CASES[i];
    const want = ref.cases[i];
    const fit: KmFit = kaplanMeier(c.time, c.event);
    expect(fit.rows.length).toBe(want.rows.length);
    fit.rows.forEach((r, j) => {
      const [t, n, d, cz, s, lo, hi] = want.rows[j];
      expect([r.time, r.atRisk, r.events, r.censored]).toEqual([t, n, d, cz]);
      expect(close(r.survival, s), `S at ${t}: ${r.survival} vs ${s}`).toBe(true);
      expect(close(r.low, lo), `low at ${t}: ${r.low} vs ${lo}`).toBe(true);
      expect(close(r.high, hi), `high at ${t}: ${r.high} vs ${hi}`).toBe(true);
    });
    const m = kmQuantile(fit);
    expect([m.time, m.low, m.high].map((x) => (Number.isNaN(x) ? null : x))).toEqual(want.median);
    c.at.forEach((t, j) => {
      const p = survivalAt(fit, t);
      const [s, lo, hi] = want.at[j];
      expect(close(p.survival, s) && close(p.low, lo) && close(p.high, hi), `S(${t})`).toBe(true);
    });
  });
  it("the large case is non-trivial: thousands of rows, a median with both ends", () => {
    const m = ref.cases[0].median;
    expect(ref.cases[0].rows.length).toBeGreaterThan(300);
    expect(m.every((x) => x !== null)).toBe(true);
    expect(ref.cases[1].median[0]).toBeNull();
  });
});
