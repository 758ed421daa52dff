import { valueError } from "./errors";
import { isOmitted, scalarArg } from "./table";
import { dateText, dayOfDateText, type DateText } from "./read/cells";
import { isoFromDay, showValue, toDay, toNumber, today, type CellValue } from "./values";

/**
 * A date argument named `name`: any date form. A lone slash date is read only when it shows its own order
 * (06/30/2026 can only be month first); 04/05/2026 is refused: one value has no column to decide it.
 */
export function dateArg(fn: string, name: string, raw: unknown): number {
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
export function asOfArg(fn: string, v: unknown): number {
  return isOmitted(v) ? today() : dateArg(fn, "as_of", scalarArg(v));
}

/** An optional date argument (from, to); null when omitted. */
export function optionalDateArg(fn: string, name: string, v: unknown): number | null {
  return isOmitted(v) ? null : dateArg(fn, name, scalarArg(v));
}

/** A required number argument. */
export function numberArg(fn: string, name: string, v: unknown, opts: { min?: number; integer?: boolean; max?: number } = {}): number {
  if (isOmitted(v)) throw valueError(fn, `${name} is required`);
  const raw = scalarArg(v);
  const n = toNumber(raw);
  if (!n.ok) throw valueError(fn, `${name}: ${n.reason}`);
  if (opts.integer && !Number.isInteger(n.value)) throw valueError(fn, `${name}: expected a whole number, got ${showValue(raw)}`);
  if (opts.min !== undefined && n.value < opts.min) throw valueError(fn, `${name}: expected a number ≥ ${opts.min}, got ${n.value}`);
  if (opts.max !== undefined && n.value > opts.max) throw valueError(fn, `${name}: expected a number ≤ ${opts.max}, got ${n.value}`);
  return n.value;
}

/** An optional number argument with a default. */
export function optionalNumberArg(fn: string, name: string, v: unknown, fallback: number, opts: { min?: number; integer?: boolean; max?: number } = {}): number {
  return isOmitted(v) ? fallback : numberArg(fn, name, v, opts);
}
