/** Whitespace tab: accounts × products, owned cells greyed, gaps as propensity or expected ARR, totals, best first. */
import { checkOutputSize } from "../budgets";
import { valueError } from "../errors";
import { bundleGuard } from "../integrity/honest";
import { accountPropensities, heldText, OWNED, productEconomics, propensities, readPrices, type ProductEconomics } from "../whitespace";
import { DEFAULT_PAIR_RULES } from "../integrity/rules";
import { percent } from "../integrity/flags";
import { COLORS, SpecBuilder, a1, a1Range, type SheetSpec, type SpecCell } from "./spec";
import { optionsFor, ownershipOf, type TabInputs } from "./inputs";
import { whitespaceCharts } from "./tab-charts";
import { PRINTED_ACCOUNTS, printedListTitle } from "./print";

const FN = "Whitespace";

export function buildWhitespace(inputs: TabInputs): SheetSpec {
  if (!inputs.ownership) throw valueError(FN, "needs the ownership table");
  const own = ownershipOf(FN, inputs);
  checkOutputSize(FN, own.accounts.length + 2, own.products.length + 2, `a grid of ${own.accounts.length.toLocaleString("en-US")} accounts × ${own.products.length.toLocaleString("en-US")} products`, "filter ownership to fewer accounts or products; the Scorecard's next product needs one row per account", inputs.destination);
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
  const productTotals = new Float64Array(P);
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
      if (!Number.isNaN(v)) {
        t += v;
        productTotals[p] += v;
      }
    }
    totals[a] = t;
  }
  const order = Array.from({ length: N }, (_, i) => i).sort((x, y) => totals[y] - totals[x] || x - y);
  const totalLabel = prices ? "Total whitespace (expected ARR)" : "Total (expected products)";
  const head: SpecCell[] = ["Account", ...own.products, totalLabel];
  const lastCol = a1(0, P).replace(/\d+$/, "");
  const totalRow: SpecCell[] = ["Total"];
  for (let p = 0; p <= P; p++) {
    const c = a1(0, p + 1).replace(/\d+$/, "");
    totalRow.push({ f: N > 0 ? `=SUM(${c}2:${c}${N + 1})` : "=0" });
  }
  const held = [1, 2, 3].map((k) => heldText(-k - 1));
  // a row per account, made when written (a million accounts × 20 products is never held as cells)
  const accountRow = (r: number): SpecCell[] => {
    const a = order[r];
    const row: SpecCell[] = new Array(P + 2);
    row[0] = own.accounts[a];
    for (let p = 0; p < P; p++) {
      const k = a * P + p;
      row[p + 1] = ownedMask[k] ? held[ownedMask[k] - 1] : Number.isNaN(values[k]) ? "" : values[k];
    }
    // a live total: it follows the user's edits and reads as what it is
    row[P + 1] = { f: `=SUM(B${r + 2}:${lastCol}${r + 2})` };
    return row;
  };
  const b = new SpecBuilder("Whitespace").rows(0, 0, P + 2, { length: N + 2, row: (i) => (i === 0 ? [...head] : i === N + 1 ? [...totalRow] : accountRow(i - 1)) });
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
  economicsRows(b, N + 3, productEconomics(own, prices, DEFAULT_PAIR_RULES.pass_through_share), prices !== null, own.arr.size > 0, P);
  b.freeze = { rows: 1, cols: 1 };
  // on paper the accounts with the most whitespace (the list is sorted by it), then the totals of all accounts and
  // the product economics; portrait fits more rows of short numbers on a page than landscape does
  const printed = Math.min(N, PRINTED_ACCOUNTS);
  if (printed < N) {
    b.block(N + 2, 0, [[`The totals are of all ${N.toLocaleString("en-US")} accounts; the printed copy lists the ${printed} with the most whitespace.`]]);
    b.format({ range: a1(N + 2, 0), italic: true, fontColor: COLORS.muted });
  }
  const used = b.blocks.reduce((m, x) => Math.max(m, x.row + x.cells.length), 0);
  b.print = {
    orientation: "portrait",
    area: printed < N ? `${a1Range(0, 0, printed + 1, P + 2)},${a1Range(N + 1, 0, used - N - 1, P + 2)}` : a1Range(0, 0, used, P + 2),
    title: printedListTitle("Whitespace", printed, N, " by whitespace"),
  };
  b.filter = a1Range(0, 0, N + 1, P + 2);
  whitespaceCharts(b, own.products, productTotals, N, prices !== null);
  b.notes.push({
    cell: "A1",
    text: prices
      ? "Gaps show expected ARR = propensity × price; propensity is the best attach rate into the product from a product the account owns."
      : "Gaps show propensity: the best attach rate into the product from a product the account owns (the product's overall share when it owns nothing that qualifies).",
  });
  return b.finish();
}

/**
 * Product economics under the totals, one column per product as above: owners and pass-through owners, list price
 * and realized ARR per owner, the realized price (÷ list) and the share of accounts owning it; with Start Dates,
 * the share owning by each recent year's end beside the realized price of that year's buyers. Rows are grouped by
 * number format so each group is one format.
 */
function economicsRows(b: SpecBuilder, row: number, e: ProductEconomics, priced: boolean, withArr: boolean, P: number): void {
  const v = (x: number): SpecCell => (Number.isNaN(x) ? "" : x);
  const line = (label: string, xs: ArrayLike<number>): SpecCell[] => [label, ...Array.from(xs, v)];
  const counts: SpecCell[][] = [line("Owners", e.owners)];
  if (priced && withArr) counts.push(line(`Pass-through owners (at most ${percent(DEFAULT_PAIR_RULES.pass_through_share)} of list)`, e.passThrough));
  const money: SpecCell[][] = [];
  if (withArr) money.push(line("Realized ARR per owner", e.arrPerOwner));
  const shares: SpecCell[][] = [];
  if (priced && withArr) shares.push(line("Realized price (÷ list)", e.realized));
  shares.push(line("Share of accounts owning", e.share));
  for (const y of e.years) {
    shares.push(line(`Share owning by the end of ${y.year}`, y.share));
    if (priced && withArr) shares.push(line(`Realized price, bought in ${y.year}`, y.realized));
  }
  const rows = [[`Product economics${priced && withArr ? ": a share that climbs while the realized price falls is attach bought with discounts" : ""}`, ...new Array<SpecCell>(P).fill("")], ...counts, ...money, ...shares];
  b.block(row, 0, rows);
  b.format({ range: a1(row, 0), bold: true, fontColor: COLORS.title });
  b.format({ range: a1Range(row + 1, 0, rows.length - 1, 1), bold: true });
  b.format({ range: a1Range(row + 1, 1, counts.length, P), numberFormat: "#,##0", horizontalAlignment: "Center" });
  if (money.length > 0) b.format({ range: a1Range(row + 1 + counts.length, 1, money.length, P), numberFormat: "$#,##0", horizontalAlignment: "Center" });
  b.format({ range: a1Range(row + 1 + counts.length + money.length, 1, shares.length, P), numberFormat: "0%", horizontalAlignment: "Center" });
  b.notes.push({
    cell: a1(row, 0),
    text: `Realized price = the owners' ARR ÷ (owners × list price). By year: the share of the accounts started by the year's end that own the product (today's owners, so products since dropped are not counted), and the realized price of that year's buyers. XSELL_PAIR_FLAGS with prices lists each pass-through owner.`,
  });
}
