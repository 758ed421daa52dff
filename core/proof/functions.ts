/**
 * The proof functions as the catalog calls them (values exactly as a host passes them; a scalar or a 2D array back;
 * failures throw XsellError). Catalog entries are in ./specs.ts.
 */
import { guard } from "../errors";
import { isOmitted } from "../table";
import type { CellValue } from "../values";
import { auc } from "./auc";
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
