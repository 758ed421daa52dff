/**
 * Does the score predict expansion? The AUC with DeLong's interval, conversion per band with Wilson intervals, and
 * lift per score decile, as one table.
 */
import { wilson } from "../adjacency";
import { divError, valueError } from "../errors";
import { band } from "../score";
import { isMissing, toText, type CellValue } from "../values";
import { aucWithInterval, type AucEstimate } from "./auc";
import { column, type Labeled } from "./read";

export const BAND_ORDER = ["High", "Qualified", "Nurture", "Low"] as const;
const WIDTH = 7;

/** Wilson's interval with its ends exact at 0 of n and n of n (the closed form leaves 5.6e-17 there). */
export function wilsonInterval(k: number, n: number): [number, number] {
  const [lo, hi] = wilson(k, n);
  return [k === 0 ? 0 : lo, k === n ? 1 : hi];
}

const pad = (row: CellValue[]): CellValue[] => [...row, ...Array.from({ length: WIDTH - row.length }, () => "")];
const orBlank = (x: number): CellValue => (Number.isFinite(x) ? x : "");

/** Refuses outcomes with only one class: the AUC compares expanded with not expanded accounts. */
export function requireBothClasses(fn: string, l: Labeled): void {
  const pos = l.positive.reduce((s, v) => s + v, 0);
  if (l.scores.length === 0) throw divError(fn, `no row has both a score and an outcome${l.leftOut > 0 ? ` (${l.leftOut} left out as blank)` : ""}`);
  if (pos === 0) throw divError(fn, `none of the ${l.scores.length} accounts expanded, so there is nothing to rank them against`);
  if (pos === l.scores.length) throw divError(fn, `all ${l.scores.length} accounts expanded, so there is no non-expanded account to rank them against`);
}

export interface BandRow {
  readonly band: string;
  readonly accounts: number;
  readonly expanded: number;
}

/** Accounts and expansions per band, in band order (High → Low, or custom labels by falling mean score). */
export function bandRows(l: Labeled, labels: string[] | null): BandRow[] {
  const by = new Map<string, { accounts: number; expanded: number; scoreSum: number }>();
  if (!labels) for (const b of BAND_ORDER) by.set(b, { accounts: 0, expanded: 0, scoreSum: 0 });
  for (let i = 0; i < l.scores.length; i++) {
    const name = labels ? labels[i] : band(l.scores[i]);
    const g = by.get(name) ?? { accounts: 0, expanded: 0, scoreSum: 0 };
    g.accounts++;
    g.expanded += l.positive[i];
    g.scoreSum += l.scores[i];
    by.set(name, g);
  }
  const rows = [...by].map(([name, g]) => ({ band: name, accounts: g.accounts, expanded: g.expanded, mean: g.scoreSum / g.accounts }));
  if (labels) rows.sort((a, b) => b.mean - a.mean);
  return rows.map(({ band: b, accounts, expanded }) => ({ band: b, accounts, expanded }));
}

export interface DecileRow {
  readonly decile: number;
  readonly accounts: number;
  readonly expanded: number;
  readonly highest: number;
  readonly lowest: number;
}

/**
 * Accounts by score decile, 1 = the top tenth. Tied scores stay together: a run of equal scores goes to the decile
 * holding its middle, so with heavy ties some deciles are larger and some empty (shown with 0 accounts).
 */
export function decileRows(l: Labeled): DecileRow[] {
  const n = l.scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => l.scores[b] - l.scores[a] || a - b);
  const rows = Array.from({ length: 10 }, (_, d) => ({ decile: d + 1, accounts: 0, expanded: 0, highest: NaN, lowest: NaN }));
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && l.scores[order[j + 1]] === l.scores[order[i]]) j++;
    const d = Math.min(9, Math.floor((10 * (i + j + 1)) / 2 / n));
    const r = rows[d];
    for (let t = i; t <= j; t++) {
      r.accounts++;
      r.expanded += l.positive[order[t]];
    }
    const s = l.scores[order[i]];
    if (Number.isNaN(r.highest)) r.highest = s;
    r.lowest = s;
    i = j + 1;
  }
  return rows;
}

/** The optional bands column, aligned with the scores as given (its header, if any, dropped). */
export function readBandLabels(fn: string, arg: unknown, l: Labeled, scoreRows: number): string[] {
  const raw = column(fn, "bands", arg, () => true).cells;
  // band labels are text, so a header is known only by the count: one row more than the scores is a header on top
  const offset = raw.length === scoreRows + 1 ? 1 : 0;
  if (raw.length - offset !== scoreRows) throw valueError(fn, `bands has ${raw.length} rows but scores has ${scoreRows} value rows; pass one band per score, aligned`);
  return Array.from(l.rows, (r) => {
    const v = raw[r + offset];
    if (isMissing(v)) throw valueError(fn, `bands row ${r + 1 + offset} is blank where the account has a score and an outcome`);
    return toText(v);
  });
}

/** XSELL_VALIDATE's table: summary, conversion per band, lift per decile; every row WIDTH cells wide. */
export function validationGrid(l: Labeled, labels: string[] | null, est: AucEstimate = aucWithInterval(l.scores, l.positive)): CellValue[][] {
  const n = l.scores.length;
  const pos = est.positives;
  const rate = pos / n;
  const [rlo, rhi] = wilsonInterval(pos, n);
  const out: CellValue[][] = [
    pad(["Measure", "Value", "95% low", "95% high", "Note"]),
    pad(["AUC", est.auc, orBlank(est.low), orBlank(est.high), "Chance an expanded account outranks one that did not (ties half); 0.5 = chance. Interval: DeLong."]),
    pad(["Accounts", n, "", "", "With a score and an outcome."]),
    pad(["Expanded", pos, "", "", ""]),
    pad(["Expansion rate", rate, rlo, rhi, "Interval: Wilson."]),
    pad(["Rows left out", l.leftOut, "", "", "Blank score or outcome."]),
    pad([]),
    pad(["Band", "Accounts", "Expanded", "Conversion", "95% low", "95% high", "Lift"]),
  ];
  for (const b of bandRows(l, labels)) {
    if (b.accounts === 0) {
      out.push(pad([b.band, 0, 0]));
      continue;
    }
    const [lo, hi] = wilsonInterval(b.expanded, b.accounts);
    out.push(pad([b.band, b.accounts, b.expanded, b.expanded / b.accounts, lo, hi, b.expanded / b.accounts / rate]));
  }
  out.push(pad(["All", n, pos, rate, rlo, rhi, 1]), pad([]));
  out.push(pad(["Decile (1 = top)", "Highest score", "Lowest score", "Accounts", "Expanded", "Conversion", "Lift"]));
  for (const d of decileRows(l)) {
    if (d.accounts === 0) out.push(pad([d.decile, "", "", 0, 0]));
    else out.push(pad([d.decile, d.highest, d.lowest, d.accounts, d.expanded, d.expanded / d.accounts, d.expanded / d.accounts / rate]));
  }
  return out;
}
