/** Adjacency tab: attach-rate matrix with a heat map and owner counts, a count matrix beside it, the rule stated. */
import { valueError } from "../errors";
import { adjacencyValue, coOwnership, wilson } from "../adjacency";
import type { Ownership } from "../ownership";
import { adjacencyCharts, type LiftPair } from "./tab-charts";
import { COLORS, SpecBuilder, a1Range, type SheetSpec, type SpecCell } from "./spec";
import { ownershipOf, type TabInputs } from "./inputs";

const FN = "Adjacency";
export const ADJACENCY_MIN_ACCOUNTS = 5;

export function buildAdjacency(inputs: TabInputs): SheetSpec {
  if (!inputs.ownership) throw valueError(FN, "needs the ownership table");
  const own = ownershipOf(FN, inputs);
  const min = inputs.minAccounts ?? ADJACENCY_MIN_ACCOUNTS;
  const counts = coOwnership(own);
  const P = own.products.length;
  const top = 3; // title, rule, blank
  const attach: SpecCell[][] = [["Owned ↓ / Next →", ...own.products, "Owners"]];
  const count: SpecCell[][] = [["Both owned ↓ / →", ...own.products]];
  for (let a = 0; a < P; a++) {
    const ar: SpecCell[] = [own.products[a]];
    const cr: SpecCell[] = [own.products[a]];
    for (let b = 0; b < P; b++) {
      const v = adjacencyValue(own, counts, "attach", a, b, min);
      ar.push(v === null ? "" : v);
      cr.push(a === b ? "" : counts[a * P + b]);
    }
    ar.push(own.ownerCounts[a]);
    attach.push(ar);
    count.push(cr);
  }
  const countCol = P + 3; // one empty column between the matrices
  const b = new SpecBuilder("Adjacency");
  b.block(0, 0, [["Attach rate: share of accounts owning the row product that also own the column product"]]);
  b.block(1, 0, [[`Rates are left blank where fewer than ${min} accounts own the row product: a rate from a handful of owners is noise, not a pattern. A rate near 100% usually means a forced bundle, not a cross-sell.`]]);
  b.block(0, countCol, [["Accounts owning both"]]);
  b.block(top, 0, attach);
  b.block(top, countCol, count);
  b.format({ range: "A1", bold: true, fontColor: COLORS.title, fontSize: 13 });
  b.format({ range: "A2", italic: true, fontColor: COLORS.muted });
  b.format({ range: a1Range(0, countCol, 1, 1), bold: true, fontColor: COLORS.title, fontSize: 13 });
  b.format({ range: a1Range(top, 0, 1, P + 2), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  b.format({ range: a1Range(top, countCol, 1, P + 1), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  b.format({ range: a1Range(top + 1, 0, P, 1), bold: true });
  b.format({ range: a1Range(top + 1, countCol, P, 1), bold: true });
  if (P > 0) {
    b.format({ range: a1Range(top + 1, 1, P, P), numberFormat: "0%", horizontalAlignment: "Center" });
    b.format({ range: a1Range(top + 1, P + 1, P, 1), numberFormat: "#,##0" });
    b.format({ range: a1Range(top + 1, countCol + 1, P, P), numberFormat: "#,##0", horizontalAlignment: "Center" });
    b.conditionalFormats.push({ type: "colorScale", range: a1Range(top + 1, 1, P, P), min: COLORS.white, mid: COLORS.mid, max: COLORS.high });
  }
  const w = own.products.map((p) => Math.min(16, Math.max(9, p.length + 1)));
  b.widths([24, ...w, 9, 3, 24, ...w]);
  b.freeze = { rows: top + 1, cols: 1 };
  adjacencyCharts(b, top + P + 2, topLiftPairs(own, counts, min, 10), `Lift = attach rate ÷ the column product's share of all accounts; the interval is the attach rate's 95% Wilson interval divided by that share. Pairs where either product has fewer than ${min} owners are left out.`);
  b.notes.push({ cell: a1Range(top, 0, 1, 1), text: `min_accounts = ${min}: the rule above; change it with =XSELL.ADJACENCY(ownership, "attach", n).` });
  return b.finish();
}

/** The `n` pairs with the highest lift (both products with at least `min` owners), with 95% intervals. */
export function topLiftPairs(own: Ownership, counts: Int32Array, min: number, n: number): LiftPair[] {
  const P = own.products.length;
  const N = own.accounts.length;
  const pairs: LiftPair[] = [];
  for (let a = 0; a < P; a++) {
    const na = own.ownerCounts[a];
    if (na < min || na === 0) continue;
    for (let b = 0; b < P; b++) {
      if (a === b || own.ownerCounts[b] < min || own.ownerCounts[b] === 0) continue;
      const share = own.ownerCounts[b] / N;
      const both = counts[a * P + b];
      const [lo, hi] = wilson(both, na);
      pairs.push({ from: own.products[a], to: own.products[b], lift: both / na / share, low: lo / share, high: hi / share });
    }
  }
  return pairs.sort((x, y) => y.lift - x.lift || x.from.localeCompare(y.from) || x.to.localeCompare(y.to)).slice(0, n);
}
