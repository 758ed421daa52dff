/**
 * Do the next-product picks come true? Ownership is rewound to as_of from the subscription history, the top-k
 * picks are made exactly as XSELL_NEXT_PRODUCT makes them (best attach rate from an owned product, or expected ARR
 * with prices), and scored against the products each account started paying for within the horizon; beside them
 * the popularity baseline (the most-owned products not yet owned) and random picks, whose expectation is exact.
 */
import { wilson } from "../adjacency";
import type { History } from "../history/read";
import { readOwnership } from "../ownership";
import { gapScratch, nthGap, propensities } from "../whitespace";
import { divError } from "../errors";
import { isoFromDay, type CellValue } from "../values";

export const nothingToBacktest = (asOf: number): string => `no account paid for a product on as_of (${isoFromDay(asOf)}) with a product left to recommend, so there is nothing to backtest`;

export interface StrategyScore {
  /** Accounts with at least one pick bought (expected, for random). */
  hitAccounts: number;
  /** Picks bought. */
  hits: number;
  picks: number;
  /** ARR of the picks bought, at their first amount in the horizon. */
  realizedArr: number;
  /** Σ propensity × price over the picks (the next-product strategy only). */
  expectedArr: number;
  /** Per product: picks and picks bought. */
  productPicks: Float64Array;
  productHits: Float64Array;
}

export interface Backtest {
  readonly asOf: number;
  readonly horizon: number;
  readonly k: number;
  readonly products: string[];
  readonly accounts: number;
  readonly buyers: number;
  /** New products bought by the accounts evaluated, including products nobody owned on as_of (no pick can name them). */
  readonly purchases: number;
  readonly productPurchases: Float64Array;
  readonly model: StrategyScore;
  readonly popularity: StrategyScore;
  readonly random: StrategyScore;
  /** How prices were set: "prices" (the table given) or "observed" (median ARR of owners on as_of). */
  readonly priceSource: "prices" | "observed";
}

const newScore = (P: number): StrategyScore => ({ hitAccounts: 0, hits: 0, picks: 0, realizedArr: 0, expectedArr: 0, productPicks: new Float64Array(P), productHits: new Float64Array(P) });

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** C(n, r) as a float (exact for the small n of a product list). */
export function choose(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let c = 1;
  for (let i = 1; i <= r; i++) c = (c * (n - r + i)) / i;
  return c;
}

/**
 * Runs the backtest. `readPriceList` turns a prices argument into a price per product of the rewound ownership
 * (null when none was given).
 */
export function backtest(fn: string, h: History, asOf: number, horizon: number, k: number, readPriceList: (own: ReturnType<typeof readOwnership>) => Float64Array | null): Backtest {
  const toArr = h.unit === "MRR" ? 12 : 1;
  // who paid for what on as_of, and what each account started paying for within the horizon
  const active = new Set<number>();
  const ownedPairs = new Set<string>();
  const grid: CellValue[][] = [["Account", "Product"]];
  const firstInHorizon = new Map<string, { start: number; arr: number }>();
  for (let i = 0; i < h.amount.length; i++) {
    if (h.amount[i] <= 0) continue;
    if (h.start[i] <= asOf && asOf < h.end[i]) {
      active.add(h.account[i]);
      const key = `${h.account[i]}:${h.product[i]}`;
      if (!ownedPairs.has(key)) grid.push([`#${h.account[i]}`, h.products[h.product[i]]]);
      ownedPairs.add(key);
    }
  }
  for (let i = 0; i < h.amount.length; i++) {
    if (h.amount[i] <= 0 || h.start[i] <= asOf || h.start[i] > asOf + horizon || !active.has(h.account[i])) continue;
    const key = `${h.account[i]}:${h.product[i]}`;
    if (ownedPairs.has(key)) continue;
    const seen = firstInHorizon.get(key);
    if (!seen || h.start[i] < seen.start) firstInHorizon.set(key, { start: h.start[i], arr: h.amount[i] * toArr });
  }
  if (grid.length === 1) throw divError(fn, nothingToBacktest(asOf));
  const own = readOwnership(fn, grid, asOf);
  const P = own.products.length;
  const histProduct = new Map(h.products.map((p, i) => [p, i]));
  const productOf = own.products.map((p) => histProduct.get(p)!);
  const given = readPriceList(own);
  // prices for expected ARR: the table given, else what owners paid on as_of (median ARR per product)
  const paid: number[][] = own.products.map(() => []);
  if (!given) {
    const sums = new Map<string, number>();
    for (let i = 0; i < h.amount.length; i++) {
      if (h.start[i] <= asOf && asOf < h.end[i]) sums.set(`${h.account[i]}:${h.product[i]}`, (sums.get(`${h.account[i]}:${h.product[i]}`) ?? 0) + h.amount[i] * toArr);
    }
    const byHist = new Map(productOf.map((hp, p) => [hp, p]));
    for (const [key, v] of sums) {
      const p = byHist.get(Number(key.split(":")[1]));
      if (p !== undefined && v > 0) paid[p].push(v);
    }
  }
  const price = given ?? Float64Array.from(paid, median);
  const pr = propensities(own, 1);
  const scratch = gapScratch(P);
  // popularity: most-owned first (by share × price when prices were given, unpriced last), ties in product order
  const popValue = (p: number): number => (given ? (Number.isNaN(given[p]) ? -1 : pr.share[p] * given[p]) : pr.share[p]);
  const byPopularity = Array.from({ length: P }, (_, p) => p).sort((a, b) => popValue(b) - popValue(a) || pr.share[b] - pr.share[a] || a - b);

  const model = newScore(P);
  const popularity = newScore(P);
  const random = newScore(P);
  const productPurchases = new Float64Array(P);
  let accounts = 0;
  let buyers = 0;
  let purchases = 0;
  const ownProduct = new Map(productOf.map((hp, p) => [hp, p]));
  const boughtBy = new Map<number, { hp: number; arr: number }[]>();
  for (const [key, v] of firstInHorizon) {
    const [acc, hp] = key.split(":").map(Number);
    const list = boughtBy.get(acc) ?? [];
    list.push({ hp, arr: v.arr });
    boughtBy.set(acc, list);
  }
  const owns = (a: number, p: number): boolean => own.owners.owns(p, a);
  for (let a = 0; a < own.accounts.length; a++) {
    const hist = Number(own.accounts[a].slice(1));
    const whitespace: number[] = [];
    for (let p = 0; p < P; p++) if (!owns(a, p)) whitespace.push(p);
    if (whitespace.length === 0) continue;
    accounts++;
    const bought = new Map<number, number>(); // product (ownership index) → realized ARR
    const started = boughtBy.get(hist) ?? [];
    const boughtAny = started.length;
    for (const { hp, arr } of started) {
      const p = ownProduct.get(hp);
      if (p === undefined) continue;
      bought.set(p, arr);
      productPurchases[p]++;
    }
    purchases += boughtAny;
    if (boughtAny > 0) buyers++;
    const take = Math.min(k, whitespace.length);
    const score = (s: StrategyScore, picks: number[], expected: (p: number) => number): void => {
      let hit = false;
      for (const p of picks) {
        s.picks++;
        s.productPicks[p]++;
        s.expectedArr += expected(p);
        const arr = bought.get(p);
        if (arr === undefined) continue;
        hit = true;
        s.hits++;
        s.productHits[p]++;
        s.realizedArr += arr;
      }
      if (hit) s.hitAccounts++;
    };
    const modelPicks: number[] = [];
    const modelProp = new Map<number, number>();
    for (let r = 1; r <= take; r++) {
      const gap = nthGap(pr, given, a, r, scratch);
      if (!gap) break;
      modelPicks.push(gap.product);
      modelProp.set(gap.product, gap.propensity);
    }
    score(model, modelPicks, (p) => (Number.isNaN(price[p]) ? 0 : modelProp.get(p)! * price[p]));
    score(popularity, byPopularity.filter((p) => !owns(a, p)).slice(0, take), () => 0);
    // random: k of the m whitespace products, every subset equally likely; each product is picked with chance k/m
    const m = whitespace.length;
    const b = bought.size;
    random.picks += take;
    random.hitAccounts += 1 - choose(m - b, take) / choose(m, take);
    random.hits += (take * b) / m;
    for (const p of whitespace) {
      random.productPicks[p] += take / m;
      const arr = bought.get(p);
      if (arr === undefined) continue;
      random.productHits[p] += take / m;
      random.realizedArr += (arr * take) / m;
    }
  }
  return { asOf, horizon, k, products: own.products, accounts, buyers, purchases, productPurchases, model, popularity, random, priceSource: given ? "prices" : "observed" };
}

const WIDTH = 8;
const pad = (row: CellValue[]): CellValue[] => [...row, ...Array.from({ length: WIDTH - row.length }, () => "")];
const ratio = (a: number, b: number): CellValue => (b > 0 ? a / b : "");

/** XSELL_BACKTEST's table: the three strategies side by side, then per product, then how it was measured. */
export function backtestGrid(b: Backtest, asOfText: string): CellValue[][] {
  const strategies = [b.model, b.popularity, b.random];
  const hitRate = (s: StrategyScore): CellValue => ratio(s.hitAccounts, b.accounts);
  const interval = (s: StrategyScore, end: 0 | 1): CellValue => (b.accounts > 0 ? wilson(Math.round(s.hitAccounts), b.accounts)[end] : "");
  const out: CellValue[][] = [
    pad(["Measure", "Next product", "Popularity", "Random (exact)"]),
    pad(["Accounts evaluated", b.accounts, b.accounts, b.accounts]),
    pad(["Accounts that bought a new product", b.buyers, b.buyers, b.buyers]),
    pad(["New products bought", b.purchases, b.purchases, b.purchases]),
    pad([`Hit rate@${b.k}`, ...strategies.map(hitRate)]),
    pad(["Hit rate, 95% low", interval(b.model, 0), interval(b.popularity, 0), ""]),
    pad(["Hit rate, 95% high", interval(b.model, 1), interval(b.popularity, 1), ""]),
    pad([`Precision@${b.k}`, ...strategies.map((s) => ratio(s.hits, s.picks))]),
    pad([`Recall@${b.k}`, ...strategies.map((s) => ratio(s.hits, b.purchases))]),
    pad(["Expected ARR of the picks", b.model.expectedArr, "", ""]),
    pad(["Realized ARR of the picks", ...strategies.map((s) => s.realizedArr)]),
    pad(["Hit rate ÷ random", ...strategies.map((s) => ratio(s.hitAccounts, b.random.hitAccounts))]),
    pad([]),
    pad(["Product", "Bought", "Picked (next product)", "Hits (next product)", "Precision", "Recall", "Hits (popularity)", "Hits (random, expected)"]),
  ];
  b.products.forEach((p, i) => {
    const picks = b.model.productPicks[i];
    const hits = b.model.productHits[i];
    out.push(pad([p, b.productPurchases[i], picks, hits, ratio(hits, picks), ratio(hits, b.productPurchases[i]), b.popularity.productHits[i], b.random.productHits[i]]));
  });
  const prices = b.priceSource === "prices" ? "prices as given" : "each product's median ARR among its owners on that day";
  out.push(
    pad([]),
    pad(["Method", `Ownership rewound to ${asOfText}; top ${b.k} pick${b.k === 1 ? "" : "s"} per account that paid on that day and did not own every product; a hit is a picked product the account started paying for within ${b.horizon} days. Expected ARR: propensity × price (${prices}). Hit-rate interval: Wilson.`]),
  );
  return out;
}
