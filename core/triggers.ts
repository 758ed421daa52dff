/**
 * Cross-sell triggers per account (seeds 000 and 003): usage threshold, product gap, success window,
 * purchase recency, renewal hold and high score. A renewal within the hold window, or a purchase too recent,
 * holds every cross-sell trigger ("keep the cross-sell separate from the renewal", seed 000).
 */
import { valueError } from "./errors";
import { normalizeHeader } from "./headers";
import { accountLookup, type Ownership } from "./ownership";
import { resolveModel } from "./model";
import { scoreTable } from "./score";
import { asGrid, findColumn, isBlankRow, isOmitted, type Table } from "./table";
import { accountPropensities, propensities } from "./whitespace";
import { bundleGuard } from "./integrity/honest";
import { isMissing, showValue, toDay, toNumber, toText, type CellValue } from "./values";

export interface RuleSpec {
  readonly rule: string;
  readonly parameter: string;
  readonly value: number;
  readonly description: string;
}

export const DEFAULT_RULES: readonly RuleSpec[] = [
  { rule: "threshold", parameter: "min_plan_usage", value: 0.75, description: "Fires when plan usage reaches this share of the plan limit (default 75%)." },
  { rule: "gap", parameter: "min_attach_rate", value: 0.4, description: "Owns A but not B, where this share of A's owners also own B." },
  { rule: "gap", parameter: "min_owners", value: 5, description: "A gap counts only when at least this many accounts own A." },
  { rule: "success_window", parameter: "from_day", value: 60, description: "Success window opens this many days after Start Date (60–90 days by default)." },
  { rule: "success_window", parameter: "to_day", value: 90, description: "Success window closes this many days after Start Date." },
  { rule: "purchase_recency", parameter: "min_days", value: 90, description: "Eligible once the last purchase is more than this many days ago; sooner is too soon and holds cross-sell." },
  { rule: "renewal", parameter: "hold_days", value: 90, description: "A renewal within this many days holds all cross-sell triggers." },
  { rule: "high_score", parameter: "min_score", value: 70, description: "Fires when XSELL_SCORE reaches this score (70+ by default)." },
];

export const RULE_HEADERS = ["Rule", "Parameter", "Value", "Description"];

export type Rules = Map<string, number | null>; // "rule.parameter" → value; null = off

export function rulesTable(): CellValue[][] {
  return [RULE_HEADERS, ...DEFAULT_RULES.map((r) => [r.rule, r.parameter, r.value, r.description])];
}

/** Defaults overridden by an edited rules table; "off" in Value disables that rule. */
export function resolveRules(fn: string, arg: unknown): Rules {
  const rules: Rules = new Map(DEFAULT_RULES.map((r) => [`${r.rule}.${r.parameter}`, r.value]));
  if (isOmitted(arg)) return rules;
  const grid = asGrid(fn, "rules", arg);
  const header = (grid[0] ?? []).map((v) => normalizeHeader(toText(v)));
  const [cr, cp, cv] = ["rule", "parameter", "value"].map((h) => header.indexOf(h));
  if (cr < 0 || cp < 0 || cv < 0) throw valueError(fn, "rules must have the columns Rule, Parameter, Value (spill XSELL_RULES() for a template)");
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (row.every((v) => isMissing(v))) continue;
    const key = `${toText(row[cr]).toLowerCase()}.${toText(row[cp]).toLowerCase()}`;
    if (!rules.has(key)) throw valueError(fn, `rules row ${r + 1}: unknown rule ${showValue(`${toText(row[cr])} ${toText(row[cp])}`)}; known: ${DEFAULT_RULES.map((d) => `${d.rule} ${d.parameter}`).join(", ")}`);
    const raw = row[cv];
    if (typeof raw === "string" && raw.trim().toLowerCase() === "off") {
      const rule = key.split(".")[0];
      for (const k of rules.keys()) if (k.startsWith(`${rule}.`)) rules.set(k, null);
      continue;
    }
    const n = toNumber(raw);
    if (!n.ok || n.value < 0) throw valueError(fn, `rules row ${r + 1} (${key.replace(".", " ")}): Value ${showValue(raw)} is not a number ≥ 0 or "off"`);
    rules.set(key, n.value);
  }
  return rules;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * One text per data row ("" when nothing fires), most urgent first. The high-score trigger uses the scores of
 * the model in use: `scores` when the caller has them already (the Scorecard does), else `model`'s scores.
 * Unreadable cells are missing here as everywhere: they fire nothing and stop nothing.
 */
export function triggerTexts(fn: string, table: Table, own: Ownership | null, asOf: number, rules: Rules, scores?: Float64Array, model: unknown = null): string[] {
  const get = (k: string): number | null => rules.get(k) ?? null;
  const col = (name: string): number | undefined => findColumn(table, name);
  const cPlanUsage = col("Plan Usage");
  const cUsage = col("Usage");
  const cLimit = col("Plan Limit");
  const cStart = col("Start Date");
  const cLast = col("Last Purchase Date");
  const cRenewal = col("Renewal Date");
  const minScore = get("high_score.min_score");
  const rowScores = minScore === null ? null : (scores ?? scoreTable(table, resolveModel(fn, model), asOf).scores);
  const lookup = own ? accountLookup(own, table) : null;
  const minOwners = get("gap.min_owners");
  const minAttach = get("gap.min_attach_rate");
  const pr = own && minOwners !== null && minAttach !== null ? propensities(own, Math.max(1, minOwners), bundleGuard(own)) : null;
  const P = own ? own.products.length : 0;
  const scratch = { owned: new Int32Array(P), prop: new Float64Array(P), src: new Int32Array(P) };

  const day = (row: CellValue[], c: number | undefined): number | null => {
    if (c === undefined || isMissing(row[c])) return null;
    const d = toDay(row[c]);
    return d.ok ? d.value : null;
  };
  const num = (row: CellValue[], c: number | undefined): number | null => {
    if (c === undefined || isMissing(row[c])) return null;
    const n = toNumber(row[c]);
    if (!n.ok) return null;
    return n.value;
  };

  return table.rows.map((row, r) => {
    if (isBlankRow(row)) return "";
    const holds: string[] = [];
    const fired: string[] = [];
    let eligible = "";
    const renewal = day(row, cRenewal);
    const holdDays = get("renewal.hold_days");
    if (renewal !== null && holdDays !== null && renewal >= asOf && renewal - asOf <= holdDays) holds.push(`Hold: renewal in ${renewal - asOf} d`);
    const last = day(row, cLast);
    const minDays = get("purchase_recency.min_days");
    if (last !== null && minDays !== null) {
      const ago = asOf - last;
      if (ago > minDays) eligible = `Eligible: last purchase ${ago} d ago`;
      else holds.push(`Too soon: last purchase ${ago} d ago`);
    }
    const minUsage = get("threshold.min_plan_usage");
    if (minUsage !== null) {
      let usage = num(row, cPlanUsage);
      if (usage === null) {
        const u = num(row, cUsage);
        const l = num(row, cLimit);
        if (u !== null && l !== null && l > 0) usage = u / l;
      }
      if (usage !== null && usage >= minUsage) fired.push(`Usage ${pct(usage)} of plan ≥ ${pct(minUsage)}`);
    }
    if (pr && own && lookup) {
      const a = lookup(row);
      if (a >= 0) {
        accountPropensities(pr, a, scratch.owned, scratch.prop, scratch.src);
        const gaps: [number, number, number][] = [];
        for (let p = 0; p < P; p++) if (scratch.src[p] >= 0 && scratch.prop[p] >= (minAttach as number)) gaps.push([scratch.prop[p], scratch.src[p], p]);
        gaps.sort((x, y) => y[0] - x[0] || x[2] - y[2]);
        for (const [rate, from, to] of gaps.slice(0, 3)) fired.push(`Gap: owns ${own.products[from]}, not ${own.products[to]} (${pct(rate)} attach)`);
      }
    }
    const from = get("success_window.from_day");
    const to = get("success_window.to_day");
    const start = day(row, cStart);
    if (start !== null && from !== null && to !== null) {
      const d = asOf - start;
      if (d >= from && d <= to) fired.push(`Success window: day ${d} of ${from}–${to}`);
    }
    if (rowScores && minScore !== null && !Number.isNaN(rowScores[r]) && rowScores[r] >= minScore) fired.push(`Score ${rowScores[r]} ≥ ${minScore}`);
    if (eligible) fired.push(eligible);
    if (holds.length === 0) return fired.join("; ");
    const held = fired.filter((f) => !f.startsWith("Eligible"));
    return `${holds.join("; ")}${held.length ? ` (held: ${held.join("; ")})` : ""}`;
  });
}
