/**
 * The proof functions as the catalog calls them (values exactly as a host passes them; a scalar or a 2D array back;
 * failures throw XsellError). Catalog entries are in ./specs.ts.
 */
import { asOfArg, bindArg, numberOf } from "../args";
import * as rules from "../params";
import { readHistory } from "../history/read";
import { readPrices } from "../whitespace";
import { divError, guard, valueError } from "../errors";
import { resolveModel } from "../model";
import { asGrid, findColumn, isOmitted, readTable, scalarArg } from "../table";
import { isoFromDay, toText, type CellValue } from "../values";
import { backtest, backtestGrid, nothingToBacktest } from "./backtest";
import { conversionGrid } from "./conversion";
import { auc } from "./auc";
import { alignedOutcomes, fitGrid, fitModel } from "./fit-model";
import { readLabeled } from "./read";
import { readBandLabels, requireBothClasses, validationGrid } from "./validate";

/** The chance that a randomly chosen expanded account outranks one that did not (ties count half). */
export function XSELL_AUC(scores: unknown, outcomes: unknown): number {
  const fn = "XSELL_AUC";
  return guard(fn, () => {
    const l = readLabeled(fn, scores, outcomes);
    requireBothClasses(fn, l);
    return auc(l.scores, l.positive);
  });
}

/** AUC with its 95% interval, accounts and positives, conversion per band (Wilson) and lift per score decile. */
export function XSELL_VALIDATE(scores: unknown, outcomes: unknown, bands?: unknown): CellValue[][] {
  const fn = "XSELL_VALIDATE";
  return guard(fn, () => {
    const l = readLabeled(fn, scores, outcomes);
    requireBothClasses(fn, l);
    return validationGrid(l, isOmitted(bands) ? null : readBandLabels(fn, bands, l, l.total));
  });
}

/** Suggested points per criterion from a regularized logistic regression, checked on held-out accounts. */
export function XSELL_FIT_MODEL(data: unknown, outcomes: unknown, model?: unknown, as_of?: unknown): CellValue[][] {
  const fn = "XSELL_FIT_MODEL";
  return guard(fn, () => {
    const table = readTable(fn, data);
    const m = resolveModel(fn, model);
    const wanted = [...new Set(m.criteria.flatMap((c) => c.columns))];
    if (!wanted.some((name) => findColumn(table, name) !== undefined)) {
      throw valueError(fn, `none of the columns the ${m.name} model reads is in data; expected columns such as ${wanted.slice(0, 8).join(", ")}`);
    }
    const outcome = alignedOutcomes(fn, outcomes, table, asGrid(fn, "data", data).length);
    return fitGrid(fitModel(fn, table, m, asOfArg(fn, as_of), outcome));
  });
}

/** Rewinds ownership to as_of, makes the top-k next-product picks and scores them against what was bought next. */
export function XSELL_BACKTEST(subscriptions: unknown, as_of: unknown, horizon_days?: unknown, k?: unknown, prices?: unknown): CellValue[][] {
  const fn = "XSELL_BACKTEST";
  return guard(fn, () => {
    const asOf = bindArg(fn, rules.BACKTEST_AS_OF, as_of) as number;
    const horizon = numberOf(fn, rules.HORIZON_DAYS, horizon_days);
    const top = numberOf(fn, rules.PICKS, k);
    const h = readHistory(fn, subscriptions);
    const b = backtest(fn, h, asOf, horizon, top, (own) => (isOmitted(prices) ? null : readPrices(fn, prices, own)));
    if (b.accounts === 0) throw divError(fn, nothingToBacktest(asOf));
    return backtestGrid(b, isoFromDay(asOf));
  });
}

/** Per trigger, rep, segment or product pairing: opportunities, won, win rate (Wilson) and median days to close. */
export function XSELL_CONVERSION(opportunities: unknown, by?: unknown): CellValue[][] {
  const fn = "XSELL_CONVERSION";
  return guard(fn, () => conversionGrid(fn, opportunities, isOmitted(by) ? null : toText(scalarArg(by))));
}
