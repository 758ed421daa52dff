import { valueError } from "./errors";
import { isOmitted, scalarArg } from "./table";
import { dateText, dayOfDateText, type DateText } from "./read/cells";
import { isoFromDay, showValue, toDay, toNumber, toText, today, type CellValue } from "./values";

/**
 * A date argument named `name`: any date form. A lone slash date is read only when it shows its own order
 * (06/30/2026 can only be month first); 04/05/2026 is refused: one value has no column to decide it.
 */
function dateArg(fn: string, name: string, raw: unknown): number {
  const d = toDay(raw as CellValue);
  if (d.ok) return d.value;
  if (typeof raw === "string") {
    const t = dateText(raw);
    if (t && t.proves !== "bad" && (t.day !== null || t.proves !== null)) return dayOfDateText(t, t.proves ?? "mdy")!;
    if (t && t.proves === null) throw valueError(fn, `${name}: ${showValue(raw)} could be either day or month first; write it as ${isoOf(t, "mdy")} or ${isoOf(t, "dmy")}`);
  }
  throw valueError(fn, `${name}: ${d.reason}`);
}

const isoOf = (t: DateText, order: "mdy" | "dmy"): string => isoFromDay(dayOfDateText(t, order)!);

/** as_of: a date, defaulting to today. */
export const AS_OF: ArgRule = { name: "as_of", read: "date", default: "today" };

export function asOfArg(fn: string, v: unknown): number {
  return bindArg(fn, AS_OF, v) as number;
}

/** An optional date argument (from, to); null when omitted. */
export function optionalDateArg(fn: string, name: string, v: unknown): number | null {
  return bindArg(fn, { name, read: "date", optional: true }, v) as number | null;
}

// ---------- argument rules: the one binder ----------

/**
 * What a catalog parameter accepts, as data (core/params.ts holds the rules; core/catalog.ts adds the help text;
 * the wrappers' help, the README table and Excel's enums are generated from them). `bindArg` is the one place
 * they are enforced, so a limit changed here changes the function, its help and its tests together.
 */
export interface ArgRule {
  readonly name: string;
  /** How a single value is read: a number, one of `choices`, or a date. */
  readonly read: "number" | "choice" | "date";
  /** The value an omitted argument takes ("today" for a date); absent: required, or null when optional. */
  readonly default?: number | string;
  /** An omitted argument takes the value bound to this other parameter of the same call. */
  readonly defaultFrom?: string;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** The accepted words, canonical spelling first; matched ignoring case, spaces, "-" and "_". */
  readonly choices?: readonly string[];
  /** Other words read as a choice: [word, choice] pairs (a list, so no prototype key is ever looked up). */
  readonly aliases?: readonly (readonly [string, string])[];
  /** Said after a range error, e.g. "write 115% or 1.15". */
  readonly hint?: string;
  /** Whether an omitted argument is allowed (binds to the default, or null without one). */
  readonly optional?: boolean;
}

export type Bound = number | string | null;

/** The normal form two spellings of a choice share: lower case, runs of spaces, "-" and "_" as one "_". */
const choiceKey = (s: string): string => s.trim().toLowerCase().replace(/[\s_-]+/g, "_");

/** a, b or c. */
export const joinOr = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);
/** "a", "b" or "c". */
const orList = (xs: readonly string[]): string => joinOr(xs.map((x) => `"${x}"`));

/** The range a rule allows, in words: "a whole number from 1 to 50", "a share from 0 to 1", "a number ≥ 0". */
export function rangeText(r: ArgRule): string {
  const what = r.integer ? "a whole number" : r.min === 0 && r.max === 1 ? "a share" : "a number";
  if (r.min !== undefined && r.max !== undefined) return `${what} from ${r.min} to ${r.max}`;
  if (r.min !== undefined) return `${what} ≥ ${r.min}`;
  if (r.max !== undefined) return `${what} ≤ ${r.max}`;
  return what;
}

/**
 * The one binder: reads the raw value a host passed for `rule` in function `fn`, applies its default, range and
 * choices, and returns the number, canonical choice or date serial day; errors are one sentence naming both.
 * `bound` holds the values bound so far in the call, for `defaultFrom`.
 */
export function bindArg(fn: string, rule: ArgRule, raw: unknown, bound: Readonly<Record<string, Bound>> = {}): Bound {
  const { name } = rule;
  if (isOmitted(raw)) {
    if (rule.default !== undefined) return rule.read === "date" && rule.default === "today" ? today() : rule.default;
    if (rule.defaultFrom !== undefined) return Object.prototype.hasOwnProperty.call(bound, rule.defaultFrom) ? bound[rule.defaultFrom] : null;
    if (rule.optional) return null;
    throw valueError(fn, `${name} is required`);
  }
  const v = scalarArg(raw);
  if (rule.read === "date") return dateArg(fn, name, v);
  if (rule.read === "choice") {
    const choices = rule.choices ?? [];
    const key = choiceKey(toText(v));
    const hit = choices.find((c) => choiceKey(c) === key) ?? rule.aliases?.find(([word]) => choiceKey(word) === key)?.[1];
    if (hit === undefined) throw valueError(fn, `${name} must be ${orList(choices)}, got ${showValue(v)}${rule.hint ? `; ${rule.hint}` : ""}`);
    return hit;
  }
  const n = toNumber(v);
  if (!n.ok) throw valueError(fn, `${name} must be ${rangeText(rule)}, got ${showValue(v)}`);
  const x = n.value;
  if ((rule.integer && !Number.isInteger(x)) || (rule.min !== undefined && x < rule.min) || (rule.max !== undefined && x > rule.max)) {
    throw valueError(fn, `${name} must be ${rangeText(rule)}, got ${x}${rule.hint ? `; ${rule.hint}` : ""}`);
  }
  return x;
}

/** bindArg for a number rule (a required one, or one with a default). */
export const numberOf = (fn: string, rule: ArgRule, raw: unknown, bound?: Readonly<Record<string, Bound>>): number => {
  const v = bindArg(fn, rule, raw, bound);
  if (typeof v !== "number") throw valueError(fn, `${rule.name} is required`);
  return v;
};

/** bindArg for an optional number rule without a default: null when omitted. */
export const optionalNumberOf = (fn: string, rule: ArgRule, raw: unknown): number | null => bindArg(fn, rule, raw) as number | null;

/** bindArg for a choice rule: the canonical choice. */
export const choiceOf = <T extends string>(fn: string, rule: ArgRule & { readonly choices: readonly T[] }, raw: unknown): T => bindArg(fn, rule, raw) as T;
