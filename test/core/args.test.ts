/**
 * Arguments as data: every catalog parameter's name, default, range and choices, stated here by hand, must be
 * what the catalog declares; and each function must enforce exactly that through the one binder (core/args.ts):
 * the default gives the same result as leaving the argument out, a value just outside the range or a word
 * outside the choices is refused in one sentence naming the function and the argument.
 */
import { describe, expect, it } from "vitest";
import * as functions from "../../core/functions";
import { bindArg, type ArgRule } from "../../core/args";
import { CATALOG, limitsText, paramHelp, sheetsName, type FunctionSpec, type ParamSpec } from "../../core/catalog";
import { XsellError } from "../../core/errors";
import type { CellValue } from "../../core/values";
import { thrown } from "../helpers";

type Limits = Pick<ParamSpec, "default" | "defaultFrom" | "min" | "max" | "integer" | "choices">;

const PERIODS = ["month", "quarter", "year"];
const AS_OF: Limits = { default: "today" };
const MIN_ACCOUNTS: Limits = { default: 1, min: 0, integer: true };
const AMOUNT: Limits = { min: 0 };
const SHARE: Limits = { min: 0, max: 1 };
const NONE: Limits = {};
const EXCLUDE: Limits = { default: "none", choices: ["none", "flags"] };

/** Every parameter with limits, by function and name, as the README and the seeds state them. */
const EXPECTED: Record<string, Limits> = {
  "SCORE.as_of": AS_OF,
  "EXPLAIN.as_of": AS_OF,
  "MODEL.preset": { default: "readiness-100", choices: ["readiness-100", "expansion-100"] },
  "ATTACH_RATE.min_accounts": MIN_ACCOUNTS,
  "ATTACH_RATE.as_of": AS_OF,
  "ATTACH_RATE.exclude": EXCLUDE,
  "LIFT.min_accounts": MIN_ACCOUNTS,
  "LIFT.as_of": AS_OF,
  "ADJACENCY.measure": { default: "attach", choices: ["attach", "lift", "count", "support", "ci_low", "ci_high", "accounts"] },
  "ADJACENCY.min_accounts": MIN_ACCOUNTS,
  "ADJACENCY.as_of": AS_OF,
  "ADJACENCY.exclude": EXCLUDE,
  "WHITESPACE.min_accounts": MIN_ACCOUNTS,
  "WHITESPACE.as_of": AS_OF,
  "WHITESPACE.exclude": EXCLUDE,
  "NEXT_PRODUCT.rank": { default: 1, min: 1, integer: true },
  "NEXT_PRODUCT.as_of": AS_OF,
  "NEXT_PRODUCT.exclude": EXCLUDE,
  "PAIR_FLAGS.as_of": AS_OF,
  "TRIGGERS.as_of": AS_OF,
  "NRR.from": NONE,
  "NRR.to": NONE,
  "GRR.from": NONE,
  "GRR.to": NONE,
  "RETENTION.from": NONE,
  "RETENTION.to": NONE,
  "EXPANSION_NEEDED.start_arr": AMOUNT,
  "EXPANSION_NEEDED.target_nrr": { min: 0, max: 10 },
  "EXPANSION_NEEDED.expected_churn": { default: 0, min: 0 },
  "SCENARIO.accounts": AMOUNT,
  "SCENARIO.base_arr": AMOUNT,
  "SCENARIO.addon_price": AMOUNT,
  "SCENARIO.attach_rate": SHARE,
  "SCENARIO.new_logo_deal": { defaultFrom: "base_arr", min: 0 },
  "SCENARIO.cac_new": { default: 1.13, min: 0 },
  "SCENARIO.cac_expansion": { default: 0.27, min: 0 },
  "SENSITIVITY.accounts": AMOUNT,
  "SENSITIVITY.base_arr": AMOUNT,
  "SENSITIVITY.measure": { default: "arr", choices: ["arr", "lift"] },
  "PROJECTION.accounts": AMOUNT,
  "PROJECTION.base_arr": AMOUNT,
  "PROJECTION.addon_price": AMOUNT,
  "PROJECTION.attach_rate": SHARE,
  "PROJECTION.years": { default: 3, min: 1, max: 50, integer: true },
  "PROJECTION.churn_single": { default: 0.2, min: 0, max: 1 },
  "PROJECTION.churn_multi": { default: 0.08, min: 0, max: 1 },
  "MOVEMENTS.period": { default: "month", choices: PERIODS },
  "MOVEMENTS.from": NONE,
  "MOVEMENTS.to": NONE,
  "MOVEMENTS.as_of": AS_OF,
  "FLOWS.period": { default: "month", choices: PERIODS },
  "FLOWS.from": NONE,
  "FLOWS.to": NONE,
  "FLOWS.as_of": AS_OF,
  "COHORTS.period": { default: "month", choices: PERIODS },
  "COHORTS.measure": { default: "revenue", choices: ["revenue", "logos"] },
  "COHORTS.as_of": AS_OF,
  "TIME_TO_SECOND.as_of": AS_OF,
  "SEQUENCE.within_days": { min: 1, integer: true },
  "SEQUENCE.measure": { default: "share", choices: ["share", "count", "accounts", "median_days"] },
  "PRODUCT_RETENTION.as_of": AS_OF,
  "PRODUCT_RETENTION.months": { default: 12, min: 1, max: 1200, integer: true },
  "FIT_MODEL.as_of": AS_OF,
  "BACKTEST.as_of": NONE,
  "BACKTEST.horizon_days": { default: 365, min: 1, max: 36500, integer: true },
  "BACKTEST.k": { default: 1, min: 1, max: 1000, integer: true },
};

const limitsOf = (p: ParamSpec): Limits => {
  const out: Record<string, unknown> = {};
  for (const k of ["default", "defaultFrom", "min", "max", "integer", "choices"] as const) if (p[k] !== undefined) out[k] = k === "choices" ? [...p[k]!] : p[k];
  return out as Limits;
};
const ruledParams = (): [FunctionSpec, ParamSpec][] => CATALOG.flatMap((f) => f.params.filter((p) => p.read !== undefined).map((p) => [f, p] as [FunctionSpec, ParamSpec]));

describe("each catalog parameter declares its limits as data", () => {
  it("names, defaults, ranges and choices are the ones stated above, parameter by parameter", () => {
    const declared = Object.fromEntries(ruledParams().map(([f, p]) => [`${f.id}.${p.name}`, limitsOf(p)]));
    expect(declared).toEqual(EXPECTED);
  });

  it("names each parameter as its function does", () => {
    for (const f of CATALOG) {
      const impl = (functions as unknown as Record<string, (...a: unknown[]) => unknown>)[sheetsName(f)];
      const head = /^function\s*\w*\s*\(([^)]*)\)/.exec(impl.toString())![1];
      const names = head.split(",").map((s) => s.trim().replace(/[=?:].*$/, "").trim()).filter(Boolean);
      expect(names, f.id).toEqual(f.params.map((p) => p.name));
    }
  });

  it("is optional exactly when it has a default or says it may be left out; a default is the first choice", () => {
    for (const [f, p] of ruledParams()) {
      if (p.default !== undefined || p.defaultFrom !== undefined) expect(p.optional, `${f.id}.${p.name}`).toBe(true);
      if (p.choices) expect(p.choices[0], `${f.id}.${p.name}`).toBe(p.default);
      if (p.defaultFrom) expect(f.params.findIndex((q) => q.name === p.defaultFrom), `${f.id}.${p.name}`).toBeLessThan(f.params.indexOf(p));
    }
  });

  it("says its limits once, in the generated sentence, not in the written description", () => {
    for (const [f, p] of ruledParams()) {
      if (p.default !== undefined) expect(p.description, `${f.id}.${p.name}`).not.toMatch(/\bdefault\b[^:]/i);
      for (const c of p.choices ?? []) expect(p.description, `${f.id}.${p.name}`).not.toContain(`"${c}"`);
      expect(paramHelp(p).endsWith(limitsText(p)), `${f.id}.${p.name}`).toBe(true);
    }
    const years = CATALOG.find((f) => f.id === "PROJECTION")!.params.find((p) => p.name === "years")!;
    expect(limitsText(years)).toBe("A whole number from 1 to 50; default 3.");
    const churn = CATALOG.find((f) => f.id === "PROJECTION")!.params.find((p) => p.name === "churn_single")!;
    expect(limitsText(churn)).toBe("A share from 0 to 1; default 20%.");
    const period = CATALOG.find((f) => f.id === "FLOWS")!.params.find((p) => p.name === "period")!;
    expect(limitsText(period)).toBe('One of "month" (default), "quarter" or "year".');
    expect(limitsText(period, { choices: false })).toBe('Default "month".');
  });

  it("fits Excel's 128 characters of help per parameter (choices go to AutoComplete there)", () => {
    for (const f of CATALOG) for (const p of f.params) expect(paramHelp(p, { choices: false }).length, `${f.id}.${p.name}`).toBeLessThanOrEqual(128);
  });
});

// ---------- enforcement, function by function ----------

const OWNERSHIP: CellValue[][] = [["Account", "Product"], ["A", "CRM"], ["A", "BI"], ["B", "CRM"], ["C", "BI"], ["C", "CRM"], ["D", "Service"]];
const SUBSCRIPTIONS: CellValue[][] = [
  ["Account", "Product", "ARR", "Start Date", "End Date"],
  ["A", "CRM", 1000, "2024-01-01", ""], ["A", "BI", 500, "2024-06-01", ""], ["B", "CRM", 800, "2024-02-01", "2025-03-01"],
  ["C", "CRM", 1200, "2024-01-15", ""], ["C", "Service", 300, "2025-01-10", ""], ["D", "BI", 400, "2024-03-01", ""],
];
const ACCOUNTS: CellValue[][] = [["Account", "NPS", "Seats Used", "Seats Purchased"], ["A", 60, 90, 100], ["B", 10, 20, 100]];
/** Forty accounts whose NPS mostly says who expanded, for the model fit. */
const FIT_DATA: CellValue[][] = [["Account", "NPS"], ...Array.from({ length: 40 }, (_, i) => [`acct ${i}`, i % 2 ? 60 : 10])];
const FIT_OUTCOMES: CellValue[][] = [["Expanded"], ...Array.from({ length: 40 }, (_, i) => [(i % 2 === 1 && i % 6 !== 1) || i % 8 === 0 ? 1 : 0])];

/** A valid call per function, in catalog order; each ruled parameter is then varied on its own. */
const CALLS: Record<string, unknown[]> = {
  SCORE: [ACCOUNTS, null, null, "2026-01-01"],
  EXPLAIN: [ACCOUNTS, null, null, "2026-01-01"],
  MODEL: [null],
  ATTACH_RATE: [OWNERSHIP, "CRM", "BI", null, "2026-01-01", null],
  LIFT: [OWNERSHIP, "CRM", "BI", null, "2026-01-01"],
  ADJACENCY: [OWNERSHIP, null, null, "2026-01-01", null],
  WHITESPACE: [OWNERSHIP, null, null, "2026-01-01", null],
  NEXT_PRODUCT: [OWNERSHIP, null, null, "2026-01-01", null],
  PAIR_FLAGS: [OWNERSHIP, null, "2026-01-01", null],
  TRIGGERS: [ACCOUNTS, null, null, "2026-01-01", null, null],
  NRR: [SUBSCRIPTIONS, null, "2025-01-01", "2025-06-30"],
  GRR: [SUBSCRIPTIONS, null, "2025-01-01", "2025-06-30"],
  RETENTION: [SUBSCRIPTIONS, "2025-01-01", "2025-06-30"],
  EXPANSION_NEEDED: [500000, 1.15, null],
  SCENARIO: [1000, 20000, 12000, 0.35, null, null, null],
  SENSITIVITY: [1000, 20000, [[8000, 12000]], [[0.2], [0.35]], null],
  PROJECTION: [1000, 20000, 12000, 0.35, null, null, null],
  MOVEMENTS: [SUBSCRIPTIONS, null, null, null, "2025-12-31"],
  FLOWS: [SUBSCRIPTIONS, null, null, null, "2025-12-31"],
  COHORTS: [SUBSCRIPTIONS, null, null, "2025-12-31"],
  TIME_TO_SECOND: [SUBSCRIPTIONS, "2025-12-31", null],
  SEQUENCE: [SUBSCRIPTIONS, null, null],
  PRODUCT_RETENTION: [SUBSCRIPTIONS, "2026-06-30", null],
  FIT_MODEL: [FIT_DATA, FIT_OUTCOMES, null, "2026-01-01"],
  BACKTEST: [SUBSCRIPTIONS, "2025-01-01", null, null, null],
};

const call = (f: FunctionSpec, args: unknown[]): unknown => (functions as unknown as Record<string, (...a: unknown[]) => unknown>)[sheetsName(f)](...args);
const withArg = (f: FunctionSpec, p: ParamSpec, v: unknown): unknown[] => CALLS[f.id].map((x, i) => (i === f.params.indexOf(p) ? v : x));

/** Values just outside a rule: below min, above max, between two whole numbers, not a number. */
function outside(p: ParamSpec): unknown[] {
  const out: unknown[] = ["many"];
  if (p.min !== undefined) out.push(p.min - (p.integer ? 1 : 0.01));
  if (p.max !== undefined) out.push(p.max + (p.integer ? 1 : 0.01));
  if (p.integer) out.push((p.min ?? 0) + 1.5);
  return out;
}

describe("every catalog function enforces its parameters' rules through the one binder", () => {
  const cases = ruledParams().filter(([f]) => CALLS[f.id]);
  it("has a valid call for every function with a ruled parameter", () => {
    expect(ruledParams().filter(([f]) => !CALLS[f.id]).map(([f, p]) => `${f.id}.${p.name}`)).toEqual([]);
    for (const id of Object.keys(CALLS)) expect(() => call(CATALOG.find((f) => f.id === id)!, CALLS[id]), id).not.toThrow();
  });

  it.each(cases.map(([f, p]) => [`${f.id}.${p.name}`, f, p] as const))("%s", (_label, f, p) => {
    const fn = sheetsName(f);
    // the declared default is what an omitted argument means
    if (p.default !== undefined && p.read !== "date") expect(call(f, withArg(f, p, p.default))).toEqual(call(f, withArg(f, p, null)));
    if (p.defaultFrom !== undefined) expect(call(f, withArg(f, p, CALLS[f.id][f.params.findIndex((q) => q.name === p.defaultFrom)]))).toEqual(call(f, withArg(f, p, null)));
    // values outside the declared range, or words outside the choices, give one sentence naming function and argument
    const bad = p.read === "choice" ? ["median", "constructor", "__proto__", "toString"] : p.read === "date" ? ["not a date"] : outside(p);
    for (const v of bad) {
      const e = thrown(() => call(f, withArg(f, p, v)));
      expect(e, `${fn} ${p.name}=${String(v)}`).toBeInstanceOf(XsellError);
      expect(e.message.startsWith(`${fn}: ${p.name}`), e.message).toBe(true);
      expect(e.message.split(/[.;] /).length, e.message).toBeLessThanOrEqual(2);
    }
    // every choice is accepted, in any case and with spaces for "_" or "-"
    for (const c of p.choices ?? []) expect(() => call(f, withArg(f, p, ` ${c.toUpperCase().replace(/[_-]/g, " ")} `)), `${fn} ${p.name}=${c}`).not.toThrow();
    // the bounds themselves are accepted
    if (p.read === "number" && p.min !== undefined && p.defaultFrom === undefined && !(f.id === "EXPANSION_NEEDED" && p.name === "target_nrr")) {
      expect(() => call(f, withArg(f, p, p.min)), `${fn} ${p.name}=${p.min}`).not.toThrow();
    }
  });
});

describe("bindArg", () => {
  const rule: ArgRule = { name: "size", read: "choice", choices: ["small", "large"], aliases: [["big", "large"]] };
  it("reads choices and aliases without looking up prototype keys", () => {
    expect(bindArg("F", { ...rule, default: "small" }, null)).toBe("small");
    expect(bindArg("F", rule, "BIG")).toBe("large");
    for (const w of ["constructor", "__proto__", "hasOwnProperty", "valueOf"]) expect(() => bindArg("F", rule, w)).toThrow(`F: size must be "small" or "large", got "${w}"`);
    expect(() => bindArg("F", rule, null)).toThrow("F: size is required");
  });
  it("reads numbers as cells give them, and a default from an earlier argument", () => {
    const n: ArgRule = { name: "n", read: "number", min: 0, max: 1 };
    expect(bindArg("F", n, "35%")).toBeCloseTo(0.35, 12);
    expect(bindArg("F", n, [[0.5]])).toBe(0.5);
    expect(() => bindArg("F", n, 1.5)).toThrow("F: n must be a share from 0 to 1, got 1.5");
    expect(bindArg("F", { name: "m", read: "number", defaultFrom: "n" }, "", { n: 7 })).toBe(7);
  });
});
