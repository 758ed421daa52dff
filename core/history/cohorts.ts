/**
 * The cohort triangle. An account's cohort is the period (month, quarter or year) holding its first paid day: the
 * first day it pays above 0 (a row with an amount above 0 and End after Start). Its starting amount is what it
 * pays on that day, so an account that starts mid-period counts in full from the day it starts (ChartMogul's
 * cohort value: "the total MRR of new subscriptions started by customers in the cohort",
 * help.chartmogul.com/hc/en-us/articles/203359411-Cohort-Net-MRR-Retention).
 *
 * Column k (k = 0, 1, 2…) is measured at the end of the k-th period after the cohort's own, i.e. on the first day
 * of period cohort + k + 1: column 0 is the end of the start period, so early churn and early upgrades show there.
 *  - revenue: Σ the cohort's accounts' amount active that day ÷ Σ their starting amounts (net: expansion and
 *    returns count, as in ChartMogul's Net MRR Retention cohorts);
 *  - logos: the share of the cohort's accounts paying above 0 that day.
 * A cell whose day is after as_of is blank (not known yet); so is every cell of a cohort with no account.
 */
import { divError } from "../errors";
import { isoFromDay } from "../values";
import { lowerBound, periodIndex, periodStart, rowsByAccount, type PeriodKind } from "./movements";
import type { History } from "./read";

export type CohortMeasure = "revenue" | "logos";
export const COHORT_MEASURES: readonly CohortMeasure[] = ["revenue", "logos"];

export interface Cohort {
  /** The cohort period's first day. */
  readonly day: number;
  readonly accounts: number;
  /** Σ of the accounts' amounts on their first paid day. */
  readonly starting: number;
  /** Per column k: Σ amount active at the end of period k (revenue), or NaN when not known yet. */
  readonly revenue: number[];
  /** Per column k: accounts paying above 0 at the end of period k, or NaN when not known yet. */
  readonly active: number[];
}

export interface Cohorts {
  readonly kind: PeriodKind;
  readonly asOf: number;
  readonly cohorts: Cohort[];
  /** Columns 0 … columns − 1: the most any cohort has (the first cohort's count of completed periods). */
  readonly columns: number;
}

export function cohorts(fn: string, h: History, kind: PeriodKind, asOf: number): Cohorts {
  const { start, end, amount } = h;
  const A = h.accounts.length;
  const { order, offsets } = rowsByAccount(h);
  // first paid day per account
  const firstDay = new Int32Array(A).fill(2147483647);
  let earliest = Infinity;
  for (let i = 0; i < amount.length; i++) {
    if (!(amount[i] > 0) || end[i] <= start[i] || start[i] > asOf) continue;
    const a = h.account[i];
    if (start[i] < firstDay[a]) firstDay[a] = start[i];
    if (start[i] < earliest) earliest = start[i];
  }
  if (earliest === Infinity) {
    const said = h.notes.length > 0 ? ` (${h.notes.join("; ")})` : "";
    throw divError(fn, `no account pays above 0 on or before as_of (${isoFromDay(asOf)}), so there is no cohort${said}`);
  }
  const c0 = periodIndex(kind, earliest);
  const cLast = periodIndex(kind, asOf);
  const C = cLast - c0 + 1;
  // measuring days: the first day of periods c0 + 1 … up to the last one on or before as_of
  const days: number[] = [];
  for (let j = c0 + 1; periodStart(kind, j) <= asOf; j++) days.push(periodStart(kind, j));
  const D = days.length; // column k of cohort c (0-based from c0) is days[c + k], known when c + k < D
  const dayArr = Int32Array.from(days);
  const starts: number[] = [];
  for (let c = 0; c < C; c++) starts.push(periodStart(kind, c0 + c));
  const startArr = Int32Array.from(starts);

  const accounts = new Int32Array(C);
  const starting = new Float64Array(C);
  const revenue = new Float64Array(C * Math.max(D, 1));
  const active = new Int32Array(C * Math.max(D, 1));
  const val = new Float64Array(D + 1);
  for (let a = 0; a < A; a++) {
    const f = firstDay[a];
    if (f === 2147483647) continue;
    const c = upperBound(startArr, f) - 1; // the cohort period holding f
    accounts[c]++;
    let lo = D;
    let hi = 0;
    for (let k = offsets[a]; k < offsets[a + 1]; k++) {
      const i = order[k];
      const v = amount[i];
      if (!(v > 0)) continue;
      if (start[i] <= f && f < end[i]) starting[c] += v;
      const s = lowerBound(dayArr, start[i]);
      const e = lowerBound(dayArr, end[i]);
      if (s >= e) continue;
      for (let j = s; j < e; j++) val[j] += v;
      if (s < lo) lo = s;
      if (e > hi) hi = e;
    }
    for (let j = lo; j < hi; j++) {
      if (val[j] > 0 && j >= c) {
        revenue[c * D + (j - c)] += val[j];
        active[c * D + (j - c)]++;
      }
      val[j] = 0;
    }
  }
  const out: Cohort[] = [];
  for (let c = 0; c < C; c++) {
    const known = Math.max(0, D - c);
    const rev: number[] = [];
    const act: number[] = [];
    for (let k = 0; k < D; k++) {
      rev.push(k < known ? revenue[c * D + k] : NaN);
      act.push(k < known ? active[c * D + k] : NaN);
    }
    out.push({ day: startArr[c], accounts: accounts[c], starting: starting[c], revenue: rev, active: act });
  }
  return { kind, asOf, cohorts: out, columns: D };
}


/** The first index holding a day > d. */
function upperBound(days: Int32Array, d: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A cell of the triangle: revenue retention or logo retention; NaN (blank) when not known or the cohort is empty. */
export function cohortCell(c: Cohort, k: number, measure: CohortMeasure): number {
  if (c.accounts === 0) return NaN;
  return measure === "logos" ? c.active[k] / c.accounts : c.revenue[k] / c.starting;
}
