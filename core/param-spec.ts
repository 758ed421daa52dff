/**
 * What a catalog parameter is (core/catalog.ts lists them): shape, Excel type, what a 0 means, and the limits of
 * its rule (core/params.ts) with the sentences about them generated here for the help, README and wrappers.
 * Apart from the catalog so the history specs can build parameters without importing the catalog.
 */
import { joinOr, rangeText, type ArgRule } from "./args";

/**
 * One parameter. Its limits (default, min, max, integer, choices) are the rule core/params.ts declares and
 * core/args.ts enforces; the help text's sentence about them is generated (paramHelp), never written as prose.
 */
export interface ParamSpec extends Partial<Omit<ArgRule, "name" | "optional">> {
  readonly name: string;
  readonly description: string;
  /** "range": a 2D array (Excel matrix); "value": a single cell or value. */
  readonly shape: "range" | "value";
  /** Excel's metadata type for the parameter. */
  readonly type: "any" | "number" | "string";
  readonly optional: boolean;
  /**
   * What a 0 may mean here, because Excel desktop passes an empty cell as 0 where the web passes null
   * (office-js #4702, #5262); the Excel wrapper (excel-addin/functions/excel-args.ts) enforces it:
   *  - "omitted": 0 is never a meaningful value (a header row, a model, a date, a rank…): a 0, or a 1×1 range
   *    holding 0, means the argument was left empty; a larger range is read as "rows";
   *  - "same": a 0 and an empty cell read alike here (ARR columns, a churn that defaults to 0): nothing to do;
   *  - "cells": 0 is a real value: zeros that Excel reports as empty cells (when it gives the argument's
   *    address) become blanks, other zeros stay;
   *  - "rows": table rows: as "cells", and where Excel cannot tell, a row of two or more cells holding only
   *    zeros and blanks is a blank row (no account, product or rule is all zeros).
   */
  readonly zero: ZeroMeaning;
}

export type ZeroMeaning = "omitted" | "same" | "cells" | "rows";

/**
 * A single-value parameter read by a rule of core/params.ts: its Excel type, whether it is optional and what a
 * 0 means follow from the rule (a 0 is "omitted" where the rule cannot accept it: choices, dates, min > 0).
 */
export const ruled = (rule: ArgRule, description: string, over: Partial<ParamSpec> = {}): ParamSpec => ({
  ...rule,
  description,
  shape: "value",
  type: rule.read === "number" ? "number" : rule.read === "choice" ? "string" : "any",
  optional: rule.optional === true || rule.default !== undefined || rule.defaultFrom !== undefined,
  zero: rule.read !== "number" || (rule.min ?? 0) > 0 ? "omitted" : "cells",
  ...over,
});

const isShare = (p: ParamSpec): boolean => p.min === 0 && p.max === 1;
const shownDefault = (p: ParamSpec): string | null => {
  if (p.defaultFrom !== undefined) return p.defaultFrom;
  if (p.default === undefined) return null;
  if (typeof p.default === "number") return isShare(p) ? `${+(p.default * 100).toFixed(6)}%` : String(p.default);
  return p.read === "date" ? p.default : `"${p.default}"`;
};

/**
 * The sentence about a parameter's limits, generated from its rule: 'One of "month" (default), "quarter" or
 * "year".', "A whole number from 1 to 50; default 3.", "Default today.". With `choices: false` the choices are
 * left to Excel's AutoComplete (@customenum), since Excel allows 128 characters of help per parameter.
 */
export function limitsText(p: ParamSpec, opts: { choices: boolean } = { choices: true }): string {
  const d = shownDefault(p);
  if (p.read === "choice" && p.choices) {
    if (!opts.choices) return d ? `Default ${d}.` : "";
    const listed = p.choices.map((c) => (c === p.default ? `"${c}" (default)` : `"${c}"`));
    return listed.length > 2 ? `One of ${joinOr(listed)}.` : `${joinOr(listed)}.`;
  }
  if (p.read === "number") {
    const range = rangeText(p as ArgRule);
    return `${range[0].toUpperCase()}${range.slice(1)}${d ? `; default ${d}` : ""}.`;
  }
  return d ? `Default ${d}.` : "";
}

/** A parameter's full help: its description, then the generated sentence about its limits. */
export const paramHelp = (p: ParamSpec, opts?: { choices: boolean }): string => [p.description, limitsText(p, opts)].filter(Boolean).join(" ");

/** A parameter in the README table: `[years = 3]`, `[period = "month" \| "quarter" \| "year"]`, `attach_rate (0–1)`. */
export function argSummary(p: ParamSpec): string {
  const d = shownDefault(p);
  let s = p.name;
  if (p.read === "choice" && p.choices) s += ` = ${p.choices.map((c) => `"${c}"`).join(" \\| ")}`;
  else if (d !== null) s += ` = ${d}`;
  if (p.read === "number") {
    const bounds = p.min !== undefined && p.max !== undefined ? `${p.min}–${p.max}` : p.min !== undefined && (p.min !== 0 || p.integer) ? `≥ ${p.min}` : p.max !== undefined ? `≤ ${p.max}` : "";
    const note = [p.integer ? "whole" : "", bounds].filter(Boolean).join(", ");
    if (note) s += ` (${note})`;
  }
  return p.optional ? `[${s}]` : s;
}

