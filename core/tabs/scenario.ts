/**
 * Scenario tab: an inputs block and outputs written as formulas that reference it (change an input, every
 * output recalculates), a sensitivity grid of formulas and a 3-year projection. The formulas are the
 * arithmetic of core/scenario.ts, so the tab agrees with XSELL_SCENARIO and XSELL_PROJECTION.
 */
import { adjacencyValue, coOwnership, PATTERN_MIN_ACCOUNTS } from "../adjacency";
import { findColumn, isBlankRow, readTable } from "../table";
import { CAC_EXPANSION_PER_DOLLAR, CAC_NEW_PER_DOLLAR, CHURN_MULTI, CHURN_SINGLE, PROJECTION_HEADERS, SCENARIO_LABELS, type ScenarioResult } from "../scenario";
import { BUDGETS } from "../limits";
import { toNumber, toText } from "../values";
import { COLORS, SpecBuilder, a1Range, columnLetter, type SheetSpec, type SpecCell } from "./spec";
import { accountsOf, ownershipOf, type TabInputs } from "./inputs";
import { scenarioCharts } from "./tab-charts";

const FN = "Scenario";

export interface ScenarioDefaults {
  accounts: number;
  baseArr: number;
  addonPrice: number;
  attachRate: number;
  sources: { accounts: string; baseArr: string; addonPrice: string; attachRate: string };
}

const round = (x: number, step: number): number => Math.round(x / step) * step;

/** Pre-fills inputs from the user's data where it can, and says where each number came from. */
export function scenarioDefaults(inputs: TabInputs): ScenarioDefaults {
  const d: ScenarioDefaults = {
    accounts: 1000,
    baseArr: 20000,
    addonPrice: 12000,
    attachRate: 0.35,
    sources: { accounts: "assumption (a typical example; type your own)", baseArr: "assumption (a typical example; type your own)", addonPrice: "assumption (a typical example; type your own)", attachRate: "assumption (a typical example; type your own)" },
  };
  if (inputs.accounts) {
    const table = accountsOf(FN, inputs);
    const rows = table.rows.filter((r) => !isBlankRow(r));
    if (rows.length > 0) {
      d.accounts = rows.length;
      d.sources.accounts = `${rows.length} account rows in your table`;
    }
    const arrCol = findColumn(table, "ARR");
    if (arrCol !== undefined) {
      const values = rows.map((r) => toNumber(r[arrCol])).filter((n) => n.ok && n.value > 0).map((n) => (n as { value: number }).value);
      if (values.length > 0) {
        d.baseArr = round(values.reduce((s, v) => s + v, 0) / values.length, 100);
        d.sources.baseArr = `average of the ARR column over ${values.length} accounts`;
      }
    }
  }
  if (inputs.ownership) {
    const own = ownershipOf(FN, inputs);
    // no ARR column on the account table: the ownership table's ARR, summed per account, says what accounts pay
    if (d.sources.baseArr.startsWith("assumption") && own.arr.size > 0) {
      const perAccount = new Map<number, number>();
      for (const [k, v] of own.arr) perAccount.set(Math.floor(k / own.products.length), (perAccount.get(Math.floor(k / own.products.length)) ?? 0) + v);
      const paying = [...perAccount.values()].filter((v) => v > 0);
      if (paying.length > 0) {
        d.baseArr = round(paying.reduce((s, v) => s + v, 0) / paying.length, 100);
        d.sources.baseArr = `average ARR per account in your ownership table, over ${paying.length} accounts`;
      }
    }
    const N = own.accounts.length;
    // the median needs every pair counted: past the cells budget (3,162 products) the default stays
    if (N > 0 && own.products.length ** 2 <= BUDGETS.outputCells) {
      // One add-on attaches like a typical product pair, not like "owns anything else": use the median attach
      // rate over product pairs whose first product has enough owners to be a pattern (the cross-sell playbook's 5).
      const counts = coOwnership(own);
      const P = own.products.length;
      const rates: number[] = [];
      for (let a = 0; a < P; a++) for (let b = 0; b < P; b++) {
        const v = adjacencyValue(own, counts, "attach", a, b, PATTERN_MIN_ACCOUNTS);
        if (v !== null) rates.push(v);
      }
      if (rates.length > 0) {
        rates.sort((x, y) => x - y);
        const mid = rates.length >> 1;
        d.attachRate = Math.round((rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2) * 1000) / 1000;
        d.sources.attachRate = `median attach rate over ${rates.length} product pairs in your ownership table`;
      }
    }
    if (N > 0) {
      if (!inputs.accounts) {
        d.accounts = N;
        d.sources.accounts = `${N} accounts in the ownership table`;
      }
    }
    if (own.arr.size > 0) {
      let sum = 0;
      for (const v of own.arr.values()) sum += v;
      d.addonPrice = round(sum / own.arr.size, 100);
      d.sources.addonPrice = `average ARR per product held, over ${own.arr.size} account-product pairs`;
    }
  }
  if (inputs.prices) {
    const t = readTable(FN, inputs.prices);
    const pc = findColumn(t, "Price");
    const names = findColumn(t, "Product");
    if (pc !== undefined) {
      const ps = t.rows.map((r) => toNumber(r[pc])).filter((n) => n.ok && n.value > 0).map((n) => (n as { value: number }).value);
      if (ps.length > 0) {
        ps.sort((x, y) => x - y);
        d.addonPrice = ps[Math.floor(ps.length / 2)];
        d.sources.addonPrice = `median list price of ${ps.length} products${names !== undefined ? ` (${t.rows.map((r) => toText(r[names])).filter(Boolean).slice(0, 3).join(", ")}…)` : ""}`;
      }
    }
  }
  return d;
}

// ---------- the layout: every row follows from the one before, so a new input moves everything below it ----------

/** Consecutive rows from `first` (1-based, as users see them), one per key in order. */
const rowsFrom = <K extends string>(first: number, keys: readonly K[]): Readonly<Record<K, number>> => Object.fromEntries(keys.map((k, i) => [k, first + i])) as Record<K, number>;

const INPUT_KEYS = ["accounts", "baseArr", "addonPrice", "attachRate", "newLogoDeal", "cacNew", "cacExpansion", "churnSingle", "churnMulti"] as const;
/** Input cells (column B) by row, under the title and the instruction line. */
export const SCENARIO_INPUT_ROWS = rowsFrom(3, INPUT_KEYS);
/** "Outputs (formulas)", a blank row after the last input. */
const OUTPUTS_TITLE_ROW = SCENARIO_INPUT_ROWS.churnMulti + 2;
/** Output cells (column B) by row, in XSELL_SCENARIO's order and with its labels. */
export const SCENARIO_OUTPUT_ROWS: Readonly<Record<keyof ScenarioResult, number>> = rowsFrom(OUTPUTS_TITLE_ROW + 1, SCENARIO_LABELS.map(([k]) => k));
const LAST_OUTPUT_ROW = OUTPUTS_TITLE_ROW + SCENARIO_LABELS.length;
/** Sensitivity: prices at 50%–150% of the add-on price across, attach rates around the input down. */
const PRICE_STEPS = [0.5, 0.75, 1, 1.25, 1.5];
const RATE_STEPS = [-0.15, -0.1, -0.05, 0, 0.05, 0.1];
/** The sensitivity grid's header row: its title, then the header, after a blank row. */
export const SENSITIVITY_HEADER_ROW = LAST_OUTPUT_ROW + 3;
const PROJECTION_YEARS = 3;
/** Year 0's NRR: there is no year before it. */
export const NO_NRR = "—";
/** Year 0 of the projection: a blank row, its title and its header after the sensitivity grid. */
export const PROJECTION_FIRST_ROW = SENSITIVITY_HEADER_ROW + RATE_STEPS.length + 4;

/** The formula behind each output of XSELL_SCENARIO, in its cells' terms. */
function outputFormulas(I: typeof SCENARIO_INPUT_ROWS, O: typeof SCENARIO_OUTPUT_ROWS): Record<keyof ScenarioResult, string> {
  return {
    baseArr: `=B${I.accounts}*B${I.baseArr}`,
    // a count of accounts: whole, and the dollars below are computed from the whole count (buyers × price)
    buyers: `=ROUND(B${I.accounts}*B${I.attachRate},0)`,
    crossSellArr: `=B${O.buyers}*B${I.addonPrice}`,
    lift: `=IF(B${O.baseArr}=0,"",B${O.crossSellArr}/B${O.baseArr})`,
    dealsNeeded: `=IF(B${I.newLogoDeal}>0,ROUNDUP(ROUND(B${O.crossSellArr}/B${I.newLogoDeal},6),0),"")`,
    costAsNewLogos: `=B${O.crossSellArr}*B${I.cacNew}`,
    costAsCrossSell: `=B${O.crossSellArr}*B${I.cacExpansion}`,
    costAvoided: `=B${O.costAsNewLogos}-B${O.costAsCrossSell}`,
  };
}

const money2 = (x: number): string => `$${x.toFixed(2)}`;
const pct0 = (x: number): string => `${Math.round(x * 100)}%`;

export function buildScenario(inputs: TabInputs): SheetSpec {
  const d = scenarioDefaults(inputs);
  const f = (formula: string): SpecCell => ({ f: formula });
  const I = SCENARIO_INPUT_ROWS;
  const O = SCENARIO_OUTPUT_ROWS;
  const b = new SpecBuilder("Scenario");
  b.block(0, 0, [["Cross-sell scenario"], ["Inputs: change any yellow cell and every output, the sensitivity grid and the projection recalculate."]]);
  b.block(I.accounts - 1, 0, [
    ["Accounts", d.accounts, d.sources.accounts],
    ["Average ARR per account", d.baseArr, d.sources.baseArr],
    ["Add-on price (annual)", d.addonPrice, d.sources.addonPrice],
    ["Attach rate (share of accounts that buy the add-on)", d.attachRate, d.sources.attachRate],
    ["New-logo deal size", d.baseArr, "same as the average account unless you know better"],
    ["Sales & marketing cost per new-logo dollar", CAC_NEW_PER_DOLLAR, `industry benchmark: ${money2(CAC_NEW_PER_DOLLAR)}`],
    ["Sales & marketing cost per expansion dollar", CAC_EXPANSION_PER_DOLLAR, `industry benchmark: ${money2(CAC_EXPANSION_PER_DOLLAR)}`],
    ["Yearly churn, single-product accounts", CHURN_SINGLE, `Bain & Company: about ${pct0(CHURN_SINGLE)}`],
    ["Yearly churn, two-product accounts", CHURN_MULTI, `Bain & Company: about ${pct0(CHURN_MULTI)}`],
  ]);
  b.block(OUTPUTS_TITLE_ROW - 1, 0, [["Outputs (formulas)"]]);
  const formulas = outputFormulas(I, O);
  b.block(O.baseArr - 1, 0, SCENARIO_LABELS.map(([k, label]) => [label, f(formulas[k])]));
  const H = SENSITIVITY_HEADER_ROW;
  const priceSteps = PRICE_STEPS;
  const rateSteps = RATE_STEPS;
  b.block(H - 2, 0, [["Sensitivity: cross-sell ARR by attach rate (down) and add-on price (across)"]]);
  const grid: SpecCell[][] = [["Attach rate ↓ / price →", ...priceSteps.map((s) => f(`=ROUND($B$${I.addonPrice}*${s},0)`))]];
  rateSteps.forEach((s, i) => {
    const r = H + 1 + i;
    const rate = s === 0 ? f(`=$B$${I.attachRate}`) : f(`=MIN(1,MAX(0,$B$${I.attachRate}${s > 0 ? "+" : ""}${s}))`);
    grid.push([rate, ...priceSteps.map((_, j) => f(`=ROUND($B$${I.accounts}*$A${r},0)*${columnLetter(1 + j)}$${H}`))]);
  });
  b.block(H - 1, 0, grid);
  // Projection: year 0 today; the add-on bought at the start of year 1; churn by product count.
  const R = PROJECTION_FIRST_ROW;
  // the title says the churn rates in words and follows the inputs (a formula, not a cell address)
  b.block(R - 3, 0, [[f(`="${PROJECTION_YEARS}-year projection: two-product accounts churn "&TEXT($B$${I.churnMulti},"0%")&" a year, single-product accounts "&TEXT($B$${I.churnSingle},"0%")&"; no new logos"`)]]);
  const proj: SpecCell[][] = [[...PROJECTION_HEADERS]];
  const withArr = (r: number): SpecCell => f(`=D${r}*$B$${I.baseArr}+E${r}*($B$${I.baseArr}+$B$${I.addonPrice})`);
  // year 0 is the base: there is no year before it to grow from, so its NRR is a dash (noted), not a blank
  proj.push([0, f(`=$B$${I.accounts}`), f(`=B${R}*$B$${I.baseArr}`), f(`=$B$${I.accounts}`), 0, withArr(R), NO_NRR, NO_NRR]);
  for (let y = 1; y <= PROJECTION_YEARS; y++) {
    const r = R + y;
    proj.push([
      y,
      f(`=B${r - 1}*(1-$B$${I.churnSingle})`),
      f(`=B${r}*$B$${I.baseArr}`),
      // year 1: the whole number of buyers from the outputs takes the add-on, the rest stay single-product
      y === 1 ? f(`=($B$${I.accounts}-$B$${O.buyers})*(1-$B$${I.churnSingle})`) : f(`=D${r - 1}*(1-$B$${I.churnSingle})`),
      y === 1 ? f(`=$B$${O.buyers}*(1-$B$${I.churnMulti})`) : f(`=E${r - 1}*(1-$B$${I.churnMulti})`),
      withArr(r),
      f(`=IF(C${r - 1}=0,"",C${r}/C${r - 1})`),
      f(`=IF(F${r - 1}=0,"",F${r}/F${r - 1})`),
    ]);
  }
  b.block(R - 2, 0, proj);

  b.format({ range: "A1", bold: true, fontSize: 14, fontColor: COLORS.title });
  b.format({ range: "A2", italic: true, fontColor: COLORS.muted });
  b.format({ range: a1Range(I.accounts - 1, 1, INPUT_KEYS.length, 1), fill: COLORS.inputFill, bold: true });
  b.format({ range: a1Range(I.accounts - 1, 2, INPUT_KEYS.length, 1), italic: true, fontColor: COLORS.muted });
  b.format({ range: `B${I.accounts}`, numberFormat: "#,##0" });
  b.format({ range: `B${I.baseArr}:B${I.addonPrice}`, numberFormat: "$#,##0" });
  b.format({ range: `B${I.attachRate}`, numberFormat: "0.0%" });
  b.format({ range: `B${I.newLogoDeal}`, numberFormat: "$#,##0" });
  b.format({ range: `B${I.cacNew}:B${I.cacExpansion}`, numberFormat: "$0.00" });
  b.format({ range: `B${I.churnSingle}:B${I.churnMulti}`, numberFormat: "0%" });
  b.format({ range: `A${OUTPUTS_TITLE_ROW}`, bold: true, fontColor: COLORS.title });
  b.format({ range: `B${O.baseArr}`, numberFormat: "$#,##0" });
  b.format({ range: `B${O.buyers}`, numberFormat: "#,##0" });
  b.format({ range: `B${O.crossSellArr}`, numberFormat: "$#,##0" });
  b.format({ range: `B${O.lift}`, numberFormat: "0.0%" });
  b.format({ range: `B${O.dealsNeeded}`, numberFormat: "#,##0" });
  b.format({ range: `B${O.costAsNewLogos}:B${O.costAvoided}`, numberFormat: "$#,##0" });
  b.format({ range: `A${O.costAvoided}:B${O.costAvoided}`, bold: true });
  b.format({ range: `A${H - 1}`, bold: true, fontColor: COLORS.title });
  const [rates, prices] = [RATE_STEPS.length, PRICE_STEPS.length];
  b.format({ range: a1Range(H - 1, 0, 1, prices + 1), bold: true, fill: COLORS.header, fontColor: COLORS.headerText });
  b.format({ range: a1Range(H - 1, 1, 1, prices), numberFormat: "$#,##0" });
  b.format({ range: a1Range(H, 0, rates, 1), numberFormat: "0%", bold: true });
  b.format({ range: a1Range(H, 1, rates, prices), numberFormat: "$#,##0" });
  b.conditionalFormats.push({ type: "colorScale", range: a1Range(H, 1, rates, prices), min: COLORS.white, max: COLORS.high });
  b.format({ range: `A${R - 2}`, bold: true, fontColor: COLORS.title });
  const years = PROJECTION_YEARS + 1;
  b.format({ range: a1Range(R - 2, 0, 1, PROJECTION_HEADERS.length), bold: true, fill: COLORS.header, fontColor: COLORS.headerText, wrap: true });
  // accounts are counted whole on the display; the formulas keep the expected counts (as XSELL_PROJECTION does)
  b.format({ range: a1Range(R - 1, 1, years, 1), numberFormat: "#,##0" });
  b.format({ range: a1Range(R - 1, 2, years, 1), numberFormat: "$#,##0" });
  b.format({ range: a1Range(R - 1, 3, years, 2), numberFormat: "#,##0" });
  b.format({ range: a1Range(R - 1, 5, years, 1), numberFormat: "$#,##0" });
  b.format({ range: a1Range(R - 1, 6, years, 2), numberFormat: "0.0%" });
  b.format({ range: a1Range(R - 1, 6, 1, 2), horizontalAlignment: "Right" });
  // the inputs' and outputs' labels are read in full: a wider label column than the default cap
  b.widthRule = { ...b.widthRule, caps: [{ col: 0, max: 54 }] };
  scenarioCharts(b);
  b.notes.push({ cell: `B${O.dealsNeeded}`, text: "Whole deals: the same ARR from new logos needs ROUNDUP(cross-sell ARR ÷ deal size) closed deals." });
  b.notes.push({ cell: `B${I.attachRate}`, text: d.sources.attachRate });
  b.notes.push({ cell: `B${O.buyers}`, text: "Whole accounts: ROUND(accounts × attach rate). Cross-sell ARR is this count × the add-on price, and the sensitivity grid counts buyers the same way." });
  b.notes.push({ cell: `B${R - 1}`, text: "Accounts are shown whole; after churn the cells hold expected counts (fractions of an account), and each year's ARR is that count × its ARR, so it can differ from the shown count × ARR by less than one account's ARR." });
  b.notes.push({ cell: `G${R}`, text: "NRR compares a year's ARR with the year before; year 0 is the starting point, so it has none." });
  return b.finish();
}
