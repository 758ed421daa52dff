/**
 * Suggested points for the model in use: a regularized logistic regression of expansion on each criterion's
 * pass/fail signal, fitted on a deterministic 70% of accounts (by a hash of the account key) and judged on the
 * other 30%, which the fit never sees. The answer is an edited model table, ready for XSELL_SCORE(…, model).
 */
import { divError, valueError } from "../errors";
import { MODEL_HEADERS, type Criterion, type Model } from "../model";
import { scoreTable } from "../score";
import { asGrid, isBlankRow, type Table } from "../table";
import { clean, toText, type CellValue } from "../values";
import { compareAucs, type AucDifference } from "./auc";
import { fitLogistic, RIDGE_LAMBDA, roundToTotal } from "./logistic";
import { readOutcome } from "./read";

/** Share of accounts held out of the fit, in hundredths. */
export const HELD_OUT_PERCENT = 30;

/** FNV-1a over the key's UTF-16 code units: the same account lands on the same side on every machine and run. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Whether an account is held out: by its key (Account ID, else name; ignoring case and spaces), else its row. */
export function isHeldOut(key: string): boolean {
  return fnv1a(key) % 100 < HELD_OUT_PERCENT;
}

/** Outcomes aligned with the table's data rows: as many cells as rows, or as many as the whole data range. */
export function alignedOutcomes(fn: string, outcomes: unknown, table: Table, dataRows: number): (boolean | null)[] {
  const grid = asGrid(fn, "outcomes", outcomes);
  if (grid.length > 1 && grid.every((r) => r.length > 1)) throw valueError(fn, `outcomes must be one column; got ${grid[0].length} columns`);
  const cells = grid.map((r) => r[0]);
  const n = table.rows.length;
  const offset = cells.length === n ? 0 : cells.length === dataRows ? dataRows - n : -1;
  if (offset < 0) throw valueError(fn, `outcomes has ${cells.length} rows but data has ${n} account rows${dataRows !== n ? ` (${dataRows} with its header)` : ""}; pass one outcome per account row, aligned`);
  return Array.from({ length: n }, (_, i) => readOutcome(fn, cells[i + offset], `outcomes row ${i + offset + 1}`));
}

export interface ModelFit {
  readonly model: Model;
  readonly suggested: number[];
  readonly weights: Float64Array;
  readonly intercept: number;
  /** Per criterion, the share of training accounts passing it (partial credit counts in part). */
  readonly passRate: number[];
  readonly train: { readonly accounts: number; readonly expanded: number };
  readonly heldOut: { readonly accounts: number; readonly expanded: number };
  /** Current (first) against suggested (second) on the held-out accounts; null when they hold one class only. */
  readonly comparison: AucDifference | null;
  readonly leftOut: number;
  readonly converged: boolean;
}

/** Fits the suggestion. `outcome` is per table row (null = left out). */
export function fitModel(fn: string, table: Table, model: Model, asOf: number, outcome: (boolean | null)[]): ModelFit {
  // each criterion's signal: its share of full points (1 pass, 0 fail or missing, between for partial credit)
  const unit: Model = { name: model.name, criteria: model.criteria.map((c): Criterion => ({ ...c, points: 1 })) };
  const signals = scoreTable(table, unit, asOf).points;
  const current = scoreTable(table, model, asOf).scores;
  const keyCol = table.keyColumn;
  const train: number[] = [];
  const held: number[] = [];
  let leftOut = 0;
  for (let i = 0; i < table.rows.length; i++) {
    if (isBlankRow(table.rows[i])) continue;
    if (outcome[i] === null) {
      leftOut++;
      continue;
    }
    const key = keyCol === undefined ? "" : toText(table.rows[i][keyCol]).toLowerCase().replace(/\s+/g, " ").trim();
    (isHeldOut(key === "" ? `row ${table.rowNumbers[i]}` : key) ? held : train).push(i);
  }
  const labels = (rows: number[]): Uint8Array => Uint8Array.from(rows, (i) => (outcome[i] ? 1 : 0));
  const yTrain = labels(train);
  const posTrain = yTrain.reduce((s, v) => s + v, 0);
  if (posTrain === 0 || posTrain === train.length) {
    throw divError(fn, `the ${train.length} training accounts ${posTrain === 0 ? "include no expanded account" : "all expanded"}, so there is nothing to fit; outcomes need both expanded and not expanded accounts`);
  }
  const features = signals.map((s) => Float64Array.from(train, (i) => s[i]));
  const fit = fitLogistic(features, yTrain);
  const positive = Array.from(fit.weights, (w) => Math.max(0, w));
  if (positive.every((w) => w <= 0)) throw divError(fn, "no criterion raised the odds of expansion in the training accounts, so no points can be suggested");
  const suggested = roundToTotal(positive, 100);
  const yHeld = labels(held);
  const posHeld = yHeld.reduce((s, v) => s + v, 0);
  let comparison: AucDifference | null = null;
  if (posHeld > 0 && posHeld < held.length) {
    const suggestedScore = Float64Array.from(held, (i) => signals.reduce((s, sig, j) => s + suggested[j] * sig[i], 0));
    comparison = compareAucs(Float64Array.from(held, (i) => current[i]), suggestedScore, yHeld);
  }
  return {
    model,
    suggested,
    weights: fit.weights,
    intercept: fit.intercept,
    passRate: features.map((f) => f.reduce((s, v) => s + v, 0) / f.length),
    train: { accounts: train.length, expanded: posTrain },
    heldOut: { accounts: held.length, expanded: posHeld },
    comparison,
    leftOut,
    converged: fit.converged,
  };
}

/** A criterion as XSELL_MODEL spills it, with other points. */
function modelRow(c: Criterion, points: number): CellValue[] {
  const threshold = Array.isArray(c.threshold) ? c.threshold.join(", ") : c.threshold === null ? "" : c.threshold;
  return [c.name, c.category, c.signal, c.test, threshold, points, c.fullAt === null ? "" : c.fullAt];
}

export const FIT_SIDE_HEADERS = ["Current points", "Log-odds weight", "Pass rate", "", "Held-out check", "Value", "95% low", "95% high"] as const;

/** The held-out check beside the model: the two AUCs, their difference with its interval, counts and a verdict. */
function checkRows(f: ModelFit): CellValue[][] {
  const c = f.comparison;
  const num = (x: number | undefined): CellValue => (x === undefined || !Number.isFinite(x) ? "" : x);
  const verdict = !c
    ? "Held-out accounts hold one outcome only: no comparison."
    : !Number.isFinite(c.se)
      ? "Too few held-out accounts for an interval."
      : c.low > 0
        ? "The suggested points rank held-out accounts better."
        : c.high < 0
          ? "The current points rank held-out accounts better."
          : "No clear difference: the interval of the difference includes 0.";
  return [
    ["AUC, current points (held out)", num(c?.first.auc), num(c?.first.low), num(c?.first.high)],
    ["AUC, suggested points (held out)", num(c?.second.auc), num(c?.second.low), num(c?.second.high)],
    ["Difference, suggested − current", num(c?.difference), num(c?.low), num(c?.high)],
    ["Verdict", verdict, "", ""],
    ["Held-out accounts", f.heldOut.accounts, "", ""],
    ["Held-out accounts that expanded", f.heldOut.expanded, "", ""],
    ["Training accounts", f.train.accounts, "", ""],
    ["Training accounts that expanded", f.train.expanded, "", ""],
    ["Rows left out (blank outcome)", f.leftOut, "", ""],
    ["Method", `Logistic regression, ridge λ = ${RIDGE_LAMBDA}, Newton steps; ${100 - HELD_OUT_PERCENT}/${HELD_OUT_PERCENT} split by account key; AUC intervals: DeLong (paired for the difference).`, "", ""],
  ];
}

/** XSELL_FIT_MODEL's table: the model with suggested points (XSELL_MODEL's columns), then the evidence beside it. */
export function fitGrid(f: ModelFit): CellValue[][] {
  const checks = checkRows(f);
  const rows = Math.max(f.model.criteria.length, checks.length);
  const out: CellValue[][] = [[...MODEL_HEADERS, ...FIT_SIDE_HEADERS]];
  for (let r = 0; r < rows; r++) {
    const c = f.model.criteria[r];
    const left: CellValue[] = c ? [...modelRow(c, f.suggested[r]), c.points, clean(f.weights[r], 12), f.passRate[r]] : Array.from({ length: MODEL_HEADERS.length + 3 }, () => "");
    out.push([...left, "", ...(checks[r] ?? ["", "", "", ""])]);
  }
  return out;
}
