/** Whitespace tab: accounts × products, owned cells greyed, gaps as propensity or expected ARR, totals, best first. */
import { valueError } from "../errors";
import { bundleGuard } from "../integrity/honest";
import { accountPropensities, heldText, OWNED, propensities, readPrices } from "../whitespace";
import { COLORS, SpecBuilder, a1, a1Range, type SheetSpec, type SpecCell } from "./spec";
import { optionsFor, ownershipOf, type TabInputs } from "./inputs";
import { whitespaceCharts } from "./tab-charts";

const FN = "Whitespace";

export function buildWhitespace(inputs: TabInputs): SheetSpec {
  if (!inputs.ownership) throw valueError(FN, "needs the ownership table");
  const own = ownershipOf(FN, inputs);
  const prices = inputs.prices ? readPrices(FN, inputs.prices, own, optionsFor(inputs, "prices")) : null;
  const pr = propensities(own, inputs.minAccounts ?? 1, bundleGuard(own));
  const P = own.products.length;
  const N = own.accounts.length;
  const owned = new Int32Array(P);
  const prop = new Float64Array(P);
  const src = new Int32Array(P);
  // Gap values in one flat array (NaN = owned or unpriced) so sorting a million cells allocates one buffer.
  const values = new Float64Array(N * P);
  const ownedMask = new Uint8Array(N * P);
  const totals = new Float64Array(N);
  for (let a = 0; a < N; a++) {
    accountPropensities(pr, a, owned, prop, src);
    let t = 0;
    for (let p = 0; p < P; p++) {
      const k = a * P + p;
      if (src[p] <= OWNED) {
        ownedMask[k] = -src[p] - 1; // 1 owned, 2 a bundle's other half, 3 pass-through
        values[k] = NaN;
        continue;
      }
      const v = prices ? prop[p] * prices[p] : prop[p];
      values[k] = v;
      if (!Number.isNaN(v)) t += v;
    }
    totals[a] = t;
  }
  const order = Array.from({ length: N }, (_, i) => i).sort((x, y) => totals[y] - totals[x] || x - y);
  const totalLabel = prices ? "Total whitespace (expected ARR)" : "Total (expected products)";
  const rows: SpecCell[][] = [["Account", ...own.products, totalLabel]];
  const lastCol = a1(0, P).replace(/\d+$/, "");
  for (let r = 0; r < N; r++) {
    const a = order[r];
    const row: SpecCell[] = new Array(P + 2);
    row[0] = own.accounts[a];
    for (let p = 0; p < P; p++) {
      const k = a * P + p;
      row[p + 1] = ownedMask[k] ? heldText(-ownedMask[k] - 1) : Number.isNaN(values[k]) ? "" : values[k];
    }
    // a live total: it follows the user's edits and reads as what it is
    row[P + 1] = { f: `=SUM(B${r + 2}:${lastCol}${r + 2})` };
    rows.push(row);
  }
  const totalRow: SpecCell[] = ["Total"];
  for (let p = 0; p <= P; p++) {
    const c = a1(0, p + 1).replace(/\d+$/, "");
    totalRow.push({ f: N > 0 ? `=SUM(${c}2:${c}${N + 1})` : "=0" });
  }
  rows.push(totalRow);
  const b = new SpecBuilder("Whitespace").block(0, 0, rows);
  const fmt = prices ? "$#,##0" : "0%";
  b.format({ range: a1Range(0, 0, 1, P + 2), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  b.format({ range: a1Range(N + 1, 0, 1, P + 2), bold: true });
  if (N > 0) {
    b.format({ range: a1Range(1, 1, N, P), numberFormat: fmt, horizontalAlignment: "Center" });
    b.conditionalFormats.push({ type: "textEquals", range: a1Range(1, 1, N, P), text: "owned", fill: COLORS.owned, fontColor: COLORS.ownedText });
    b.conditionalFormats.push({ type: "colorScale", range: a1Range(1, 1, N, P), min: COLORS.white, max: COLORS.high });
  }
  // one format per measure: every total is expected ARR, or expected products bought (one decimal), row or column
  const totalFormat = prices ? "$#,##0" : "#,##0.0";
  b.format({ range: a1Range(1, P + 1, N + 1, 1), numberFormat: totalFormat, bold: true });
  b.format({ range: a1Range(N + 1, 1, 1, P), numberFormat: totalFormat });
  b.widths([28, ...own.products.map((p) => Math.min(18, Math.max(10, p.length + 2))), 18]);
  b.freeze = { rows: 1, cols: 1 };
  // a long list of short numbers: portrait fits more accounts on a page than landscape does
  b.print = { orientation: "portrait" };
  b.filter = a1Range(0, 0, N + 1, P + 2);
  whitespaceCharts(b, P, N, prices !== null);
  b.notes.push({
    cell: "A1",
    text: prices
      ? "Gaps show expected ARR = propensity × price; propensity is the best attach rate into the product from a product the account owns."
      : "Gaps show propensity: the best attach rate into the product from a product the account owns (the product's overall share when it owns nothing that qualifies).",
  });
  return b.finish();
}
