/**
 * Forced bundles found from the pairs accounts actually co-own, for the guard every recommendation applies (a
 * bundle's other half is never a cross-sell). pairFlags counts every product pair in P × P arrays, so it stops at
 * the cells budget (3,162 products); this counts, product by product, only the products that product's owners
 * also own, in three scratch rows of P, so memory is P plus the owned pairs and work is Σ over accounts of
 * (products owned)² / 2 — what account-by-account co-ownership costs anyway — whatever the number of products.
 * The rule is pairFlags' own (a test compares the two): a pair is a forced bundle when enough owners with Start
 * Dates for both started them on the same day, and one product's owners (nearly) all own the other.
 */
import { valueError } from "../errors";
import { BUDGETS, fmtCount } from "../limits";
import { eachStart, ownersOf, productsOf, type Ownership } from "../ownership";
import type { PairFlag } from "./flags";
import type { PairRules } from "./rules";

/** Index of `x` in the ascending `list` (it is there: the account owns the product). */
function indexOf(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The forced bundles under `rules`, each unordered pair once (a < b). `fn` names the call in the refusal when
 * the accounts own so many products each that the pairs to compare pass the budget (core/limits.ts).
 */
export function forcedBundles(own: Ownership, rules: PairRules, fn: string): PairFlag[] {
  const P = own.products.length;
  const N = own.accounts.length;
  const visits = own.owners.accountMajorWork();
  if (visits > BUDGETS.pairVisits) {
    throw valueError(fn, `finding forced bundles would compare ${fmtCount(Math.round(visits))} pairs of products co-owned by one account, more than the ${fmtCount(BUDGETS.pairVisits)} one call may; accounts owning thousands of products each? Filter ownership to the products that matter`);
  }
  // each account's Start Dates beside its products (account-major), from one pass over the dates: looking each
  // pair up instead costs microseconds once account × products passes 2^31 (the keys stop being small integers)
  const first = new Int32Array(N + 1);
  for (let i = 0; i < N; i++) first[i + 1] = first[i] + productsOf(own, i).length;
  const day = new Float64Array(first[N]).fill(NaN);
  eachStart(own, (acc, p, d) => {
    const ps = productsOf(own, acc);
    const at = indexOf(ps, p);
    if (ps[at] === p) day[first[acc] + at] = d;
  });
  const both = new Int32Array(P);
  const dated = new Int32Array(P);
  const sameDay = new Int32Array(P);
  const touched = new Int32Array(P);
  const counts = own.ownerCounts;
  const contained = (y: number, n: number): boolean => counts[y] >= rules.min_owners && counts[y] > 0 && n / counts[y] >= rules.owner_share;
  const found: PairFlag[] = [];
  for (let a = 0; a < P; a++) {
    const owners = ownersOf(own, a);
    let t = 0;
    for (let k = 0; k < owners.length; k++) {
      const acc = owners[k];
      const ps = productsOf(own, acc);
      const at = indexOf(ps, a);
      const base = first[acc];
      const da = day[base + at];
      for (let j = at + 1; j < ps.length; j++) {
        const b = ps[j];
        if (both[b]++ === 0) touched[t++] = b;
        const db = day[base + j];
        if (Number.isNaN(da) || Number.isNaN(db)) continue;
        dated[b]++;
        if (da === db) sameDay[b]++;
      }
    }
    for (let k = 0; k < t; k++) {
      const b = touched[k];
      const n = both[b];
      const d = dated[b];
      if (d >= rules.min_owners && sameDay[b] / d >= rules.same_day_share && (contained(b, n) || contained(a, n))) {
        found.push({ kind: "Forced bundle", a, b, accounts: n, mutual: contained(b, n) && contained(a, n), evidence: `${fmtCount(sameDay[b])} of the ${fmtCount(d)} accounts with Start Dates for both ${own.products[a]} and ${own.products[b]} started them on the same day: bought as one.` });
      }
      both[b] = 0;
      dated[b] = 0;
      sameDay[b] = 0;
    }
  }
  return found;
}
