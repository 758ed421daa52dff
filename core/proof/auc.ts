/**
 * The area under the ROC curve as the Mann–Whitney probability (ties count half), and DeLong's variance from
 * placement values (DeLong, DeLong & Clarke-Pearson 1988, computed with midranks as Sun & Xu 2014 do), for one
 * score or for the difference of two scores on the same accounts. O(n log n); no pair loop.
 */
import { Z95 } from "../adjacency";

/** 1-based average ranks (ties share the mean of their positions). */
export function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * Placement values: for each positive, the share of negatives it outranks (ties half); for each negative, the
 * share of positives that outrank it. Their means are both the AUC.
 */
export function placements(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): { v10: Float64Array; v01: Float64Array } {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (positive[i] ? pos : neg).push(scores[i]);
  const m = pos.length;
  const n = neg.length;
  const all = midranks([...pos, ...neg]);
  const rx = midranks(pos);
  const ry = midranks(neg);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  for (let i = 0; i < m; i++) v10[i] = (all[i] - rx[i]) / n;
  for (let j = 0; j < n; j++) v01[j] = 1 - (all[m + j] - ry[j]) / m;
  return { v10, v01 };
}

export interface AucEstimate {
  readonly auc: number;
  readonly positives: number;
  readonly negatives: number;
  /** DeLong's standard error; NaN with fewer than two positives or two negatives. */
  readonly se: number;
  /** 95% interval AUC ± 1.96 SE, clipped to [0, 1]; NaN when se is. */
  readonly low: number;
  readonly high: number;
}

const mean = (xs: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
};

/** Sample covariance of two equally long series (n − 1 in the denominator). */
function cov(a: Float64Array, b: Float64Array, ma: number, mb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

/** The AUC by ranks: (Σ positive midranks − m(m+1)/2) ÷ (m·n), the Mann–Whitney U ÷ (m·n). */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): number {
  const r = midranks(scores);
  let m = 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!positive[i]) continue;
    m++;
    sum += r[i];
  }
  const n = scores.length - m;
  return (sum - (m * (m + 1)) / 2) / (m * n);
}

/** AUC with DeLong's 95% interval. Needs at least one positive and one negative. */
export function aucWithInterval(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): AucEstimate {
  const { v10, v01 } = placements(scores, positive);
  const m = v10.length;
  const n = v01.length;
  const a = mean(v10);
  const se = m < 2 || n < 2 ? NaN : Math.sqrt(cov(v10, v10, a, a) / m + cov(v01, v01, mean(v01), mean(v01)) / n);
  return { auc: a, positives: m, negatives: n, se, low: Math.max(0, a - Z95 * se), high: Math.min(1, a + Z95 * se) };
}

export interface AucDifference {
  readonly first: AucEstimate;
  readonly second: AucEstimate;
  /** second − first. */
  readonly difference: number;
  /** DeLong's standard error of the paired difference (the two scores' correlation on the same accounts counted). */
  readonly se: number;
  readonly low: number;
  readonly high: number;
}

/** Two scores of the same accounts compared: the AUC of each and the 95% interval of their difference. */
export function compareAucs(first: ArrayLike<number>, second: ArrayLike<number>, positive: ArrayLike<boolean | number>): AucDifference {
  const a = placements(first, positive);
  const b = placements(second, positive);
  const m = a.v10.length;
  const n = a.v01.length;
  const e1 = aucWithInterval(first, positive);
  const e2 = aucWithInterval(second, positive);
  let se = NaN;
  if (m >= 2 && n >= 2) {
    const [a10, b10, a01, b01] = [mean(a.v10), mean(b.v10), mean(a.v01), mean(b.v01)];
    const s10 = cov(a.v10, a.v10, a10, a10) + cov(b.v10, b.v10, b10, b10) - 2 * cov(a.v10, b.v10, a10, b10);
    const s01 = cov(a.v01, a.v01, a01, a01) + cov(b.v01, b.v01, b01, b01) - 2 * cov(a.v01, b.v01, a01, b01);
    se = Math.sqrt(Math.max(0, s10 / m + s01 / n));
  }
  const d = e2.auc - e1.auc;
  return { first: e1, second: e2, difference: d, se, low: d - Z95 * se, high: d + Z95 * se };
}
