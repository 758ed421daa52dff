import { valueError } from "./errors";
import { isOmitted, scalarArg } from "./table";
import { showValue, toDay, toNumber, today } from "./values";

/** as_of: any date form, defaulting to today. */
export function asOfArg(fn: string, v: unknown): number {
  if (isOmitted(v)) return today();
  const d = toDay(scalarArg(v));
  if (!d.ok) throw valueError(fn, `as_of: ${d.reason}`);
  return d.value;
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
