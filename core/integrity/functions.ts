/** XSELL_PAIR_FLAGS: the pairs and account-products whose attach credit is not a cross-sell decision. */
import { asOfArg } from "../args";
import { guard } from "../errors";
import { readOwnership } from "../ownership";
import { isOmitted } from "../table";
import type { CellValue } from "../values";
import { readPrices } from "../whitespace";
import { findFlags, flagsGrid } from "./honest";
import { resolvePairRules } from "./rules";

/** One row per flagged pair or account-product: Product A, Product B, Flag, Accounts, Evidence. */
export function XSELL_PAIR_FLAGS(ownership: unknown, prices?: unknown, as_of?: unknown, rules?: unknown): CellValue[][] {
  const fn = "XSELL_PAIR_FLAGS";
  return guard(fn, () => {
    const own = readOwnership(fn, ownership, asOfArg(fn, as_of));
    const priceList = isOmitted(prices) ? null : readPrices(fn, prices, own);
    const ruleSet = resolvePairRules(fn, rules);
    return flagsGrid(own, findFlags(own, priceList, ruleSet), ruleSet);
  });
}
