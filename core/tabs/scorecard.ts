/** Scorecard tab: one row per account, best first — score, band, top reasons, next product, triggers, coverage. */
import { valueError } from "../errors";
import { resolveModel } from "../model";
import { band, scoreTable, type ScoredTable } from "../score";
import { requireColumn } from "../table";
import { resolveRules, triggerTexts } from "../triggers";
import { gapScratch, nthGap, propensities, readPrices } from "../whitespace";
import { bundleGuard } from "../integrity/honest";
import { toText, type CellValue } from "../values";
import { COLORS, SpecBuilder, a1, a1Range, type SheetSpec, type SpecCell } from "./spec";
import { accountsOf, optionsFor, ownershipOf, type TabInputs } from "./inputs";
import { accountLookup, joinNote } from "../ownership";
import { scorecardCharts } from "./tab-charts";
import { PRINTED_ACCOUNTS, printedListTitle } from "./print";

const FN = "Scorecard";

/**
 * The criteria that earned points, largest first (ties in model order): "Seats 62% > 50% +20; Features yes +15".
 * Only the `n` shown are worded: a million rows need not word every criterion.
 */
function topReasons(scored: ScoredTable, i: number, n = 3): string {
  const top: number[] = [];
  const points = scored.points;
  for (let j = 0; j < points.length; j++) {
    const p = points[j][i];
    if (!(p > 0)) continue;
    // insertion after every criterion with at least as many points keeps the model order among ties
    let at = top.length;
    while (at > 0 && points[top[at - 1]][i] < p) at--;
    if (at < n) {
      top.splice(at, 0, j);
      if (top.length > n) top.pop();
    }
  }
  // joined, not added: an added string is a tree of its parts (about 650 bytes a reason, 650 MB at a million
  // accounts), a joined one a flat copy of its characters (about 90 bytes)
  const words: string[] = new Array(top.length);
  for (let t = 0; t < top.length; t++) words[t] = scored.fragment(i, top[t]);
  return words.join("; ");
}

export function buildScorecard(inputs: TabInputs): SheetSpec {
  if (!inputs.accounts) throw valueError(FN, "needs the account table");
  const table = accountsOf(FN, inputs);
  const accountCol = requireColumn(table, "Account", "to name each account on the scorecard");
  const model = resolveModel(FN, inputs.model);
  const scored = scoreTable(table, model, inputs.asOf);
  const own = inputs.ownership ? ownershipOf(FN, inputs) : null;
  const prices = own && inputs.prices ? readPrices(FN, inputs.prices, own, optionsFor(inputs, "prices")) : null;
  // a forced bundle's other half is never a next best product
  const pr = own ? propensities(own, inputs.minAccounts ?? 1, bundleGuard(own)) : null;
  const lookup = own ? accountLookup(own, table) : null;
  // one model everywhere: the high-score trigger reads the scores this tab shows
  const triggers = triggerTexts(FN, table, own, inputs.asOf, resolveRules(FN, null), scored.scores);
  const scratch = gapScratch(own ? own.products.length : 0);

  // an account is shown by its name, or by its ID where the name is blank; a row with neither cannot be shown
  // (the column report counts those)
  const idCol = table.fields.get("Account ID");
  const nameOf = (row: CellValue[]): string => toText(row[accountCol]) || (idCol === undefined ? "" : toText(row[idCol]));
  const order: number[] = [];
  for (let i = 0; i < table.rows.length; i++) if (!Number.isNaN(scored.scores[i]) && nameOf(table.rows[i]) !== "") order.push(i);
  order.sort((a, b) => scored.scores[b] - scored.scores[a] || a - b);

  const head = ["Account", "Score", "Band", "Top reasons", "Next best product", "Propensity", ...(prices ? ["Expected ARR"] : []), "Triggers", "Coverage"];
  // what each row shows, in flat arrays; the rows themselves are made when written (a million accounts)
  const n = order.length;
  const gapProduct = new Int32Array(n).fill(-1);
  const gapPropensity = new Float64Array(n);
  const gapExpected = new Float64Array(n);
  const reasons: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (own && pr && lookup) {
      const a = lookup(table.rows[i]);
      if (a >= 0) {
        const gap = nthGap(pr, prices, a, 1, scratch);
        if (gap) {
          gapProduct[r] = gap.product;
          gapPropensity[r] = gap.propensity;
          gapExpected[r] = gap.expectedArr;
        }
      }
    }
    reasons[r] = topReasons(scored, i);
  }
  const accountRow = (r: number): SpecCell[] => {
    const i = order[r];
    const g = gapProduct[r];
    const next: SpecCell = g >= 0 ? own!.products[g] : "";
    const propensity: SpecCell = g >= 0 ? gapPropensity[r] : "";
    const score = scored.scores[i];
    const row: SpecCell[] = [nameOf(table.rows[i]), score, band(score), reasons[r], next, propensity];
    if (prices) row.push(g >= 0 && !Number.isNaN(gapExpected[r]) ? gapExpected[r] : "");
    row.push(triggers[i], scored.coverage[i]);
    return row;
  };
  const cols = head.length;
  const b = new SpecBuilder("Scorecard").rows(0, 0, cols, { length: n + 1, row: (r) => (r === 0 ? [...head] : accountRow(r - 1)) });
  const col = (name: string): number => head.indexOf(name);
  b.format({ range: a1Range(0, 0, 1, cols), bold: true, fill: COLORS.header, fontColor: COLORS.headerText });
  if (n > 0) {
    b.format({ range: a1Range(1, col("Score"), n, 1), numberFormat: "0" });
    b.format({ range: a1Range(1, col("Propensity"), n, 1), numberFormat: "0%" });
    if (prices) b.format({ range: a1Range(1, col("Expected ARR"), n, 1), numberFormat: "$#,##0" });
    b.format({ range: a1Range(1, col("Coverage"), n, 1), numberFormat: "0%" });
    // reasons and triggers are read in full, on screen and on paper: wrapped, never cut off at the column's edge
    b.format({ range: a1Range(1, col("Top reasons"), n, 1), wrap: true });
    b.format({ range: a1Range(1, col("Triggers"), n, 1), wrap: true });
    // every cell of a tall row starts on its first line, beside the first line of its reasons
    b.format({ range: a1Range(1, 0, n, cols), verticalAlignment: "Top" });
    b.conditionalFormats.push({ type: "colorScale", range: a1Range(1, col("Score"), n, 1), min: COLORS.low, mid: COLORS.mid, max: COLORS.high });
  }
  // reasons and triggers wrap: they may take a wider column than the rest before their rows grow tall
  b.widthRule = { ...b.widthRule, caps: [col("Top reasons"), col("Triggers")].map((c) => ({ col: c, max: 60 })) };
  b.freeze = { rows: 1, cols: 1 };
  // on paper the best-scored accounts (the list is best first) and the charts; the helper cells stay on screen
  const printed = Math.min(n, PRINTED_ACCOUNTS);
  b.print = { area: a1Range(0, 0, printed + 1, cols), title: printedListTitle("Scorecard", printed, n, " by score") };
  b.filter = a1Range(0, 0, n + 1, cols);
  const unmatched = own ? joinNote(own, table) : "";
  if (unmatched) b.notes.push({ cell: a1(0, col("Next best product")), text: `${unmatched}.` });
  scorecardCharts(b);
  b.notes.push({ cell: "B1", text: `Expansion-readiness score 0–100 (model: ${model.name}); bands: High ≥ 70, Qualified > 60, Nurture 40–60, Low < 40.` });
  scorecardHeaderNotes(b, head);
  return b.finish();
}

/** What the columns a reader asks about mean, as notes on their headers. */
function scorecardHeaderNotes(b: SpecBuilder, head: readonly string[]): void {
  const note = (name: string, text: string): void => {
    const c = head.indexOf(name);
    if (c >= 0) b.notes.push({ cell: a1(0, c), text });
  };
  note("Band", "Bands by score: High ≥ 70 and Qualified > 60 are ready for a cross-sell conversation; Nurture 40–60 needs more adoption first; Low < 40 is not ready yet.");
  note("Propensity", "How likely the account is to buy the next best product: the best attach rate into it from a product the account owns (of the accounts owning that product, the share that also own this one), or the product's overall share when nothing it owns qualifies.");
  note("Expected ARR", "Expected ARR = propensity × the product's list price: what the next best product is worth to this account, weighed by how likely it is to buy.");
  note("Coverage", "The share of the score's points whose inputs this account's row holds, present and readable. A missing signal earns 0 points, so a low coverage means the score may understate the account: fill the gaps before ruling it out.");
}

/** One opportunity as every surface prints it (pane, sidebar, demo), read from the Scorecard by column name. */
export interface Opportunity {
  readonly account: string;
  readonly score: number;
  readonly band: string;
  readonly next: string;
  readonly propensity: number | null;
  readonly expectedArr: number | null;
}

/**
 * The top `n` opportunities on a built Scorecard: by expected ARR of the next best product when prices were
 * given, else by score (the tab's order). Columns are found by their header, never by position.
 */
export function topOpportunities(spec: SheetSpec, n = 5): Opportunity[] {
  const [head = [], ...rows] = spec.blocks[0]?.cells ?? [];
  const col = (name: string): number => head.indexOf(name);
  const [ca, cs, cb, cn, cp, ce] = ["Account", "Score", "Band", "Next best product", "Propensity", "Expected ARR"].map(col);
  const num = (r: readonly SpecCell[], c: number): number | null => (c >= 0 && typeof r[c] === "number" ? (r[c] as number) : null);
  const list = rows.map((r, i) => ({
    i,
    o: { account: toText(r[ca] as CellValue), score: num(r, cs) ?? 0, band: toText(r[cb] as CellValue), next: cn >= 0 ? toText(r[cn] as CellValue) : "", propensity: num(r, cp), expectedArr: num(r, ce) },
  }));
  if (ce >= 0) list.sort((x, y) => (y.o.expectedArr ?? -1) - (x.o.expectedArr ?? -1) || y.o.score - x.o.score || x.i - y.i);
  return list.slice(0, n).map((x) => x.o);
}

/** "Acme: 92 (High) → Analytics (35%, $8,400 expected ARR)": one line per opportunity. */
export function opportunityText(o: Opportunity): string {
  const money = (x: number): string => `$${Math.round(x).toLocaleString("en-US")}`;
  const detail = [o.propensity === null ? "" : `${Math.round(o.propensity * 100)}% propensity`, o.expectedArr === null ? "" : `${money(o.expectedArr)} expected ARR`].filter(Boolean).join(", ");
  return `${o.account}: ${o.score} (${o.band})${o.next ? ` → ${o.next}${detail ? ` (${detail})` : ""}` : ""}`;
}
