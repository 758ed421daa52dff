import { valueError } from "./errors";
import { isOmitted, scalarArg } from "./table";
import { dateText, dayOfDateText, type DateText } from "./read/cells";
import { isoFromDay, showValue, toDay, toNumber, today } from "./values";

/**
 * as_of: any date form, defaulting to today. A lone slash date is read only when it shows its own order
 * (06/30/2026 can only be month first); 04/05/2026 is refused: one value has no column to decide it.
 */
export function asOfArg(fn: string, v: unknown): number {
  if (isOmitted(v)) return today();
  const raw = scalarArg(v);
  const d = toDay(raw);
  if (d.ok) return d.value;
  if (typeof raw === "string") {
    const t = dateText(raw);
    if (t && t.proves !== "bad" && (t.day !== null || t.proves !== null)) return dayOfDateText(t, t.proves ?? "mdy")!;
    if (t && t.proves === null) throw valueError(fn, `as_of: ${showValue(raw)} could be either day or month first; write it as ${isoOf(t, "mdy")} or ${isoOf(t, "dmy")}`);
  }
  throw valueError(fn, `as_of: ${d.reason}`);
}

const isoOf = (t: DateText, order: "mdy" | "dmy"): string => isoFromDay(dayOfDateText(t, order)!);

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
