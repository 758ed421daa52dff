/**
 * The scenario functions of the catalog (core/functions.ts re-exports them): cross-sell revenue against new logos,
 * its sensitivity to price and attach rate, and a year-by-year projection.
 */
import { choiceOf, numberOf } from "./args";
import * as rules from "./params";
import { buyersOf, projection, PROJECTION_HEADERS, scenario, SCENARIO_LABELS } from "./scenario";
import { divError, guard, valueError } from "./errors";
import { asGrid } from "./table";
import { clean, isBlank, showValue, toNumber, type CellValue } from "./values";

/** Cross-sell revenue and its cost against winning the same ARR from new logos (seeds 002 and 004). */
export function XSELL_SCENARIO(accounts: unknown, base_arr: unknown, addon_price: unknown, attach_rate: unknown, new_logo_deal?: unknown, cac_new?: unknown, cac_expansion?: unknown): CellValue[][] {
  const fn = "XSELL_SCENARIO";
  return guard(fn, () => {
    const base = numberOf(fn, rules.BASE_ARR, base_arr);
    const result = scenario({
      accounts: numberOf(fn, rules.ACCOUNTS, accounts),
      baseArr: base,
      addonPrice: numberOf(fn, rules.ADDON_PRICE, addon_price),
      attachRate: numberOf(fn, rules.ATTACH_RATE, attach_rate),
      newLogoDeal: numberOf(fn, rules.NEW_LOGO_DEAL, new_logo_deal, { base_arr: base }),
      cacNew: numberOf(fn, rules.CAC_NEW, cac_new),
      cacExpansion: numberOf(fn, rules.CAC_EXPANSION, cac_expansion),
    });
    return [["Measure", "Value"], ...SCENARIO_LABELS.map(([k, label]) => [label, Number.isNaN(result[k]) ? "" : result[k]])];
  });
}

function valuesOf(fn: string, name: string, v: unknown): number[] {
  const out: number[] = [];
  asGrid(fn, name, v).forEach((row, r) =>
    row.forEach((x, c) => {
      if (isBlank(x)) return;
      const n = toNumber(x);
      if (!n.ok) throw valueError(fn, `${name} row ${r + 1} column ${c + 1}: ${showValue(x)} is not a number`);
      out.push(n.value);
    }),
  );
  if (out.length === 0) throw valueError(fn, `${name} has no numbers`);
  return out;
}

/** A grid of cross-sell ARR (or lift): add-on prices across, attach rates down. */
export function XSELL_SENSITIVITY(accounts: unknown, base_arr: unknown, prices: unknown, attach_rates: unknown, measure?: unknown): CellValue[][] {
  const fn = "XSELL_SENSITIVITY";
  return guard(fn, () => {
    const n = numberOf(fn, rules.ACCOUNTS, accounts);
    const base = numberOf(fn, rules.BASE_ARR, base_arr);
    const m = choiceOf(fn, rules.SENSITIVITY_MEASURE, measure);
    if (m === "lift" && n * base === 0) throw divError(fn, "base ARR is 0, so lift is undefined");
    const priceList = valuesOf(fn, "prices", prices);
    const rates = valuesOf(fn, "attach_rates", attach_rates);
    rates.forEach((r) => {
      if (r < 0 || r > 1) throw valueError(fn, `attach_rates: ${r} is not a share between 0 and 1 (write 35% or 0.35)`);
    });
    const out: CellValue[][] = [[m === "lift" ? "Lift: attach rate ↓ / price →" : "Cross-sell ARR: attach rate ↓ / price →", ...priceList]];
    for (const r of rates) {
      const row: CellValue[] = [r];
      for (const p of priceList) {
        const arr = clean(buyersOf(n, r) * p);
        row.push(m === "lift" ? clean(arr / (n * base)) : arr);
      }
      out.push(row);
    }
    return out;
  });
}

/** Year-by-year ARR with and without the cross-sell, two-product accounts churning less (seed 002), and NRR per year. */
export function XSELL_PROJECTION(accounts: unknown, base_arr: unknown, addon_price: unknown, attach_rate: unknown, years?: unknown, churn_single?: unknown, churn_multi?: unknown): CellValue[][] {
  const fn = "XSELL_PROJECTION";
  return guard(fn, () => {
    const rows = projection(
      numberOf(fn, rules.ACCOUNTS, accounts),
      numberOf(fn, rules.BASE_ARR, base_arr),
      numberOf(fn, rules.ADDON_PRICE, addon_price),
      numberOf(fn, rules.ATTACH_RATE, attach_rate),
      numberOf(fn, rules.YEARS, years),
      numberOf(fn, rules.CHURN_SINGLE_RATE, churn_single),
      numberOf(fn, rules.CHURN_MULTI_RATE, churn_multi),
    );
    return [[...PROJECTION_HEADERS], ...rows.map((y) => [y.year, y.accountsWithout, y.arrWithout, y.singleAccounts, y.multiAccounts, y.arrWith, Number.isNaN(y.nrrWithout) ? "" : y.nrrWithout, Number.isNaN(y.nrrWith) ? "" : y.nrrWith])];
  });
}
