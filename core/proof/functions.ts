/**
 * The proof functions as the catalog calls them (values exactly as a host passes them; a scalar or a 2D array back;
 * failures throw XsellError). Catalog entries are in ./specs.ts.
 */
import { asOfArg } from "../args";
import { guard, valueError } from "../errors";
import { resolveModel } from "../model";
import { asGrid, findColumn, isOmitted, readTable } from "../table";
import type { CellValue } from "../values";
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
