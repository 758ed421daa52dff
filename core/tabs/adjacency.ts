/**
 * Adjacency tab: the honest attach-rate matrix (pairs that are no cross-sell choice marked with their flag, and
 * pass-through ownership not counted when prices are given) beside the raw one, the count matrix, and a legend
 * saying what each flag means and the rules that found it.
 */
import { valueError } from "../errors";
import { adjacencyValue, PATTERN_MIN_ACCOUNTS, wilson, type OwnerCounts } from "../adjacency";
import { PAIR_FLAG_KINDS, PASS_THROUGH, percent, type PairFlagKind } from "../integrity/flags";
import { flagCells } from "../integrity/honest";
import { DEFAULT_PAIR_RULES, pairRulesSentence } from "../integrity/rules";
import { LIFT_HEAD, adjacencyCharts, liftPairName, type LiftPair } from "./tab-charts";
import { COLORS, DEFAULT_COLUMN_WIDTH, SpecBuilder, a1, a1Range, linesOf, type SheetSpec, type SpecCell } from "./spec";
import { contentWidths } from "./widths";
import { chartBox } from "./print";
import { adjacencyFacts, checkAdjacencySize } from "./adjacency-facts";
import type { TabInputs } from "./inputs";

const FN = "Adjacency";

/**
 * A flagged cell's fill and ink in the honest matrix and the legend (by text, so one rule per flag, however many
 * cells); the raw matrix marks its flagged cells with notes only, as its colour scale paints every number.
 */
const FLAG_FILL: Record<PairFlagKind, string> = { "Forced bundle": "#F4CCCC", Prerequisite: "#FCE5CD", Subset: "#D9D2E9" };
const FLAG_INK: Record<PairFlagKind, string> = { "Forced bundle": "#990000", Prerequisite: "#B45F06", Subset: "#674EA7" };

const MEANING: Record<PairFlagKind | typeof PASS_THROUGH, string> = {
  "Forced bundle": "Nearly every owner of B owns A and started both on the same day: bought as one. Both cells of the pair are left out.",
  Prerequisite: "Every owner of B owns A and bought B later: A is the way to B. B → A is left out; A → B stays, the path's honest rate.",
  Subset: "Every owner of B owns A, in no settled order or with no Start Dates to tell. B → A is left out.",
  [PASS_THROUGH]: "An account paying at or below the rule's share of list for a product: a price cut booked as attach. Not counted as owned in the honest matrix.",
};

export function buildAdjacency(inputs: TabInputs): SheetSpec {
  // counted in memory from the ownership table, or by the warehouse SQL (--engine duckdb) by the same rules
  const facts = inputs.precomputed?.adjacency ?? (inputs.ownership ? adjacencyFacts(FN, inputs) : null);
  if (!facts) throw valueError(FN, "needs the ownership table");
  const { raw: own, rawCounts, honest: counted, honestCounts } = facts;
  const prices = facts.passThrough !== null;
  const min = inputs.minAccounts ?? PATTERN_MIN_ACCOUNTS;
  const P = own.products.length;
  checkAdjacencySize(FN, P);
  const view = { flags: { pairs: facts.flags }, ...flagCells(P, facts.flags) };
  const pass = facts.passThrough ?? 0;
  const rule = `Rates are blank where fewer than ${min} accounts own the row product: a rate from a handful of owners is noise, not a pattern. Honest leaves out the pairs that are no cross-sell choice (marked with their flag; hover for the evidence)${prices ? ` and ${pass} pass-through account-product${pass === 1 ? "" : "s"}` : ""}; raw counts every owner.`;
  const rawCol = P + 3; // one empty column between the matrices
  const countCol = 2 * P + 6;
  const honest: SpecCell[][] = [["Honest: owned ↓ / next →", ...own.products, "Owners"]];
  const raw: SpecCell[][] = [["Raw: owned ↓ / next →", ...own.products, "Owners"]];
  const count: SpecCell[][] = [["Both owned ↓ / →", ...own.products]];
  const b = new SpecBuilder("Adjacency");
  const flagNotes: { a: number; c: number; text: string }[] = [];
  for (let a = 0; a < P; a++) {
    const hr: SpecCell[] = [own.products[a]];
    const rr: SpecCell[] = [own.products[a]];
    const cr: SpecCell[] = [own.products[a]];
    for (let c = 0; c < P; c++) {
      const flag = view.cellFlag.get(a * P + c);
      const v = adjacencyValue(own, rawCounts, "attach", a, c, min);
      const h = adjacencyValue(counted, honestCounts, "attach", a, c, min);
      hr.push(flag ? flag.kind : h === null ? "" : h);
      rr.push(v === null ? "" : v);
      cr.push(a === c ? "" : rawCounts[a * P + c]);
      if (flag) flagNotes.push({ a, c, text: `${own.products[a]} → ${own.products[c]}: ${flag.kind}. ${flag.evidence}` });
    }
    hr.push(counted.ownerCounts[a]);
    rr.push(own.ownerCounts[a]);
    honest.push(hr);
    raw.push(rr);
    count.push(cr);
  }
  // the legend: each flag, how many pairs carry it, what it means; then the rules that found them
  const pairsOf = (k: PairFlagKind): number => view.flags.pairs.filter((f) => f.kind === k).length;
  const flagRows: SpecCell[][] = PAIR_FLAG_KINDS.map((k) => [k, `${pairsOf(k)} pair${pairsOf(k) === 1 ? "" : "s"}`]);
  flagRows.push([PASS_THROUGH, prices ? `${pass} owner${pass === 1 ? "" : "s"}` : "no price list"]);
  const meanings = [...PAIR_FLAG_KINDS.map((k) => MEANING[k]), prices ? MEANING[PASS_THROUGH] : "Give a price list to see it: an account paying at or below the rule's share of list for a product is a price cut booked as attach."];
  const pairs = topLiftPairs(counted, honestCounts, min, 10, view.cellFlag);

  // paper shows the honest matrix's columns: they are measured first (from the same cells finish() would read),
  // so the long sentences below can be cut into rows no wider than the page and nothing is clipped
  const printedCols = P + 2;
  const printed = contentWidths([
    { row: 0, col: 0, cells: honest },
    { row: P + 1, col: 0, cells: [["Flag", "Found", "What it means"], ...flagRows.map((r) => [...r, ""])] },
    { row: P + 7, col: 0, cells: [LIFT_HEAD.slice(0, 2), ...pairs.map((p): SpecCell[] => [liftPairName(p), p.lift])] },
  ], [
    { range: a1Range(0, 0, 1, printedCols), bold: true, wrap: true },
    { range: a1Range(1, 0, P, 1), bold: true },
    { range: a1Range(1, 1, P, P), numberFormat: "0%" },
    { range: a1Range(1, P + 1, P, 1), numberFormat: "#,##0" },
    { range: a1Range(P + 1, 0, 6, 3), bold: true },
    { range: a1Range(P + 7, 0, 1, 2), bold: true, wrap: true },
    { range: a1Range(P + 8, 1, pairs.length, 1), numberFormat: "0.00" },
  ], printedCols);
  const widthAt = new Map(printed.map((w) => [w.col, w.width]));
  const columnWidths = Array.from({ length: printedCols }, (_, c) => widthAt.get(c) ?? DEFAULT_COLUMN_WIDTH);
  b.widths(columnWidths);
  const printedChars = Math.floor(columnWidths.reduce((s, w) => s + w, 0));
  const rows = (text: string, chars = printedChars): SpecCell[][] => linesOf(text, chars).map((line) => [line]);
  const ruleRows = rows(rule);
  const top = 2 + ruleRows.length; // title, rule, blank
  for (const n of flagNotes) b.notes.push({ cell: a1(top + 1 + n.a, 1 + n.c), text: n.text }, { cell: a1(top + 1 + n.a, rawCol + 1 + n.c), text: `${n.text} The raw rate counts it as a cross-sell.` });
  b.block(0, 0, [["Attach rate, honest and raw: share of accounts owning the row product that also own the column product"]]);
  b.block(1, 0, ruleRows);
  b.block(0, countCol, [["Accounts owning both"]]);
  b.block(top, 0, honest);
  b.block(top, rawCol, raw);
  b.block(top, countCol, count);

  // each meaning cut into rows beside its flag (in the columns after Flag and Found)
  const legendRow = top + P + 2;
  const meaningChars = Math.floor(printedChars - columnWidths[0] - (columnWidths[1] ?? 0));
  const legend: SpecCell[][] = [["Flag", "Found", "What it means"]];
  const flagAt: number[] = [];
  flagRows.forEach((r, i) => {
    flagAt.push(legendRow + legend.length);
    linesOf(meanings[i], meaningChars).forEach((line, k) => legend.push(k === 0 ? [...r, line] : ["", "", line]));
  });
  const rulesText = `Rules, the defaults of XSELL_PAIR_FLAGS (which lists every flag with its evidence): ${pairRulesSentence(DEFAULT_PAIR_RULES, percent)}.`;
  b.block(legendRow, 0, legend);
  const rulesRows = rows(rulesText);
  b.block(legendRow + legend.length, 0, rulesRows);

  b.format({ range: "A1", bold: true, fontColor: COLORS.title, fontSize: 13 });
  b.format({ range: a1Range(1, 0, ruleRows.length, 1), italic: true, fontColor: COLORS.muted });
  b.format({ range: a1Range(0, countCol, 1, 1), bold: true, fontColor: COLORS.title, fontSize: 13 });
  for (const col of [0, rawCol]) b.format({ range: a1Range(top, col, 1, P + 2), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  b.format({ range: a1Range(top, countCol, 1, P + 1), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  for (const col of [0, rawCol, countCol]) b.format({ range: a1Range(top + 1, col, P, 1), bold: true });
  if (P > 0) {
    for (const col of [0, rawCol]) {
      b.format({ range: a1Range(top + 1, col + 1, P, P), numberFormat: "0%", horizontalAlignment: "Center" });
      b.format({ range: a1Range(top + 1, col + P + 1, P, 1), numberFormat: "#,##0" });
      b.conditionalFormats.push({ type: "colorScale", range: a1Range(top + 1, col + 1, P, P), min: COLORS.white, mid: COLORS.mid, max: COLORS.high });
    }
    b.format({ range: a1Range(top + 1, countCol + 1, P, P), numberFormat: "#,##0", horizontalAlignment: "Center" });
    for (const k of PAIR_FLAG_KINDS) {
      if (pairsOf(k) > 0) b.conditionalFormats.push({ type: "textEquals", range: a1Range(top + 1, 1, P, P), text: k, fill: FLAG_FILL[k], fontColor: FLAG_INK[k] });
    }
  }
  b.format({ range: a1Range(legendRow, 0, 1, 3), bold: true, fill: COLORS.header, fontColor: COLORS.headerText });
  b.format({ range: a1Range(legendRow + 1, 0, legend.length - 1, 2), bold: true });
  PAIR_FLAG_KINDS.forEach((k, i) => b.format({ range: a1(flagAt[i], 0), bold: true, fill: FLAG_FILL[k], fontColor: FLAG_INK[k] }));
  b.format({ range: a1Range(legendRow + legend.length, 0, rulesRows.length, 1), italic: true, fontColor: COLORS.muted });
  // a narrow gap between the matrices (the raw and count matrices' own columns are sized from their content)
  b.widths([3], P + 2).widths([3], 2 * P + 5);
  b.freeze = { rows: top + 1, cols: 1 };
  const liftNote = `Lift = attach rate ÷ the column product's share of all accounts; the interval is the attach rate's 95% Wilson interval divided by that share. Honest: flagged pairs${prices ? " and pass-through ownership" : ""} are left out, and so are pairs where either product has fewer than ${min} owners.`;
  adjacencyCharts(b, legendRow + legend.length + rulesRows.length + 1, pairs, linesOf(liftNote, printedChars));
  const box = chartBox(b);
  const end = box ? box.row + box.rows : 0;
  // on paper the honest matrix with its legend and rules, then (a part of its own, so a page of its own) the top
  // pairs with their chart under them: the raw and count matrices beside them stay on screen
  const pairsRow = legendRow + legend.length + rulesRows.length + 1;
  b.print = { area: end > pairsRow ? `${a1Range(0, 0, pairsRow - 1, printedCols)},${a1Range(pairsRow, 0, end - pairsRow, printedCols)}` : a1Range(0, 0, pairsRow - 1, printedCols), repeatRows: 0 };
  b.notes.push({ cell: a1Range(top, 0, 1, 1), text: `min_accounts = ${min}: the rule above. The same matrices as formulas: =XSELL.ADJACENCY(ownership, "attach", ${min}, , ${prices ? "XSELL.PAIR_FLAGS(ownership, prices)" : '"flags"'}) (honest) and =XSELL.ADJACENCY(ownership, "attach", ${min}) (raw).` });
  return b.finish();
}

/** The `n` pairs with the highest lift (both products with at least `min` owners, no flagged cell), with 95% intervals. */
export function topLiftPairs(own: OwnerCounts, counts: Int32Array, min: number, n: number, flagged: ReadonlyMap<number, unknown> = new Map()): LiftPair[] {
  const P = own.products.length;
  const N = own.accounts.length;
  const pairs: LiftPair[] = [];
  for (let a = 0; a < P; a++) {
    const na = own.ownerCounts[a];
    if (na < min || na === 0) continue;
    for (let b = 0; b < P; b++) {
      if (a === b || own.ownerCounts[b] < min || own.ownerCounts[b] === 0 || flagged.has(a * P + b)) continue;
      const share = own.ownerCounts[b] / N;
      const both = counts[a * P + b];
      const [lo, hi] = wilson(both, na);
      pairs.push({ from: own.products[a], to: own.products[b], lift: both / na / share, low: lo / share, high: hi / share });
    }
  }
  return pairs.sort((x, y) => y.lift - x.lift || x.from.localeCompare(y.from) || x.to.localeCompare(y.to)).slice(0, n);
}
