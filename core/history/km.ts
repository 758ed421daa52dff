/**
 * The Kaplan–Meier estimator with Greenwood's variance and log-log confidence intervals, and its quantiles
 * (the median) with the Brookmeyer–Crowley interval, computed the way R's survival package does it with
 * `survfit(Surv(time, status) ~ 1, conf.type = "log-log")` and `quantile()` / `print()` on the fit (the same
 * definitions as SAS PROC LIFETEST's defaults, CONFTYPE=LOGLOG):
 *
 * - at each distinct time t_i, with n_i at risk (time ≥ t_i) and d_i events, S(t) = Π_{t_i ≤ t} (1 − d_i / n_i);
 *   at a tie, events come before censorings (a censored time t was still at risk at t);
 * - Greenwood: Var(log S(t)) = σ²(t) = Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i));
 * - 95% interval on the log-log scale: S(t)^exp(±z σ(t) / log S(t)), i.e. lower = exp(−exp(log(−log S) − zσ/log S))
 *   and upper = exp(−exp(log(−log S) + zσ/log S)), z = Φ⁻¹(0.975). While S = 1 (no event yet) the interval is
 *   1–1; once S = 0 the variance is infinite and the interval undefined (NaN here, blank in a cell; R gives NA);
 * - quantile p (median p = 0.5) of a decreasing step curve y: the first time y ≤ p; if y equals p exactly
 *   (within √ε) from that time, the midpoint between it and the first time y < p; not reached (NaN) when y never
 *   gets to p, or sits at p to the end of follow-up (R's quantile.survfit, survival ≥ 3.0);
 * - the median's 95% interval (Brookmeyer & Crowley 1982, Biometrics 38:29–41, with the log-log transform): the
 *   times t whose interval for S(t) contains 0.5, found as the same quantile of the lower curve (low end) and
 *   of the upper curve (high end); where S = 0 both curves are taken as 0 there.
 */

import { Z95 } from "../adjacency";

export { Z95 };

export interface KmRow {
  /** The time (days). */
  readonly time: number;
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  /** S(t) just after this time's events. */
  readonly survival: number;
  /** Greenwood's Σ d / (n (n − d)): the variance of log S(t). Infinity once S = 0. */
  readonly greenwood: number;
  /** The 95% interval of S(t) on the log-log scale; NaN where undefined (S = 0). */
  readonly low: number;
  readonly high: number;
}

export interface KmFit {
  readonly n: number;
  readonly events: number;
  /** One row per distinct time with an event or a censoring, ascending. */
  readonly rows: KmRow[];
  readonly z: number;
}

/** The log-log interval of S given Greenwood's sum; [1, 1] at S = 1, [NaN, NaN] at S = 0. */
export function logLogInterval(s: number, greenwood: number, z = Z95): [number, number] {
  if (s >= 1) return [1, 1];
  if (s <= 0 || !Number.isFinite(greenwood)) return [NaN, NaN];
  const ls = Math.log(s);
  const shift = (z * Math.sqrt(greenwood)) / ls; // negative: log S < 0
  const center = Math.log(-ls);
  return [Math.exp(-Math.exp(center - shift)), Math.exp(-Math.exp(center + shift))];
}

/**
 * Fits the Kaplan–Meier curve. `time` are non-negative follow-up times, `event` 1 (or true) for an event and 0
 * for a censoring, aligned.
 */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number | boolean>, z = Z95): KmFit {
  const n = time.length;
  if (event.length !== n) throw new RangeError(`kaplanMeier: ${n} times but ${event.length} event flags`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => time[a] - time[b]);
  const rows: KmRow[] = [];
  let atRisk = n;
  let s = 1;
  let gw = 0;
  let totalEvents = 0;
  for (let i = 0; i < n; ) {
    const t = time[order[i]];
    let d = 0;
    let c = 0;
    for (; i < n && time[order[i]] === t; i++) {
      if (event[order[i]]) d++;
      else c++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      gw = d === atRisk ? Infinity : gw + d / (atRisk * (atRisk - d));
      if (d === atRisk) s = 0;
    }
    const [low, high] = logLogInterval(s, gw, z);
    rows.push({ time: t, atRisk, events: d, censored: c, survival: s, greenwood: gw, low, high });
    totalEvents += d;
    atRisk -= d + c;
  }
  return { n, events: totalEvents, rows, z };
}

/** sqrt(double epsilon): R's tolerance for "the curve equals p exactly". */
const TOL = Math.sqrt(Number.EPSILON);

/**
 * The time a decreasing step curve reaches p (see the file comment): the first time y ≤ p, or the midpoint to the
 * first time y < p when y sits exactly at p; NaN when not reached.
 */
export function curveQuantile(times: ArrayLike<number>, y: ArrayLike<number>, p: number): number {
  let i1 = -1;
  let i2 = -1;
  for (let i = 0; i < y.length; i++) {
    if (i1 < 0 && y[i] <= p + TOL) i1 = i;
    if (y[i] < p - TOL) {
      i2 = i;
      break;
    }
  }
  if (i1 < 0) return NaN;
  if (i1 === i2) return times[i1];
  if (i2 < 0) return NaN;
  return (times[i1] + times[i2]) / 2;
}

export interface KmQuantile {
  /** NaN when not reached. */
  readonly time: number;
  readonly low: number;
  readonly high: number;
}

/** The p-quantile of the time (p = 0.5: the median) with its Brookmeyer–Crowley 95% interval. */
export function kmQuantile(fit: KmFit, p = 0.5): KmQuantile {
  const m = fit.rows.length;
  const t = new Float64Array(m);
  const s = new Float64Array(m);
  const lo = new Float64Array(m);
  const hi = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const r = fit.rows[i];
    t[i] = r.time;
    s[i] = r.survival;
    lo[i] = r.survival <= 0 ? 0 : r.low;
    hi[i] = r.survival <= 0 ? 0 : r.high;
  }
  return { time: curveQuantile(t, s, p), low: curveQuantile(t, lo, p), high: curveQuantile(t, hi, p) };
}

export interface KmPoint {
  readonly survival: number;
  readonly low: number;
  readonly high: number;
}

/**
 * S(t) with its interval, the curve being right-continuous (events at t count). Beyond the last observed time
 * the curve is not estimable (NaN throughout) unless it has reached 0, as R's summary(fit, times) with
 * extend = FALSE leaves such times out.
 */
export function survivalAt(fit: KmFit, t: number): KmPoint {
  const rows = fit.rows;
  if (rows.length === 0) return { survival: NaN, low: NaN, high: NaN };
  const last = rows[rows.length - 1];
  if (t > last.time && last.survival > 0) return { survival: NaN, low: NaN, high: NaN };
  let lo = 0;
  let hi = rows.length; // first row with time > t
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return { survival: 1, low: 1, high: 1 };
  const r = rows[lo - 1];
  return { survival: r.survival, low: r.low, high: r.high };
}
