/**
 * L2-regularized logistic regression by Newton's method (iteratively reweighted least squares): deterministic,
 * no random start, a fixed iteration cap and tolerance. The intercept is not penalized.
 */

export interface LogisticFit {
  readonly intercept: number;
  readonly weights: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

export const RIDGE_LAMBDA = 1;
export const MAX_ITERATIONS = 100;
export const TOLERANCE = 1e-10;

/** Solves A x = b for a symmetric positive definite A (row-major, k×k) by Cholesky; null when A is not SPD. */
export function choleskySolve(A: Float64Array, b: Float64Array, k: number): Float64Array | null {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * k + j];
      for (let t = 0; t < j; t++) s -= L[i * k + t] * L[j * k + t];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * k + i] = Math.sqrt(s);
      } else L[i * k + j] = s / L[j * k + j];
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let t = 0; t < i; t++) s -= L[i * k + t] * y[t];
    y[i] = s / L[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i];
    for (let t = i + 1; t < k; t++) s -= L[t * k + i] * x[t];
    x[i] = s / L[i * k + i];
  }
  return x;
}

/**
 * Maximizes Σ log-likelihood − λ/2 Σ w² over `features` (one Float64Array per feature, each over the rows) for 0/1
 * `y`. Each step solves (XᵀWX + λI') Δ = Xᵀ(y − p) − λw'; it stops when no coefficient moves more than TOLERANCE.
 */
export function fitLogistic(features: Float64Array[], y: Uint8Array, lambda = RIDGE_LAMBDA): LogisticFit {
  const J = features.length;
  const k = J + 1;
  const n = y.length;
  const beta = new Float64Array(k); // [intercept, w1 … wJ]
  const H = new Float64Array(k * k);
  const g = new Float64Array(k);
  const x = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  while (iterations < MAX_ITERATIONS && !converged) {
    iterations++;
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      x[0] = 1;
      let eta = beta[0];
      for (let j = 0; j < J; j++) {
        x[j + 1] = features[j][i];
        eta += beta[j + 1] * x[j + 1];
      }
      const p = 1 / (1 + Math.exp(-eta));
      const w = p * (1 - p);
      const r = y[i] - p;
      for (let a = 0; a < k; a++) {
        g[a] += x[a] * r;
        const wa = w * x[a];
        for (let b = 0; b <= a; b++) H[a * k + b] += wa * x[b];
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) H[b * k + a] = H[a * k + b];
    for (let j = 1; j < k; j++) {
      H[j * k + j] += lambda;
      g[j] -= lambda * beta[j];
    }
    // a tiny ridge on the intercept only when every row has p(1 − p) ≈ 0 (a separable, saturated fit)
    const step = choleskySolve(H, g, k) ?? choleskySolve(H.map((v, idx) => (idx % (k + 1) === 0 ? v + 1e-9 : v)), g, k);
    if (!step) break;
    let moved = 0;
    for (let a = 0; a < k; a++) {
      beta[a] += step[a];
      moved = Math.max(moved, Math.abs(step[a]));
    }
    converged = moved < TOLERANCE;
  }
  return { intercept: beta[0], weights: beta.slice(1), iterations, converged };
}

/**
 * Whole points proportional to `shares` summing to exactly `total` (largest remainders; ties to the earlier
 * criterion), so a rescaled model keeps its 100 points.
 */
export function roundToTotal(shares: number[], total: number): number[] {
  const sum = shares.reduce((s, v) => s + v, 0);
  const exact = shares.map((v) => (v * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((_, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
  for (let t = 0; left > 0; t++, left--) out[order[t % order.length]]++;
  return out;
}
